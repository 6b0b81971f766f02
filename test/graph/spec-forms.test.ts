/**
 * Spec forms real TypeScript needs — SpecRef strings in `deps`, overloads
 * through a declared type, `satisfies`/`as`, assertion functions — and what
 * dependents' prompts show of them.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { JauntDiscoveryError } from "@jaunt/runtime";
import { loadConfig } from "../../src/config/load.ts";
import { renderMessages } from "../../src/generation/prompts/render-messages.ts";
import { planProject } from "../../src/graph/plan.ts";
import { status } from "../../src/graph/status.ts";
import { generationInputFor } from "../../src/orchestration/generation-input.ts";
import { promptTexts } from "../../src/orchestration/prepare-run.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, writeFreshGenerated, type TempProject } from "../discovery/temp-project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

async function promptOf(p: TempProject, id: string): Promise<string> {
  const config = await loadConfig({ root: p.root });
  const plan = await planProject({ config, cache: false });
  return renderMessages(await generationInputFor(plan, id), await promptTexts(config)).map((m) => m.content).join("\n");
}

async function depsOf(p: TempProject): Promise<Record<string, readonly string[]>> {
  return Object.assign({}, ...(await status({ root: p.root, cache: false })).modules.map((m) => m.specDeps));
}

const CLAMP = `${RUNTIME_IMPORT}
/** Two overloads: numbers or bigints, never mixed. */
export interface ClampFn {
  (value: number, min: number, max: number): number;
  (value: bigint, min: bigint, max: bigint): bigint;
}

