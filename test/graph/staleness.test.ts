import { afterEach, describe, expect, test } from "bun:test";
import { fnSpec, RUNTIME_IMPORT, tempProject, writeFreshGenerated, type TempProject } from "../discovery/temp-project.ts";
import { mod, plan } from "./plan-helpers.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const A = RUNTIME_IMPORT + fnSpec("a") + fnSpec("a2");
const B = `${RUNTIME_IMPORT}import { a } from "./a";\n` + fnSpec("b", "Does b.", "return a(x);");
const C = `${RUNTIME_IMPORT}import { b } from "./b";\n` + fnSpec("c", "Does c.", "return b(x);");
const T = `${RUNTIME_IMPORT}import { c } from "../src/c";\nexport const cWorks = jaunt.test(function cWorks() { void c; });\n`;

async function freshProject(): Promise<TempProject> {
  project = tempProject({ "src/a.ts": A, "src/b.ts": B, "src/c.ts": C, "src/other.ts": RUNTIME_IMPORT + fnSpec("o"), "tests/c.ts": T });
  await writeFreshGenerated(project, await plan(project));
  return project;
}

describe("staleness", () => {
  test("everything is fresh right after a build; generated paths follow the layout", async () => {
    const p = await plan(await freshProject());
    expect(p.modules.map((m) => [m.id, m.status])).toEqual([
      ["src/a", "fresh"], ["src/b", "fresh"], ["src/c", "fresh"], ["src/other", "fresh"], ["tests/c", "fresh"],
    ]);
    expect(mod(p, "tests/c").generatedFile).toBe("tests/__generated__/c.test.ts");
    expect(p.buildOrder).toEqual([]);
  });

  test("a missing generated file", async () => {
    const project = await freshProject();
    project.remove("src/__generated__/other.ts");
    const p = await plan(project);
    expect(mod(p, "src/other")).toMatchObject({ status: "stale", reasons: ["generated file src/__generated__/other.ts is missing"] });
    expect(p.buildOrder).toEqual(["src/other"]);
  });

  test("a dependency edit: the module says digest changed, dependents name the changed dependency, tests follow", async () => {
    const project = await freshProject();
    project.write("src/a.ts", A.replace("Does a.", "Does a, better."));
    const p = await plan(project);
    expect(mod(p, "src/a").reasons).toEqual(["digest changed (spec text, options, imported handwritten code or prompt overrides)"]);
    expect(mod(p, "src/b").reasons).toEqual(["dependency src/a changed"]);
    expect(mod(p, "src/c").reasons).toEqual(["dependency src/b changed"]);
    expect(mod(p, "tests/c").reasons).toEqual(["dependency src/c changed"]);
    expect(mod(p, "src/other").status).toBe("fresh");
    expect(p.buildOrder).toEqual(["src/a", "src/b", "src/c", "tests/c"]);
  });

  test("dependents of a stale module are stale even when their digest matches", async () => {
    const project = await freshProject();
    project.remove("src/__generated__/b.ts");
    const p = await plan(project);
    expect(mod(p, "src/a").status).toBe("fresh");
    expect(mod(p, "src/c")).toMatchObject({ status: "stale", reasons: ["depends on stale src/b"] });
    expect(mod(p, "tests/c")).toMatchObject({ status: "stale", reasons: ["depends on stale src/c"] });
  });

  test("a malformed header", async () => {
    const project = await freshProject();
    const text = project.read("src/__generated__/a.ts").replace(/module_digest=sha256:[0-9a-f]+/, "module_digest=oops");
    project.write("src/__generated__/a.ts", text);
    const reasons = mod(await plan(project), "src/a").reasons;
    expect(reasons[0]).toStartWith("malformed header at line 5:");
  });

  test("a changed spec set", async () => {
    const project = await freshProject();
    project.write("src/a.ts", RUNTIME_IMPORT + fnSpec("a") + fnSpec("a3"));
    expect(mod(await plan(project), "src/a").reasons).toEqual(["spec set changed (+src/a:a3, -src/a:a2)"]);
  });

  test("a user file without header at the generated path is a conflict", async () => {
    const project = await freshProject();
    project.write("src/__generated__/other.ts", "export const mine = 1;\n");
    const p = await plan(project);
    expect(mod(p, "src/other").status).toBe("conflict");
    expect(mod(p, "src/other").reasons[0]).toContain("has no Jaunt header");
    expect(p.buildOrder).not.toContain("src/other");
  });

  test("orphans: generated files whose spec module is gone or has no specs", async () => {
    const project = await freshProject();
    project.remove("src/other.ts");
    project.write("src/c.ts", `export const c = 1;\n`);
    project.remove("tests/c.ts");
    const p = await plan(project);
    expect(p.orphans).toEqual([
      { generatedFile: "src/__generated__/c.ts", sourceModule: "src/c", kind: "build" },
      { generatedFile: "src/__generated__/other.ts", sourceModule: "src/other", kind: "build" },
      { generatedFile: "tests/__generated__/c.test.ts", sourceModule: "tests/c", kind: "test" },
    ]);
  });
});

describe("who wrote a file does not make it stale; stampable and edited modules", () => {
  test("a file written by another Jaunt version is fresh, and remembers who wrote it", async () => {
    const project = await freshProject();
    project.write("src/__generated__/a.ts", project.read("src/__generated__/a.ts").replace(/tool_version=.*/, "tool_version=0.0.1-old"));
    const a = mod(await plan(project), "src/a");
    expect(a.status).toBe("fresh");
    expect(a.writtenBy).toEqual({ toolVersion: "0.0.1-old", model: undefined });
  });

  test("stale by spec text only is stampable; a missing file or a changed spec set is not", async () => {
    const project = await freshProject();
    project.write("src/a.ts", A.replace("Does a.", "Does a, with a typo fixed."));
    project.remove("src/__generated__/other.ts");
    project.write("src/c.ts", C + fnSpec("c2"));
    const p = await plan(project);
    expect([mod(p, "src/a").stampable, mod(p, "src/b").stampable]).toEqual([true, true]);
    expect(mod(p, "src/other").stampable).toBe(false);
    expect(mod(p, "src/c").stampable).toBe(false);
  });

  test("a hand-edited body is 'edited': kept by build, not restaling dependents; an unchanged rewrite is not an edit", async () => {
    const project = await freshProject();
    const before = await plan(project);
    const { WrittenRecords } = await import("../../src/generated/written-record.ts");
    const { recordWritten } = await import("../../src/orchestration/write-module.ts");
    const records = WrittenRecords.load(project.root);
    const file = mod(before, "src/b").generatedFile;
    await recordWritten(project.root, file, project.read(file), records, "model-x");
    // Rewriting the same bytes (a checkout, a touch) is not an edit.
    project.write(file, project.read(file));
    expect(mod(await plan(project), "src/b")).toMatchObject({ status: "fresh", writtenBy: { model: "model-x" } });
    // Neither is a formatter run over the generated body (indentation, quotes, semicolons).
    const written = project.read(file);
    project.write(file, written.replace("export {};", "export {}").replaceAll("\n  ", "\n    "));
    expect(project.read(file)).not.toBe(written);
    expect(mod(await plan(project), "src/b").status).toBe("fresh");
    project.write(file, written);

    project.write(file, `${project.read(file)}export const mine = 2;\n`);
    const p = await plan(project);
    expect(mod(p, "src/b")).toMatchObject({ status: "edited", stampable: true });
    expect(mod(p, "src/b").reasons[0]).toContain("edited by hand");
    expect(mod(p, "src/c").status).toBe("fresh");
    expect(p.buildOrder).toEqual([]);
  });
});
