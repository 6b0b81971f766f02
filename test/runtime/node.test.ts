import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRuntime } from "../../runtime/build.ts";
import { copyFixture, RUNTIME_DIR } from "./fixture-project.ts";

// A packed-looking @jaunt/runtime: package.json + the Node bundles from build.ts.
let runtimePackage: string;

beforeAll(async () => {
  runtimePackage = mkdtempSync(join(tmpdir(), "jaunt-"));
  mkdirSync(join(runtimePackage, "dist"));
  copyFileSync(join(RUNTIME_DIR, "package.json"), join(runtimePackage, "package.json"));
  await buildRuntime(join(runtimePackage, "dist"));
});
afterAll(() => rmSync(runtimePackage, { recursive: true, force: true }));

/** Runs `node [flags] main.js` in a copy of the fixture and parses its JSON output. */
function runUnderNode(fixture: string, flags: readonly string[] = []): Record<string, unknown> {
  const project = copyFixture(fixture, runtimePackage);
  try {
    const run = Bun.spawnSync(["node", ...flags, "main.js"], { cwd: project.dir, env: { ...process.env, NODE_NO_WARNINGS: "1" } });
    expect(run.stderr.toString()).toBe("");
    expect(run.exitCode).toBe(0);
    return JSON.parse(run.stdout.toString());
  } finally {
    project.remove();
  }
}

describe("under Node (dist bundles)", () => {
  test("ESM project: dispatch, this, cycle, classes in both decorator modes, not built", () => {
    const result = runUnderNode("node-esm");
    expect(result).toMatchObject({
      slug: "hello-world",
      slugRef: "src/slug:slugify",
      described: "title: big-news",
      notYet: { notBuilt: true },
      circleArea: 13,
      circleName: "Circle",
      circleRef: "src/shapes:Circle",
      squareName: "Square",
      squareNew: { notBuilt: true },
    });
    expect(JSON.stringify(result["notYet"])).toContain("src/slug:notYet is not built");
    expect(JSON.stringify(result["notYet"])).toContain("jaunt build");
  });

  test("CJS project: dispatch, cycle, class substitution, not built", () => {
    const result = runUnderNode("node-cjs");
    expect(result).toMatchObject({
      slug: "hello-world",
      slugRef: "lib/slug:slugify",
      shout: "BIG-NEWS",
      notYet: { notBuilt: true },
      lruCapacity: 3,
      lruRef: "lib/slug:Lru",
      refs: ["lib/slug:slugify", "lib/slug:shout", "lib/slug:notYet", "lib/slug:Lru"],
    });
    expect(JSON.stringify(result["notYet"])).toContain("lib/slug:notYet is not built");
  });

  describe("a generated module Node finds but cannot load", () => {
    const typescriptOnly = expect.stringMatching(/^src\/typed:(parse|Box): Node cannot load the TypeScript file \/.*\/src\/__generated__\/typed\.ts$/);
    const typescriptFix = expect.stringMatching(/compile with tsc.*src\/__generated__\/typed\.js exists.*bun-plugin.*vite-plugin.*run with Bun/);

    test("only the .ts sibling: calling the function or constructing the class says Node cannot load TypeScript, and the fixes", () => {
      const result = runUnderNode("node-load");
      const cannotLoad = { name: "JauntLoadError", code: "runtime.typescript_on_node", message: typescriptOnly, hint: typescriptFix };
      expect(result).toMatchObject({ parse: { error: cannotLoad }, box: { error: cannotLoad }, slug: { value: "big-news" } });
      expect(JSON.stringify(result)).not.toContain("jaunt build");
    });

    test("an ES module sibling where Node cannot require() it: names ERR_REQUIRE_ESM, the Node versions and the fixes", () => {
      // Node 20.20 has require(esm); the flag turns it off, as on Node < 20.19.
      const result = runUnderNode("node-load", ["--no-experimental-require-module"]);
      expect(result["slug"]).toMatchObject({
        error: {
          name: "JauntLoadError",
          code: "runtime.require_esm",
          message: expect.stringMatching(/^src\/slug:slugify: Node v[\d.]+ cannot require\(\) the ES module \/.*\/src\/__generated__\/slug\.js \(ERR_REQUIRE_ESM\)$/),
          hint: expect.stringMatching(/Node ≥ 20\.19 or ≥ 22\.12.*upgrade Node, or compile to CommonJS/),
        },
      });
    });
  });
});
