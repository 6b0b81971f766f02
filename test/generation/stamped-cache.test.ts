/**
 * Generation's config-derived caches live as long as the process, and
 * `jaunt watch` keeps its process and Workers between saves: an edit to
 * tsconfig.json or package.json must be seen by the next build.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectSpecifierStyle } from "../../src/generation/prompts/project-specifier-style.ts";
import { StampedCache } from "../../src/generation/stamped-cache.ts";
import { projectSemantics } from "../../src/generation/validate/project-semantics.ts";
import { loadTypeScript } from "../../src/generation/validate/typescript-parser.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-stamped-")));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) write(root, name, text);
  return root;
}

function write(root: string, name: string, text: string): void {
  const file = path.join(root, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

// Entries from files written within the racy margin (2 s, ctime included) are not kept: let the projects age once.
let plain = "";
let semanticsRoot = "";
let styleRoot = "";
beforeAll(async () => {
  plain = project({ "a.json": "1" });
  semanticsRoot = project({ "package.json": "{}", "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true } }), "src/__generated__/.keep": "" });
  styleRoot = project({
    "package.json": JSON.stringify({ type: "module" }),
    "tsconfig.base.json": JSON.stringify({ compilerOptions: { module: "preserve", moduleResolution: "bundler" } }),
    "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json" }),
  });
  await Bun.sleep(2100);
});

test("an entry is served while its inputs keep their stamps, dropped when one changes or appears, and not kept when an input is racy", () => {
  const cache = new StampedCache<string>();
  cache.set("k", "first", [path.join(plain, "a.json"), path.join(plain, "b.json")]);
  expect(cache.get("k")).toBe("first");
  write(plain, "b.json", "new");
  expect(cache.get("k")).toBeUndefined();
  cache.set("k", "second", [path.join(plain, "b.json")]);
  expect(cache.get("k")).toBeUndefined();
});

test("the type check's project semantics follow a tsconfig.json edited in the same process", async () => {
  const ts = await loadTypeScript();
  const root = semanticsRoot;
  const dir = path.join(root, "src/__generated__");
  expect(projectSemantics(ts, root, dir).types).toEqual([]);
  expect(projectSemantics(ts, root, dir)).toBe(projectSemantics(ts, root, dir)); // cached while unchanged
  write(root, "tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, types: ["bun"] } }));
  expect(projectSemantics(ts, root, dir).types).toEqual(["bun"]);
});

test("the prompt's specifier style follows a base tsconfig and package.json edited in the same process", async () => {
  const root = styleRoot;
  const style = () => projectSpecifierStyle(root, "src/__generated__/slug.ts", "export {};\n");
  expect((await style()).required).toBe(false);
  write(root, "tsconfig.base.json", JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext" } }));
  expect(await style()).toMatchObject({ extension: "js", required: true });
  write(root, "package.json", JSON.stringify({ type: "commonjs" }));
  expect((await style()).required).toBe(false);
});
