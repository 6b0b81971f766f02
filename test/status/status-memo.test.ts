/**
 * The no-op fast path of `jaunt status`: the last report is reused only while
 * every input is unchanged. A planted marker in the memo proves reuse; each
 * kind of input change must drop it.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RACY_MARGIN_MS } from "../../src/discovery/file-stamp.ts";
import { STATUS_MEMO_PATH } from "../../src/graph/status-memo.ts";
import { status } from "../../src/graph/status.ts";
import { planProject } from "../../src/graph/plan.ts";
import { packagedPrompt } from "../../src/assets/prompts.ts";
import { WRITTEN_RECORD_PATH, WrittenRecords } from "../../src/generated/written-record.ts";
import { formatStatus } from "../../src/graph/format-status.ts";
import { stamp } from "../../src/orchestration/stamp.ts";
import { recordWritten } from "../../src/orchestration/write-module.ts";
import { DEFAULT_TOML, fnSpec, RUNTIME_IMPORT, tempProject, writeFreshGenerated, type TempProject } from "../discovery/temp-project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const PLANTED = "planted: served from the memo";

/** Run status once, then mark its memo and make it trusted (as if written well after every file changed). */
async function plant(p: TempProject, trusted = true): Promise<void> {
  await status({ root: p.root });
  const file = path.join(p.root, STATUS_MEMO_PATH);
  const [inputs, report] = readFileSync(file, "utf8").split("\n").map((line) => (line === "" ? undefined : JSON.parse(line)));
  if (trusted) inputs.writtenAt = Date.now() + 3 * RACY_MARGIN_MS;
  report.warnings = [PLANTED];
  writeFileSync(file, `${JSON.stringify(inputs)}\n${JSON.stringify(report)}\n`);
}

async function served(p: TempProject): Promise<boolean> {
  return (await status({ root: p.root })).warnings.includes(PLANTED);
}

const FILES = {
  "tsconfig.json": `{ "compilerOptions": { "paths": { "@/*": ["src/*"] } } }`,
  "src/a.ts": RUNTIME_IMPORT + fnSpec("a"),
  "src/b.ts": `${RUNTIME_IMPORT}import { a } from "@/a";\nimport { r } from "#rand";\nexport const b = jaunt.magic(function b() {});\n`,
  "tests/.keep": "",
};

describe("status memo", () => {
  test("an unchanged project is served from the memo; --no-infer-deps and cache: false are not", async () => {
    project = tempProject(FILES);
    await plant(project);
    expect(await served(project)).toBe(true);
    expect(await served(project)).toBe(true);
    expect((await status({ root: project.root, inferDeps: false })).warnings).not.toContain(PLANTED);
    expect((await status({ root: project.root, cache: false })).warnings).not.toContain(PLANTED);
  });

  const changes: [string, (p: TempProject) => void][] = [
    ["a spec file edited", (p) => p.write("src/a.ts", p.read("src/a.ts").replace("Does a.", "Does a twice."))],
    ["a spec file added", (p) => p.write("src/c.ts", RUNTIME_IMPORT + fnSpec("c"))],
    ["a spec file removed", (p) => p.remove("src/a.ts")],
    ["a generated file added", (p) => p.write("src/__generated__/a.ts", "// not a header\n")],
    ["a file outside the roots added", (p) => p.write("lib/y.ts", RUNTIME_IMPORT + fnSpec("y"))],
    ["a probed file created (package.json for `#rand`)", (p) => p.write("package.json", JSON.stringify({ imports: { "#rand": "./src/a.ts" } }))],
    ["tsconfig.json edited (resolution input)", (p) => p.write("tsconfig.json", `{ "compilerOptions": { "paths": { "@/*": ["lib/*"] } } }`)],
    ["jaunt.toml edited", (p) => p.write("jaunt.toml", `${p.read("jaunt.toml")}\n[build]\njobs = 3\n`)],
  ];
  for (const [what, change] of changes) {
    test(`is not used after: ${what}`, async () => {
      project = tempProject(FILES);
      await plant(project);
      change(project);
      expect(await served(project)).toBe(false);
    });
  }

  test("is not used after an edit to a helper's helper, even one no walk sees (a dot-folder): its stamp is in the memo", async () => {
    project = tempProject({
      ...FILES,
      "src/a.ts": `${RUNTIME_IMPORT}import { pad } from "./helper";\n` + fnSpec("a"),
      "src/helper.ts": `import { width } from "../.shared/width";\nexport const pad = (x: string): string => x.padStart(width);\n`,
      ".shared/width.ts": "export const width = 4;\n",
    });
    await writeFreshGenerated(project, await planProject({ config: project.config(), cache: false }));
    await plant(project);
    const inputs = JSON.parse(readFileSync(path.join(project.root, STATUS_MEMO_PATH), "utf8").split("\n")[0] ?? "");
    expect(Object.keys(inputs.probes)).toContain(".shared/width.ts");
    expect(await served(project)).toBe(true);
    project.write(".shared/width.ts", "export const width = 8;\n");
    const report = await status({ root: project.root });
    expect(report.warnings).not.toContain(PLANTED);
    expect(report.modules.filter((m) => m.status === "stale").map((m) => m.module)).toEqual(["src/a", "src/b"]); // b imports a
  });

  test("is not used after a new workspace package appears (a package.json matching the root's `workspaces`)", async () => {
    project = tempProject({
      "package.json": JSON.stringify({ name: "root", workspaces: ["packages/*"] }),
      "src/a.ts": `${RUNTIME_IMPORT}import { pad } from "@acme/pad";\n` + fnSpec("a"),
      // Code that is not a package yet: `@acme/pad` resolves to nothing (a package from npm, as far as Jaunt knows).
      "packages/pad/index.ts": "export const pad = (x: string): string => x.padStart(4);\n",
      "tests/.keep": "",
    });
    await writeFreshGenerated(project, await planProject({ config: project.config(), cache: false }));
    await plant(project);
    expect(await served(project)).toBe(true);
    project.write("packages/pad/package.json", JSON.stringify({ name: "@acme/pad", main: "index.ts" }));
    const report = await status({ root: project.root });
    expect(report.warnings).not.toContain(PLANTED);
    // The import now reaches handwritten project code, which the digest covers.
    expect(report.modules.find((m) => m.module === "src/a")?.status).toBe("stale");
  });

  test("a recently written memo is not trusted (racy stamps), a damaged one is ignored", async () => {
    project = tempProject(FILES);
    await plant(project, false); // writtenAt stays: the files changed within the racy margin
    expect(await served(project)).toBe(false);
    writeFileSync(path.join(project.root, STATUS_MEMO_PATH), "{ not json");
    expect((await status({ root: project.root })).summary.stale).toBe(2);
  });
});

