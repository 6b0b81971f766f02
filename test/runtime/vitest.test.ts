/**
 * `@jaunt/runtime/vite-plugin` under vitest (from the registry, cached by
 * npm-tools.ts): on Node, which cannot load the generated `.ts` module by
 * itself, and under `bun --bun`, where the transform renames inner
 * functions. Spec modules are linked to their generated code.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXTURES_DIR } from "./fixture-project.ts";
import { npmTools } from "./npm-tools.ts";
import { installPackedRuntime, removePackedRuntime } from "./packed-runtime.ts";

const CONFIG = `import { defineConfig } from "vitest/config";
import jaunt from "@jaunt/runtime/vite-plugin";

export default defineConfig({ plugins: [jaunt()], test: { include: ["test/**/*.test.ts"] } });
`;

const TEST = `import { expect, test } from "vitest";
import { JauntNotBuiltError, specRef } from "@jaunt/runtime";
import * as generated from "../src/__generated__/slug.ts";
import { describe as describeSpec, double, Lru, slugify } from "../src/slug.ts";
import { headline } from "../src/title.ts";

test("spec modules are linked to their generated code", () => {
  expect(slugify("  Hello,   World ")).toBe("hello-world");
  expect(slugify).toBe(generated.slugify);
  expect([slugify.name, slugify.length, specRef(slugify)]).toEqual(["slugify", 2, "src/slug:slugify"]);
  expect([double(21), double.name, specRef(double)]).toEqual([42, "double", "src/slug:double"]);
  expect(describeSpec.call({ label: "size" }, 3)).toBe("size: 3");
  const lru = new Lru(3);
  expect([lru.room(), lru instanceof Lru, Lru.name, specRef(Lru)]).toEqual([3, true, "Lru", "src/slug:Lru"]);
  expect(headline("Big News")).toBe("Big News (big-news)");
  expect(new JauntNotBuiltError("src/x:y").name).toBe("JauntNotBuiltError");
});
`;

// Vite (Oxc) passes standard decorators through untransformed, and neither
// Node 20 nor a vm context parses them: Vite users write class specs with
// experimentalDecorators, which the runtime supports as well.
const TSCONFIG = {
  compilerOptions: { target: "ES2022", module: "Preserve", moduleResolution: "bundler", allowImportingTsExtensions: true, noEmit: true, strict: true, experimentalDecorators: true },
};

let work: string;
let project: string;
/** tsc 5.9 on vitest.config.ts: the plugin is a Vite `Plugin` (runs while vitest does). */
let configCheck: Promise<{ code: number; output: string }>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "jaunt-vitest-"));
  project = join(work, "app");
  cpSync(join(FIXTURES_DIR, "app"), project, { recursive: true });
  await installPackedRuntime(project);
  const tools = await npmTools();
  for (const name of ["vite", "vitest"]) symlinkSync(join(tools, "node_modules", name), join(project, "node_modules", name), "dir");
  mkdirSync(join(project, "test"));
  writeFileSync(join(project, "vitest.config.ts"), CONFIG);
  writeFileSync(join(project, "test", "app.test.ts"), TEST);
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify(TSCONFIG));
  const tsc = join(tools, "node_modules", "typescript", "bin", "tsc");
  const flags = ["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--module", "preserve", "--moduleResolution", "bundler", "--target", "es2022", "--skipLibCheck"];
  const child = Bun.spawn(["node", tsc, ...flags, "vitest.config.ts"], { cwd: project, stdout: "pipe", stderr: "pipe" });
  configCheck = Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]).then(([out, err, code]) => ({ code, output: out + err }));
}, 180_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removePackedRuntime();
});

function vitest(runtime: string[]): { code: number; output: string } {
  const child = Bun.spawnSync([...runtime, "node_modules/vitest/vitest.mjs", "run"], { cwd: project, env: { ...process.env, NO_COLOR: "1", CI: "1" } });
  return { code: child.exitCode, output: `${child.stdout.toString()}${child.stderr.toString()}` };
}

describe("vitest with the plugin", () => {
  test("on Node", () => {
    const result = vitest(["node"]);
    expect(result.output).toContain("1 passed");
    expect(result.code).toBe(0);
  }, 60_000);

  test("under bun --bun", () => {
    const result = vitest([process.execPath, "--bun"]);
    expect(result.output).toContain("1 passed");
    expect(result.code).toBe(0);
  }, 60_000);

  test("the plugin type-checks as a Vite plugin (TypeScript 5.9)", async () => {
    expect(await configCheck).toEqual({ code: 0, output: "" });
  }, 60_000);

  test("a spec module without its generated module fails the run, naming the spec and the fix", () => {
    rmSync(join(project, "src/__generated__/title.ts"));
    const result = vitest(["node"]);
    expect(result.output).toContain("src/title:headline is not built");
    expect(result.output).toContain("jaunt build");
    expect(result.code).not.toBe(0);
  }, 60_000);
});
