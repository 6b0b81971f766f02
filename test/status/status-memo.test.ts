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
import { fnSpec, RUNTIME_IMPORT, tempProject, writeFreshGenerated, type TempProject } from "../discovery/temp-project.ts";

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

  test("a recently written memo is not trusted (racy stamps), a damaged one is ignored", async () => {
    project = tempProject(FILES);
    await plant(project, false); // writtenAt stays: the files changed within the racy margin
    expect(await served(project)).toBe(false);
    writeFileSync(path.join(project.root, STATUS_MEMO_PATH), "{ not json");
    expect((await status({ root: project.root })).summary.stale).toBe(2);
  });
});
