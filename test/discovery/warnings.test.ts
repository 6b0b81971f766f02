/**
 * Each mistake that used to exit 0 in silence (and leave the runtime saying
 * "run jaunt build" while build says "up to date") is a warning naming
 * file:line and the fix; `status --check --strict` fails on it.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import path from "node:path";
import { status } from "../../src/graph/status.ts";
import { runJaunt } from "../support/cli.ts";
import { DEFAULT_TOML, fnSpec, RUNTIME_IMPORT, tempProject, type TempProject } from "./temp-project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

async function warningsOf(files: Record<string, string>, toml = DEFAULT_TOML): Promise<readonly string[]> {
  project = tempProject({ "src/ok.ts": RUNTIME_IMPORT + fnSpec("ok"), "tests/.keep": "", ...files }, toml);
  return (await status({ root: project.root })).warnings;
}

describe("no silent no-ops", () => {
  test("a magic() spec outside source_roots, a test() spec outside test_roots (also found again from the stamp cache)", async () => {
    const warnings = await warningsOf({
      "lib/slug.ts": `${RUNTIME_IMPORT}\n` + fnSpec("slugify"),
      "spec/slug.ts": `import { test as spec } from "@jaunt/runtime";\nexport const works = spec(function works() {});\n`,
    });
    expect(warnings).toEqual([
      'lib/slug.ts:4:1: magic() spec outside source_roots: Jaunt never builds it, and calls throw JauntNotBuiltError (fix: add "lib" to [paths] source_roots in jaunt.toml, or move the file under source_roots)',
      'spec/slug.ts:2:1: test() spec outside test_roots: Jaunt never generates it, and its tests never run (fix: add "spec" to [paths] test_roots in jaunt.toml, or move the file under test_roots)',
    ]);
    expect((await status({ root: project?.root ?? "" })).warnings).toEqual(warnings);
  });

  test("a source_roots or test_roots entry that does not exist", async () => {
    const toml = `version = 1\n[paths]\nsource_roots = ["src", "lib"]\ntest_roots = ["spec"]\n`;
    expect(await warningsOf({}, toml)).toEqual([
      'jaunt.toml:3:1: source_roots entry "lib" is not a folder: no source specs are looked for there (fix: create the folder, or fix or remove "lib" in [paths] source_roots)',
      'jaunt.toml:4:1: test_roots entry "spec" is not a folder: no test specs are looked for there (fix: create the folder, or fix or remove "spec" in [paths] test_roots)',
    ]);
  });

  test("test specs in a *.test.ts file", async () => {
    const warnings = await warningsOf({
      "tests/slug.test.ts": `import { test } from "@jaunt/runtime";\n\n/** slugify works. */\nexport const works = test(function works() {});\n`,
      "tests/plain.test.ts": `import { test } from "bun:test";\nimport { JauntError } from "@jaunt/runtime";\ntest("x", () => { void JauntError; });\n`,
    });
    expect(warnings).toEqual([
      "tests/slug.test.ts:4:1: test specs in a *.test.ts / *.spec.ts file are never generated: `bun test` collects the file itself and runs the empty stubs (fix: rename it to tests/slug.ts)",
    ]);
  });

  test("an exported function whose body calls todo() but is not wrapped", async () => {
    const warnings = await warningsOf({
      "src/slug.ts": `import * as jaunt from "@jaunt/runtime";\n\n/** Slugify. */\nexport function slugify(title: string): string {\n  return jaunt.todo();\n}\n`,
    });
    expect(warnings).toEqual([
      "src/slug.ts:4:1: `slugify` calls todo() but is not a spec: Jaunt never generates it and it throws when called (fix: wrap it: export const slugify = jaunt.magic(function slugify(…) { … }))",
    ]);
  });

  test("a deps entry that points outside the roots", async () => {
    const warnings = await warningsOf({
      "lib/x.ts": `export function helper(): void {}\n`,
      "src/b.ts": `${RUNTIME_IMPORT}import { helper } from "../lib/x";\nexport const b = jaunt.magic({ deps: [helper, "lib/x:helper"] }, function b() {});\n`,
    });
    expect(warnings).toEqual([
      "src/b.ts:3:1: `deps` of `b` names `helper` in lib/x.ts, which is outside source_roots: Jaunt never builds it, so the dependency is ignored (fix: add the folder of lib/x.ts to [paths] source_roots in jaunt.toml, or drop the entry)",
      "src/b.ts:3:1: `deps` of `b` names `lib/x:helper` in lib/x.ts, which is outside source_roots: Jaunt never builds it, so the dependency is ignored (fix: add the folder of lib/x.ts to [paths] source_roots in jaunt.toml, or drop the entry)",
    ]);
  });

  test("the CLI: warnings on stderr and in --json; --check --strict exits 1, --check alone 0", async () => {
    project = tempProject({ "src/ok.ts": RUNTIME_IMPORT + fnSpec("ok"), "tests/.keep": "", "lib/slug.ts": RUNTIME_IMPORT + fnSpec("slugify") });
    project.write("src/__generated__/ok.ts", "// placeholder\n");
    const json = await runJaunt(["status", "--json"], { cwd: project.root });
    expect(json.exitCode).toBe(0);
    const doc: { warnings: string[] } = JSON.parse(json.stdout);
    expect(doc.warnings).toEqual([expect.stringMatching(/^lib\/slug\.ts:3:1: magic\(\) spec outside source_roots/)]);
    expect(json.stderr).toContain("warning: lib/slug.ts:3:1: magic() spec outside source_roots");
    // A fresh project: write a matching generated file so only the warning decides.
    const { planProject } = await import("../../src/graph/plan.ts");
    const { writeFreshGenerated } = await import("./temp-project.ts");
    await writeFreshGenerated(project, await planProject({ config: project.config(), cache: false }));
    expect((await runJaunt(["status", "--check"], { cwd: project.root })).exitCode).toBe(0);
    expect((await runJaunt(["status", "--check", "--strict"], { cwd: project.root })).exitCode).toBe(1);
  });
});

describe("build reports plan warnings too", () => {
  test("in the report's warnings (--json) and through onWarning (stderr)", async () => {
    project = tempProject({ "src/ok.ts": RUNTIME_IMPORT + fnSpec("ok"), "tests/.keep": "", "lib/slug.ts": RUNTIME_IMPORT + fnSpec("slugify") });
    const { planProject } = await import("../../src/graph/plan.ts");
    const { writeFreshGenerated } = await import("./temp-project.ts");
    await writeFreshGenerated(project, await planProject({ config: project.config(), cache: false }));
    const { build } = await import("../../src/orchestration/build.ts");
    const told: string[] = [];
    const report = await build({ root: project.root, onWarning: (w) => told.push(w) });
    expect(report.built).toBe(0);
    expect(report.warnings).toEqual([expect.stringMatching(/^lib\/slug\.ts:3:1: magic\(\) spec outside source_roots/)]);
    expect(told).toEqual([...report.warnings]);
  });
});

describe("build --dry-run lists the plan's warnings", () => {
  test("on stderr and in --json under warnings, as status does; nothing is generated", async () => {
    const toml = `version = 1\n[paths]\nsource_roots = ["src", "gone"]\n`;
    project = tempProject({
      "src/ok.ts": RUNTIME_IMPORT + fnSpec("ok"),
      "src/slug.ts": `import * as jaunt from "@jaunt/runtime";\n\n/** Slugify. */\nexport function slugify(title: string): string {\n  return jaunt.todo();\n}\n`,
      "tests/.keep": "",
      "lib/pad.ts": RUNTIME_IMPORT + fnSpec("pad"),
    }, toml);
    const expected = (await status({ root: project.root })).warnings;
    expect(expected.map((w) => w.split(":")[0])).toEqual(["jaunt.toml", "lib/pad.ts", "src/slug.ts"]);
    const text = await runJaunt(["build", "--dry-run"], { cwd: project.root });
    expect(text.exitCode).toBe(0);
    for (const warning of expected) expect(text.stderr).toContain(`warning: ${warning}`);
    expect(text.stdout).toContain("would generate 1 module(s)");
    const json = await runJaunt(["build", "--dry-run", "--json"], { cwd: project.root });
    expect(json.exitCode).toBe(0);
    const doc: { dryRun: boolean; warnings: string[] } = JSON.parse(json.stdout);
    expect(doc.dryRun).toBe(true);
    expect(doc.warnings).toEqual([...expected]);
    expect(existsSync(path.join(project.root, "src/__generated__/ok.ts"))).toBe(false);
  });
});
