import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { planProject } from "../../src/graph/plan.ts";
import { runJaunt } from "../support/cli.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, writeFreshGenerated, type TempProject } from "../discovery/temp-project.ts";

const A = RUNTIME_IMPORT + fnSpec("a");
const B = `${RUNTIME_IMPORT}import { a } from "./a";\n` + fnSpec("b", "Does b.", "return a(x);");
const T = `${RUNTIME_IMPORT}import { b } from "../src/b";\nexport const bWorks = jaunt.test(function bWorks() { void b; });\n`;

let project: TempProject;

beforeAll(async () => {
  project = tempProject({ "src/a.ts": A, "src/b.ts": B, "tests/b.ts": T });
  await writeFreshGenerated(project, await planProject({ config: project.config(), cache: false }));
});
afterAll(() => project.cleanup());

describe("jaunt status", () => {
  test("all fresh: --check exits 0; human output lists modules in build order", async () => {
    const result = await runJaunt(["status", "--check"], { cwd: project.root });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        "fresh    src/a    build  src/__generated__/a.ts",
        "fresh    src/b    build  src/__generated__/b.ts",
        "fresh    tests/b  test   tests/__generated__/b.test.ts",
        "",
        "3 fresh modules, 0 stale, 0 conflicts, 0 orphans",
        "",
      ].join("\n"),
    );
  });

  test("a stale dependency: human output with reasons and build order; --check exits 1", async () => {
    project.write("src/a.ts", A.replace("Does a.", "Does a, now with more detail."));
    try {
      const human = await runJaunt(["status"], { cwd: project.root });
      expect(human.exitCode).toBe(0);
      expect(human.stdout).toContain("stale    src/a    build  src/__generated__/a.ts\n         - digest changed (spec text, options, imported handwritten code or prompt overrides)\n");
      expect(human.stdout).toContain("stale    src/b    build  src/__generated__/b.ts\n         - dependency src/a changed\n");
      expect(human.stdout).toContain("Build order (3):\n  1. src/a\n  2. src/b\n  3. tests/b\n");
      expect(human.stdout).toContain("0 fresh modules, 3 stale, 0 conflicts, 0 orphans");
      const check = await runJaunt(["status", "--check", "--root", project.root], { cwd: "/" });
      expect(check.exitCode).toBe(1);
    } finally {
      project.write("src/a.ts", A);
    }
  });

  test("--json gives the documented document with project-relative paths", async () => {
    project.remove("src/__generated__/b.ts");
    project.write("src/__generated__/gone.ts", project.read("src/__generated__/a.ts").replace("source_module=src/a", "source_module=src/gone").replace("src/a:a", "src/gone:a"));
    try {
      const result = await runJaunt(["status", "--json"], { cwd: project.root });
      expect(result.exitCode).toBe(0);
      const doc: { modules: unknown[] } = JSON.parse(result.stdout);
      expect(doc).toMatchObject({
        version: 1,
        order: ["src/b", "tests/b"],
        summary: { fresh: 1, stale: 2, conflicts: 0, orphans: 1 },
      });
      const modules = doc.modules;
      expect(modules[0]).toEqual({
        module: "src/a",
        kind: "build",
        file: "src/a.ts",
        generatedFile: "src/__generated__/a.ts",
        status: "fresh",
        reasons: [],
        specs: ["src/a:a"],
        dependsOn: [],
        specDeps: { "src/a:a": [] },
        digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        stampable: false,
        writtenBy: { toolVersion: expect.any(String), model: null },
        checks: null,
      });
      expect(modules[1]).toMatchObject({ module: "src/b", status: "stale", reasons: [{ kind: "missing", ref: "src/__generated__/b.ts", diff: null, message: "generated file src/__generated__/b.ts is missing" }], dependsOn: ["src/a"], specDeps: { "src/b:b": ["src/a:a"] } });
      expect(modules[2]).toMatchObject({ module: "tests/b", kind: "test", status: "stale", reasons: [{ kind: "stale-dependency", ref: "src/b", diff: null, message: "depends on stale src/b" }] });
      expect(modules[3]).toMatchObject({ module: "src/gone", status: "orphan", file: null, generatedFile: "src/__generated__/gone.ts", digest: null });
    } finally {
      project.remove("src/__generated__/gone.ts");
      await writeFreshGenerated(project, await planProject({ config: project.config(), cache: false }));
    }
  });

  test("--no-infer-deps drops inferred edges", async () => {
    const result = await runJaunt(["status", "--json", "--no-infer-deps"], { cwd: project.root });
    const doc: { modules: { module: string; dependsOn: string[] }[] } = JSON.parse(result.stdout);
    expect(doc.modules.find((m) => m.module === "src/b")?.dependsOn).toEqual([]);
  });

  test("discovery errors exit 2 with every problem listed", async () => {
    const bad = tempProject({ "src/x.ts": `${RUNTIME_IMPORT}const x = jaunt.magic(function x() {});\nexport const y = jaunt.magic(function z() {});\n` });
    try {
      const result = await runJaunt(["status", "--check"], { cwd: bad.root });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain("src/x.ts:2:7: spec `x` is not exported");
      expect(result.stderr).toContain("src/x.ts:3:39: function `z` is exported as `y`");
    } finally {
      bad.cleanup();
    }
  });
});

describe("jaunt status --help", () => {
  test("says what --check's exit codes mean, what --strict adds and what --infer-deps does", async () => {
    const help = await runJaunt(["status", "--help"], { cwd: project.root });
    expect(help.exitCode).toBe(0);
    const text = help.stdout.replace(/\s+/g, " ");
    expect(text).toContain("--check Exit 1 when any module is stale or in conflict, 0 when all are fresh");
    expect(text).toContain("--strict With --check: also exit 1 on any warning");
    expect(text).toContain("--infer-deps Make each spec depend on the specs its module imports");
  });
});
