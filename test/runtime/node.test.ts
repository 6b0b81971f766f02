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

/** Runs `node main.js` in a copy of the fixture and parses its JSON output. */
function runUnderNode(fixture: string): Record<string, unknown> {
  const project = copyFixture(fixture, runtimePackage);
  try {
    const run = Bun.spawnSync(["node", "main.js"], { cwd: project.dir, env: { ...process.env, NODE_NO_WARNINGS: "1" } });
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
});
