/**
 * Checks that a shipped README's relative links work where it is shipped
 * (a release archive, an npm tarball): each names a file or folder inside
 * the unpacked folder, none points above it.
 */
import { expect } from "bun:test";
import fs from "node:fs";
import path from "node:path";

/** Relative link targets of a markdown text (`[x](docs/a.md)`), without anchors. */
export function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "").filter((t) => !/^(?:[a-z]+:|#)/.test(t)).map((t) => t.replace(/#.*$/, ""));
}

/** Every relative link of `dir/README.md` (more than three) names a file or folder inside `dir`. */
export function expectReadmeLinksInside(dir: string): void {
  const links = relativeLinks(fs.readFileSync(path.join(dir, "README.md"), "utf8"));
  expect(links.length).toBeGreaterThan(3);
  for (const link of links) {
    const target = path.resolve(dir, link);
    expect(target.startsWith(`${dir}${path.sep}`), link).toBe(true);
    expect(fs.existsSync(target), link).toBe(true);
  }
}