/** Clamp value into [min, max]. */
export const clamp: ClampFn = jaunt.magic(function clamp(value: number | bigint, min: number | bigint, max: number | bigint) {
  return jaunt.todo();
});
`;

describe("explicit deps by SpecRef string", () => {
  test("a forward reference in the same module and a module the spec module does not import", async () => {
    project = tempProject({
      "src/d.ts": RUNTIME_IMPORT + fnSpec("other"),
      "src/c.ts": `${RUNTIME_IMPORT}export const first = jaunt.magic({ deps: ["src/c:second", "src/d:other"] }, function first() { return jaunt.todo(); });\n` + fnSpec("second"),
    });
    expect((await depsOf(project))["src/c:first"]).toEqual(["src/c:second", "src/d:other"]);
    await writeFreshGenerated(project, await planProject({ config: project.config(), cache: false }));
    project.write("src/d.ts", project.read("src/d.ts").replace("Does other.", "Does other things."));
    const after = await status({ root: project.root, cache: false });
    expect(after.modules.find((m) => m.module === "src/c")?.reasons.map((r) => r.message)).toContain("dependency src/d changed");
  });

  test("an unknown SpecRef is an error naming it, with a did-you-mean", async () => {
    project = tempProject({ "src/c.ts": `${RUNTIME_IMPORT}export const first = jaunt.magic({ deps: ["src/c:secnd"] }, function first() {});\n` + fnSpec("second") });
    const error = await status({ root: project.root, cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JauntDiscoveryError);
    expect(error instanceof JauntDiscoveryError ? `${error.message} ${error.hint}` : "").toBe(
      '`deps` of `first` names "src/c:secnd", which is no source spec did you mean "src/c:second"?',
    );
  });

  test("one error per mistake: deps naming a spec that has its own problem add none", async () => {
    project = tempProject({
      "src/a.ts": `${RUNTIME_IMPORT}export const a = jaunt.magic(function wrongName() {});\n`,
      "src/b.ts": `${RUNTIME_IMPORT}import { a } from "./a";\nexport const b = jaunt.magic({ deps: [a, "src/a:a"] }, function b() {});\n`,
    });
    const error = await status({ root: project.root, cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JauntDiscoveryError);
    expect(error instanceof JauntDiscoveryError ? error.message : "").toBe("function `wrongName` is exported as `a`; its name differs from its export");
  });
});

describe("overloads, satisfies, as", () => {
  test("a declared type of call signatures: the dependent's prompt shows every overload", async () => {
    project = tempProject({
      "src/clamp.ts": CLAMP,
      "src/use.ts": `${RUNTIME_IMPORT}import { clamp } from "./clamp";\n` + fnSpec("percent", "clamp(x, 0, 100) as text."),
    });
    expect((await depsOf(project))["src/use:percent"]).toEqual(["src/clamp:clamp"]);
    const prompt = await promptOf(project, "src/use");
    expect(prompt).toContain([
      "/** Two overloads: numbers or bigints, never mixed. */",
      "export interface ClampFn {",
      "  (value: number, min: number, max: number): number;",
      "  (value: bigint, min: bigint, max: bigint): bigint;",
      "}",
      "/** Clamp value into [min, max]. */",
      "export const clamp: ClampFn;",
    ].join("\n"));
    expect(await promptOf(project, "src/clamp")).toContain("(value: bigint, min: bigint, max: bigint): bigint;");
  });

  test("`satisfies` and `as` on the magic call are specs (as T declares the public type)", async () => {
    project = tempProject({
      "src/f.ts": `${RUNTIME_IMPORT}type Fn = (x: string) => string;\n` +
        `export const viaSatisfies = jaunt.magic(function viaSatisfies(x: string): string { return jaunt.todo(); }) satisfies Fn;\n` +
        `export const viaAs = (jaunt.magic(function viaAs(x: string) { return jaunt.todo(); }) as Fn);\n`,
    });
    const config = await loadConfig({ root: project.root });
    const plan = await planProject({ config, cache: false });
    expect(plan.specs["src/f:viaSatisfies"]?.info.publicApi).toBe("type Fn = (x: string) => string;\nexport function viaSatisfies(x: string): string;");
    expect(plan.specs["src/f:viaAs"]?.info.publicApi).toBe("type Fn = (x: string) => string;\nexport const viaAs: Fn;");
  });

  test("default values do not leak into declarations", async () => {
    project = tempProject({
      "src/pad.ts": `${RUNTIME_IMPORT}export const pad = jaunt.magic(function pad(s: string, width = 10, fill: string = " ", ...rest: string[]): string { return jaunt.todo(); });\n` +
        `@jaunt.magic()\nexport class Counter {\n  count = 0;\n  constructor(readonly step: number = 1) {}\n  add(times = 1): number { return jaunt.todo(); }\n}\n`,
    });
    const plan = await planProject({ config: project.config(), cache: false });
    expect(plan.specs["src/pad:pad"]?.info.publicApi).toBe("export function pad(s: string, width?: number, fill?: string, ...rest: string[]): string;");
    expect(plan.specs["src/pad:Counter"]?.info.publicApi).toBe("export class Counter {\n  count: number;\n  constructor(readonly step?: number);\n  add(times?: number): number;\n}");
  });
});

describe("assertion functions", () => {
  test("the annotated form is a spec with its declared type; the plain form warns with the fix", async () => {
    project = tempProject({
      "src/check.ts": `${RUNTIME_IMPORT}type IsString = (value: unknown) => asserts value is string;\n` +
        `export const assertString: IsString = jaunt.magic(function assertString(value: unknown): asserts value is string { return jaunt.todo(); });\n` +
        `export const assertNumber = jaunt.magic(function assertNumber(value: unknown): asserts value is number { return jaunt.todo(); });\n`,
    });
    const report = await status({ root: project.root, cache: false });
    expect(report.warnings).toEqual([
      "src/check.ts:4:14: assertion spec `assertNumber` has no declared type: every call to it fails to type-check (TS2775 \"Assertions require every name in the call target to be declared with an explicit type annotation\") " +
        "(fix: declare the const's type: export const assertNumber: (value: unknown) => asserts value is number = jaunt.magic(function assertNumber(…) { … }))",
    ]);
    const plan = await planProject({ config: project.config(), cache: false });
    expect(plan.specs["src/check:assertString"]?.info.publicApi).toBe("type IsString = (value: unknown) => asserts value is string;\nexport const assertString: IsString;");
  });
});
