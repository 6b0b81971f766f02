/**
 * The persisted graph (graph-memo.ts): reused while its inputs are the same,
 * and after each kind of change planning with it gives exactly what planning
 * from scratch gives. Each change is checked to alter the plan, so a memo
 * that failed to notice it would be caught.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RACY_MARGIN_MS } from "../../src/discovery/file-stamp.ts";
import { GRAPH_MEMO_PATH } from "../../src/graph/graph-memo.ts";
import { planProject } from "../../src/graph/plan.ts";
import type { Plan } from "../../src/graph/plan-types.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, writeFreshGenerated, type TempProject } from "../discovery/temp-project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const FILES = {
  "tsconfig.json": `{ "compilerOptions": { "paths": { "@/*": ["src/*"] } } }`,
  "src/helper.ts": "export const pad = (x: string): string => x.padStart(4);\n",
  "src/alpha.ts": `${RUNTIME_IMPORT}import { pad } from "./helper";\n${fnSpec("alphaFn", "Pads.", undefined, "void pad; ")}`,
  "src/bravo.ts": `${RUNTIME_IMPORT}import { alphaFn } from "@/alpha";\n${fnSpec("bravoFn", "Does bravo.", undefined, "void alphaFn; ")}`,
  "src/charlie.ts": `${RUNTIME_IMPORT}import { bravoFn } from "./bravo";\n${fnSpec("charlieOne", "Builds on bravoFn.")}${fnSpec("charlieTwo", "Does charlie two.")}`,
  "src/delta.ts": RUNTIME_IMPORT + fnSpec("deltaFn"),
  "src/echo.ts": `${RUNTIME_IMPORT}import { alphaFn } from "#alpha";\n${fnSpec("echoFn", "Does echo.", undefined, "void alphaFn; ")}`,
  "src/fox.ts": `${RUNTIME_IMPORT}import { laterFn } from "./later";\n${fnSpec("foxFn", "Does fox.", undefined, "void laterFn; ")}`,
  "lib/x.ts": "export function helperOut(): void {}\n",
  "src/golf.ts": `${RUNTIME_IMPORT}import { helperOut } from "../lib/x";\n/** Golf. */\nexport const golfFn = jaunt.magic({ deps: [helperOut, "lib/x:helperOut"] }, function golfFn() {});\n`,
  "tests/.keep": "",
};

function cached(p: TempProject): Promise<Plan> {
  return planProject({ config: p.config(), cache: true });
}

function scratch(p: TempProject): Promise<Plan> {
  return planProject({ config: p.config(), cache: false });
}

/** What a plan says about the graph and digests: compared between a memo-served plan and one from scratch. */
function view(plan: Plan): unknown {
  return {
    modules: plan.modules.map((m) => ({ id: m.id, dependsOn: m.dependsOn, dependents: m.dependents, digest: m.digest, status: m.status, causes: m.causes, downstream: m.downstream, handwrittenImports: m.handwrittenImports, handwrittenDigests: m.handwrittenDigests })),
    deps: Object.fromEntries(Object.values(plan.specs).map((s) => [s.ref, s.deps])),
    order: plan.order,
    buildOrder: plan.buildOrder,
    warnings: plan.warnings,
  };
}

function readMemo(p: TempProject): Record<string, unknown> & { writtenAt: number; graph: { deps: Record<string, string[]> }; digests: Record<string, [string, string, string, string]> } {
  return JSON.parse(readFileSync(path.join(p.root, GRAPH_MEMO_PATH), "utf8"));
}

function writeMemo(p: TempProject, memo: unknown): void {
  writeFileSync(path.join(p.root, GRAPH_MEMO_PATH), `${JSON.stringify(memo)}\n`);
}

/** The view of a plan, or the problems planning threw (a change may make the project invalid). */
async function outcome(plan: Promise<Plan>): Promise<unknown> {
  try {
    return view(await plan);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Make the stored memo trusted, as if written well after every file was (its probes' stamps are then not racy). */
function trust(p: TempProject): void {
  const memo = readMemo(p);
  memo.writtenAt = Date.now() + 3 * RACY_MARGIN_MS;
  writeMemo(p, memo);
}

/** A built project with a trusted memo, shown to be served from it (a planted edge appears), then unplanted. */
async function primed(): Promise<TempProject> {
  const p = tempProject(FILES);
  await writeFreshGenerated(p, await scratch(p));
  await cached(p);
  trust(p);
  const memo = readMemo(p);
  const planted = structuredClone(memo);
  planted.graph.deps["src/delta:deltaFn"] = ["planted:edge"];
  writeMemo(p, planted);
  expect((await cached(p)).specs["src/delta:deltaFn"]?.deps).toEqual(["planted:edge"]);
  writeMemo(p, memo);
  return p;
}

describe("graph memo", () => {
  test("an unchanged project reuses the graph and every module digest", async () => {
    project = await primed();
    const memo = readMemo(project);
    const fox = memo.digests["src/fox"];
    if (fox) fox[3] = "sha256:planted";
    writeMemo(project, memo);
    expect((await cached(project)).modules.find((m) => m.id === "src/fox")?.digest).toBe("sha256:planted");
    expect(view(await cached(project))).not.toEqual(view(await scratch(project)));
  });

  test("a JSDoc edit reuses the graph and recomputes only the edited module's digest and its dependents'", async () => {
    project = await primed();
    const memo = readMemo(project);
    const plantedDigest = (id: string): void => {
      const entry = memo.digests[id];
      if (entry) entry[3] = `sha256:planted-${id}`;
    };
    for (const id of ["src/alpha", "src/bravo", "src/charlie", "src/delta"]) plantedDigest(id);
    memo.graph.deps["src/delta:deltaFn"] = ["planted:edge"];
    writeMemo(project, memo);
    project.write("src/bravo.ts", project.read("src/bravo.ts").replace("Does bravo.", "Does bravo well."));
    const plan = await cached(project);
    const fresh = await scratch(project);
    const digest = (p: Plan, id: string): string | undefined => p.modules.find((m) => m.id === id)?.digest;
    expect(plan.specs["src/delta:deltaFn"]?.deps).toEqual(["planted:edge"]); // the graph was not rebuilt
    expect(digest(plan, "src/alpha")).toBe("sha256:planted-src/alpha"); // not reached by the edit: reused
    expect(digest(plan, "src/delta")).toBe("sha256:planted-src/delta");
    expect(digest(plan, "src/bravo")).not.toBe("sha256:planted-src/bravo"); // the edited module: recomputed
    expect(digest(plan, "src/charlie")).not.toBe("sha256:planted-src/charlie"); // its dependent: recomputed
  });

  test("a JSDoc save leaves the memo as it is (the next run recomputes the same few digests); a graph change rewrites it", async () => {
    project = await primed();
    const stored = (): string => readFileSync(path.join(project?.root ?? "", GRAPH_MEMO_PATH), "utf8");
    const before = stored();
    project.write("src/bravo.ts", project.read("src/bravo.ts").replace("Does bravo.", "Does bravo well."));
    expect(view(await cached(project))).toEqual(view(await scratch(project)));
    expect(stored()).toBe(before);
    expect(view(await cached(project))).toEqual(view(await scratch(project)));
    project.write("src/charlie.ts", project.read("src/charlie.ts").replace("Does charlie two.", "Like bravoFn, twice."));
    expect(view(await cached(project))).toEqual(view(await scratch(project)));
    expect(stored()).not.toBe(before);
  });

  const changes: [string, (p: TempProject) => void][] = [
    ["a spec edit that adds an import", (p) => p.write("src/charlie.ts", p.read("src/charlie.ts").replace('from "./bravo";\n', 'from "./bravo";\nimport { deltaFn } from "./delta";\n').replace("Does charlie two.", "Uses deltaFn."))],
    ["a spec edit that removes an import", (p) => p.write("src/bravo.ts", RUNTIME_IMPORT + fnSpec("bravoFn", "Does bravo."))],
    ["a JSDoc edit that adds a mention", (p) => p.write("src/charlie.ts", p.read("src/charlie.ts").replace("Does charlie two.", "Like bravoFn, twice."))],
    ["a JSDoc edit that removes a mention", (p) => p.write("src/charlie.ts", p.read("src/charlie.ts").replace("Builds on bravoFn.", "Builds on nothing."))],
    ["a comment line above a spec with explicit deps (its warnings' line)", (p) => p.write("src/golf.ts", p.read("src/golf.ts").replace("/** Golf. */", "// A note.\n/** Golf. */"))],
    ["a helper edit", (p) => p.write("src/helper.ts", "export const pad = (x: string): string => x.padStart(8);\n")],
    ["a tsconfig.json edit (paths)", (p) => p.write("tsconfig.json", `{ "compilerOptions": { "paths": { "@/*": ["lib/*"] } } }`)],
    ["a package.json edit (imports)", (p) => p.write("package.json", JSON.stringify({ imports: { "#alpha": "./src/alpha.ts" } }))],
    ["a new file an import now resolves to", (p) => p.write("src/later.ts", RUNTIME_IMPORT + fnSpec("laterFn"))],
    ["a deleted spec file", (p) => p.remove("src/alpha.ts")],
    ["a deleted file outside the roots (explicit deps)", (p) => p.remove("lib/x.ts")],
    ["a config change (infer_deps off)", (p) => p.write("jaunt.toml", `${p.read("jaunt.toml")}\n[build]\ninfer_deps = false\n`)],
    ["a config change (a new source root)", (p) => p.write("jaunt.toml", p.read("jaunt.toml").replace('source_roots = ["src"]', 'source_roots = ["src", "lib"]'))],
  ];
  for (const [what, change] of changes) {
    test(`after ${what}: the same plan as from scratch`, async () => {
      project = await primed();
      const before = await outcome(cached(project));
      change(project);
      const after = await outcome(cached(project));
      expect(after).toEqual(await outcome(scratch(project)));
      expect(after).not.toEqual(before);
      // And again, from the memo this run wrote.
      expect(await outcome(cached(project))).toEqual(after);
    });
  }

  test("a damaged or foreign memo is ignored", async () => {
    project = await primed();
    writeFileSync(path.join(project.root, GRAPH_MEMO_PATH), "{ not json");
    expect(view(await cached(project))).toEqual(view(await scratch(project)));
    writeMemo(project, { ...readMemo(project), key: "another tool" });
    expect(view(await cached(project))).toEqual(view(await scratch(project)));
  });
});
