/**
 * The documents that travel with a release (archives and the `@jaunt/cli`
 * npm package): a README written for readers without the repository, whose
 * links point at files shipped next to it, the LICENSE, and the user docs.
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "./compile.ts";

/** User-facing docs shipped under `docs/` (the README links to each). */
export const RELEASE_DOCS = ["spec-guide.md", "configuration.md", "providers.md", "shipping.md", "troubleshooting.md"] as const;

/** Copies README.md (packaging/release/README.md), LICENSE and docs/… into `dir`; returns the top-level entries. */
export async function stageReleaseDocs(dir: string): Promise<string[]> {
  await mkdir(path.join(dir, "docs"), { recursive: true });
  await copyFile(path.join(REPO_ROOT, "packaging", "release", "README.md"), path.join(dir, "README.md"));
  await copyFile(path.join(REPO_ROOT, "LICENSE"), path.join(dir, "LICENSE"));
  for (const doc of RELEASE_DOCS) await copyFile(path.join(REPO_ROOT, "docs", doc), path.join(dir, "docs", doc));
  return ["README.md", "LICENSE", "docs"];
}