describe("status memo and the everyday loop (issue 14)", () => {
  const ONE = { "src/a.ts": RUNTIME_IMPORT + fnSpec("a"), "tests/.keep": "" };

  /** A built project: fresh generated files, recorded in .jaunt/written.json as written by `model`. */
  async function built(files: Record<string, string> = ONE, toml?: string, model = "test-model"): Promise<TempProject> {
    const p = tempProject(files, toml);
    const planned = await planProject({ config: p.config(), cache: false });
    await writeFreshGenerated(p, planned);
    const records = WrittenRecords.load(p.root);
    for (const m of planned.modules) await recordWritten(p.root, m.generatedFile, p.read(m.generatedFile), records, model);
    return p;
  }

  const statusOf = async (p: TempProject, id = "src/a"): Promise<string | undefined> => (await status({ root: p.root })).modules.find((m) => m.module === id)?.status;

  test("a hand edit of a generated body: edited at once", async () => {
    project = await built();
    await plant(project);
    expect(await served(project)).toBe(true);
    project.write("src/__generated__/a.ts", `${project.read("src/__generated__/a.ts")}export const mine = 1;\n`);
    expect(await served(project)).toBe(false);
    expect(await statusOf(project)).toBe("edited");
  });

  test("written.json removed (nothing known to be edited any more): fresh at once", async () => {
    project = await built();
    project.write("src/__generated__/a.ts", `${project.read("src/__generated__/a.ts")}export const mine = 1;\n`);
    expect(await statusOf(project)).toBe("edited");
    await plant(project);
    project.remove(WRITTEN_RECORD_PATH);
    expect(await served(project)).toBe(false);
    expect(await statusOf(project)).toBe("fresh");
  });

  test("`jaunt stamp` accepting a hand edit (it rewrites only written.json): fresh at once", async () => {
    project = await built();
    project.write("src/__generated__/a.ts", `${project.read("src/__generated__/a.ts")}export const mine = 1;\n`);
    await plant(project);
    expect(await served(project)).toBe(true);
    const generated = project.read("src/__generated__/a.ts");
    expect((await stamp({ root: project.root })).stamped.map((m) => m.module)).toEqual(["src/a"]);
    expect(project.read("src/__generated__/a.ts")).toBe(generated); // the header already matched: only the record changed
    expect(await served(project)).toBe(false);
    expect(await statusOf(project)).toBe("fresh");
  });

  test("`jaunt stamp` accepting a spec edit (it rewrites the header): fresh at once", async () => {
    project = await built();
    project.write("src/a.ts", project.read("src/a.ts").replace("Does a.", "Does a (typo fixed)."));
    expect(await statusOf(project)).toBe("stale");
    await plant(project);
    await stamp({ root: project.root });
    expect(await served(project)).toBe(false);
    expect(await statusOf(project)).toBe("fresh");
  });

  test("a model change in jaunt.toml: status --verbose shows the new model at once, nothing restales", async () => {
    project = await built();
    await plant(project);
    project.write("jaunt.toml", project.read("jaunt.toml").replace('model = "test-model"', 'model = "other-model"'));
    const report = await status({ root: project.root });
    expect(report.warnings).not.toContain(PLANTED);
    expect(report.generator.model).toBe("other-model");
    expect(report.summary).toMatchObject({ fresh: 1, stale: 0 });
    const text = formatStatus(report, { verbose: true });
    expect(text).toContain("model other-model");
    expect(text).toContain("written by jaunt");
    expect(text).toContain("with test-model (differs from now; not stale)");
  });

  test("a prompt override file edited: stale at once", async () => {
    const toml = `${DEFAULT_TOML}[prompts]\nbuild_module = "prompts/build_module.md"\n`;
    project = await built({ ...ONE, "prompts/build_module.md": `${packagedPrompt("build_module")}\nPrefer early returns.\n` }, toml);
    expect(await statusOf(project)).toBe("fresh");
    await plant(project);
    expect(await served(project)).toBe(true);
    project.write("prompts/build_module.md", `${packagedPrompt("build_module")}\nPrefer guard clauses.\n`);
    expect(await served(project)).toBe(false);
    expect(await statusOf(project)).toBe("stale");
  });
});
