/**
 * Faults a new user met walking through the README tour: each test reproduces
 * one the way the user hit it (spawning the CLI on a temp project).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { runJaunt } from "../support/cli.ts";
import { startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { API_KEY_ENV, createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS, type E2eProject } from "./project.ts";

let llm: FakeLlm;
const projects: E2eProject[] = [];
beforeAll(() => {
  llm = startFakeLlm({ defaults: IMPLEMENTATIONS });
});
afterAll(async () => {
  await llm.stop();
  for (const project of projects) project.cleanup();
});

function project(files: Readonly<Record<string, string>> = SPECS, tomlExtra = ""): E2eProject {
  const created = createE2eProject({ ...files, "jaunt.toml": jauntToml(llm.url, tomlExtra) });
  projects.push(created);
  return created;
}

const inFolder = (p: E2eProject, folder: string, args: readonly string[]) => runJaunt(args, { cwd: path.join(p.root, folder), env: API_KEY_ENV });

test("in a subfolder, targets may be paths from that folder (slug, ./slug.ts, ./slug:slugify, an absolute path), as a shell completes them", async () => {
  const p = project();
  for (const target of ["slug", "./slug.ts", "slug.ts:slugify", path.join(p.root, "src/slug.ts"), "src/slug"]) {
    const shown = await inFolder(p, "src", ["prompt", target, "--json"]);
    expect(shown.exitCode, `${target}: ${shown.stderr}`).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ module: "src/slug" });
  }
  const dry = await inFolder(p, "src", ["build", "--dry-run", "--target", "unique", "--json"]);
  expect(dry.exitCode, dry.stderr).toBe(0);
  expect(dry.stdout).toContain("src/unique");
  expect(dry.stdout).not.toContain("src/other");
  // A path leaving the project, or naming nothing, is still refused with the project-relative form in the hint.
  const outside = await inFolder(p, "src", ["prompt", "../../elsewhere"]);
  expect(outside.exitCode).toBe(2);
  expect(outside.stderr).toContain('unknown target "../../elsewhere"');
  expect(outside.stderr).toContain("module paths from the project root (src/slug)");
}, 30_000);

test("--infer-deps turns inference on over [build] infer_deps = false, --no-infer-deps off; the help claims no fixed default", async () => {
  const p = project(SPECS, "infer_deps = false\n");
  const dependsOn = async (args: readonly string[]): Promise<readonly string[] | undefined> => {
    const result = await p.jaunt(["status", "--json", ...args]);
    expect(result.exitCode, result.stderr).toBe(0);
    const doc: { modules: { module: string; dependsOn: string[] }[] } = JSON.parse(result.stdout);
    return doc.modules.find((m) => m.module === "src/unique")?.dependsOn;
  };
  expect(await dependsOn([])).toEqual([]);
  expect(await dependsOn(["--infer-deps"])).toEqual(["src/slug"]);
  expect(await dependsOn(["--no-infer-deps"])).toEqual([]);
  for (const command of ["status", "build", "test", "prompt", "stamp", "watch"]) {
    const help = (await p.jaunt([command, "--help"])).stdout.replace(/\s+/g, " ");
    const block = help.slice(help.indexOf("--infer-deps "), help.indexOf("--no-infer-deps"));
    expect(block, command).toContain("infer_deps in jaunt.toml");
    expect(block, command).not.toContain("(Default");
  }
}, 30_000);

test("an option that takes a value, given none (--target, --target=, --target --force), is a usage error, not a build of everything", async () => {
  const p = project();
  const before = llm.requests.length;
  for (const args of [["build", "--target"], ["build", "--target="], ["build", "--target", "--force"], ["status", "--root"]]) {
    const result = await p.jaunt(args);
    expect(result.exitCode, args.join(" ")).toBe(2);
    const flag = args[1]?.replace("=", "") ?? "";
    expect(result.stderr).toContain(`option "${flag}" needs a value`);
    expect(result.stderr).toContain(`run \`jaunt ${args[0]} --help\``);
  }
  expect(llm.requests.length).toBe(before);
  expect(p.exists("src/__generated__")).toBe(false);
  const missing = await p.jaunt(["prompt"]);
  expect(missing.exitCode).toBe(2);
  expect(missing.stderr).toContain("hint: run `jaunt prompt --help` for its arguments");
}, 30_000);

test("an orphan (its spec file deleted) is removed by clean --orphans alone, which the build's hint names; the other modules stay built", async () => {
  const p = project();
  expect((await p.jaunt(["build"])).exitCode).toBe(0);
  fs.rmSync(path.join(p.root, "src/other.ts"));
  const build = await p.jaunt(["build"]);
  expect(build.exitCode).toBe(0);
  expect(build.stderr + build.stdout).toContain("`jaunt clean --orphans` removes it): src/__generated__/other.ts");
  const clean = await p.jaunt(["clean", "--orphans", "--json"]);
  expect(clean.exitCode, clean.stderr).toBe(0);
  expect(JSON.parse(clean.stdout)).toMatchObject({ removed: ["src/__generated__/other.ts"], removedDirs: [] });
  for (const module of ["text", "slug", "unique"]) expect(p.exists(`src/__generated__/${module}.ts`)).toBe(true);
  const status = await p.jaunt(["status", "--check"]);
  expect(status.exitCode, status.stdout).toBe(0);
  expect(status.stdout).toContain("0 orphans");
}, 30_000);

test("a stray word (jaunt build src/slug, jaunt clean src) is a usage error naming --target, not a build or clean of everything", async () => {
  const p = project();
  const before = llm.requests.length;
  const build = await p.jaunt(["build", "src/slug"]);
  expect(build.exitCode).toBe(2);
  expect(build.stderr).toContain('unexpected argument "src/slug" for `jaunt build`');
  expect(build.stderr).toContain("`jaunt build --target src/slug`");
  expect(llm.requests.length).toBe(before);
  expect(p.exists("src/__generated__")).toBe(false);
  expect((await p.jaunt(["build", "--target", "src/slug"])).exitCode).toBe(0);
  const clean = await p.jaunt(["clean", "src"]);
  expect(clean.exitCode).toBe(2);
  expect(clean.stderr).toContain("takes no arguments besides its options");
  expect(p.exists("src/__generated__/slug.ts")).toBe(true);
}, 30_000);

test("jaunt test prints the build and test-generation summaries before bun test's report, not after it", async () => {
  llm.setDefault("tests/slug", `import { expect, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\ntest("slugifyBasics", () => {\n  expect(slugify("Hello World")).toBe("hello-world");\n});\n`);
  const p = project({
    ...SPECS,
    "tests/slug.ts": `import * as jaunt from "@jaunt/runtime";\nimport { slugify } from "../src/slug";\n\n/** slugify("Hello World") is "hello-world". */\nexport const slugifyBasics = jaunt.test(function slugifyBasics() {\n  slugify;\n});\n`,
  });
  const result = await p.jaunt(["test"]);
  expect(result.exitCode, result.stderr).toBe(0);
  const report = result.stderr.indexOf("1 pass");
  expect(report).toBeGreaterThan(0);
  for (const summary of ["build ok: 4 built", "test generation ok: 1 built"]) {
    const at = result.stderr.indexOf(summary);
    expect(at, summary).toBeGreaterThanOrEqual(0);
    expect(at, summary).toBeLessThan(report);
  }
  expect(result.stdout).toContain("tests passed (1 file(s))");
}, 30_000);
