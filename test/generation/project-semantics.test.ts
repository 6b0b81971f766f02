/**
 * The type check judges with the project's own semantics: its tsconfig
 * (types, strict, paths, exactOptionalPropertyTypes, noUncheckedIndexedAccess)
 * and the defaults of the TypeScript major version its package.json declares.
 * A candidate the project's own checker accepts is accepted; one it rejects is
 * rejected; a project whose checker sees no Bun or Node types is one config error.
 */
import { afterAll, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import type { GenerationInput } from "../../src/generation/types.ts";
import { validateCandidate } from "../../src/generation/validate/validate-candidate.ts";
import { createSpecProject, type SpecProject } from "../support/generation-project.ts";

const SPEC = `import * as jaunt from "@jaunt/runtime";

export interface PadOptions { width: number; fill?: string }

/** Resolve with value after ms milliseconds. */
export const later = jaunt.magic(function later(value: number, ms: number): Promise<number> {
  return jaunt.todo();
});

/** The first item, or fallback when empty. */
export const head = jaunt.magic(function head(items: readonly number[], fallback: number): number {
  return jaunt.todo();
});

/** Pad text on the left. */
export const pad = jaunt.magic(function pad(text: string, options: PadOptions): string {
  return jaunt.todo();
});
`;

const INPUT: GenerationInput = {
  kind: "build",
  module: "src/util",
  specFile: "src/util.ts",
  generatedFile: "src/__generated__/util.ts",
  specSource: SPEC,
  specs: ["later", "head", "pad"].map((name) => ({ ref: `src/util:${name}`, name, kind: "function" as const, text: SPEC })),
  dependencies: [],
  handwrittenImports: [],
};

const LATER = "export function later(value: number, ms: number): Promise<number> {\n  return new Promise((resolve) => setTimeout(() => resolve(value), ms));\n}\n";
const HEAD_CHECKED = "export function head(items: readonly number[], fallback: number): number {\n  return items[0] ?? fallback;\n}\n";
const HEAD_INDEXED = "export function head(items: readonly number[], fallback: number): number {\n  if (items.length === 0) return fallback;\n  const first: number = items[0];\n  return first;\n}\n";
const PAD = 'import type { PadOptions } from "../util";\nexport function pad(text: string, options: PadOptions): string {\n  return text.padStart(options.width, options.fill ?? " ");\n}\n';
const PAD_UNDEFINED_FILL = 'import type { PadOptions } from "../util";\nexport function pad(text: string, options: PadOptions): string {\n  const normal: PadOptions = { width: options.width, fill: options.fill === "" ? undefined : options.fill };\n  return text.padStart(normal.width, normal.fill ?? " ");\n}\n';
const HEAD_UNTYPED_PARAM = "export function head(items: readonly number[], fallback): number {\n  return items[0] ?? fallback;\n}\n";

interface Setup {
  /** compilerOptions besides the base ones; `undefined` = key absent. */
  readonly options: Readonly<Record<string, unknown>>;
  /** TypeScript range declared in package.json, if any. */
  readonly typescript?: string;
  readonly bunTypes?: boolean;
}

const projects: SpecProject[] = [];
afterAll(() => {
  for (const p of projects) p.cleanup();
});

async function check(setup: Setup, code: string) {
  const project = createSpecProject({ "src/util.ts": SPEC, "src/lib/pad.ts": "export const SPACE = ' ';\n" }, { tsconfig: false });
  projects.push(project);
  const compilerOptions = { target: "ESNext", lib: ["ESNext"], module: "Preserve", moduleResolution: "bundler", noEmit: true, skipLibCheck: true, ...setup.options };
  project.write("tsconfig.json", JSON.stringify({ compilerOptions }));
  project.write("package.json", JSON.stringify({ name: "p", type: "module", devDependencies: setup.typescript ? { typescript: setup.typescript } : {} }));
  if (setup.bunTypes === false) rmSync(path.join(project.root, "node_modules/@types/bun"), { force: true });
  return validateCandidate(`\`\`\`ts\n${code}\`\`\``, INPUT, { root: project.root });
}

const codes = (outcome: { diagnostics: readonly { code: string }[] }) => outcome.diagnostics.map((d) => d.code);
const ALL = (head: string, pad = PAD) => `${LATER}\n${head}\n${pad}`;

test('no "types" + TypeScript 5 declared: every @types package is visible, as for the user\'s tsc', async () => {
  expect(codes(await check({ options: { strict: true }, typescript: "^5.6.2" }, ALL(HEAD_CHECKED)))).toEqual([]);
});

test('"types": ["bun"] works whatever TypeScript version is declared', async () => {
  expect(codes(await check({ options: { strict: true, types: ["bun"] }, typescript: "^6.0.0" }, ALL(HEAD_CHECKED)))).toEqual([]);
  expect(codes(await check({ options: { strict: true, types: ["bun"] } }, ALL(HEAD_CHECKED)))).toEqual([]);
});

test('no "types" + TypeScript 6+: the checker sees no Bun types → one config error naming the fix', async () => {
  const error = await check({ options: { strict: true }, typescript: "^7.0.0" }, ALL(HEAD_CHECKED)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JauntConfigError);
  if (!(error instanceof JauntConfigError)) return;
  expect(error.code).toBe("config.no_runtime_types");
  expect(error.message).toContain("setTimeout");
  expect(error.hint).toContain('add "types": ["bun"] to compilerOptions in tsconfig.json');
});

test("no Bun or Node types installed at all → the config error says to install them", async () => {
  const error = await check({ options: { strict: true }, typescript: "^5.4.0", bunTypes: false }, ALL(HEAD_CHECKED)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JauntConfigError);
  if (!(error instanceof JauntConfigError)) return;
  expect(error.hint).toContain("bun add -d @types/bun");
});

test('a tsconfig error that stops TypeScript ("types": ["node"] not installed) is one config error, never an unchecked pass', async () => {
  const error = await check({ options: { strict: true, types: ["node"] }, typescript: "^6.0.0" }, ALL(HEAD_CHECKED)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JauntConfigError);
  if (!(error instanceof JauntConfigError)) return;
  expect(error.code).toBe("config.tsconfig_rejected");
  expect(error.message).toContain("TS2688: Cannot find type definition file for 'node'");
  expect(error.hint).toContain("bun add -d @types/node");
});

test("options TypeScript 7 removed (baseUrl, node10) are translated for a TypeScript 5 project; declared 7+, they are the project's error", async () => {
  const legacy = { strict: true, types: ["bun"], module: "commonjs", moduleResolution: "node", baseUrl: "./src", paths: { "@lib/*": ["lib/*"] }, esModuleInterop: false };
  const aliased = (spec: string) => `import { SPACE } from "${spec}";\n${ALL(HEAD_CHECKED).replace('options.fill ?? " "', "options.fill ?? SPACE")}`;
  expect(codes(await check({ options: legacy, typescript: "^5.4.5" }, aliased("@lib/pad")))).toEqual([]);
  expect(codes(await check({ options: legacy, typescript: "^5.4.5" }, aliased("lib/pad")))).toEqual([]);
  expect(codes(await check({ options: legacy, typescript: "^5.4.5" }, aliased("@lib/missing")))).toEqual(["TS2307"]);
  expect(codes(await check({ options: legacy, typescript: "^5.4.5" }, ALL(HEAD_INDEXED)))).toEqual([]);
  const error = await check({ options: legacy, typescript: "^7.0.0" }, aliased("@lib/pad")).catch((e: unknown) => e);
  expect(error instanceof JauntConfigError && error.message).toContain("TS5102: Option 'baseUrl' has been removed");
});

test("strict: TypeScript 5 without `strict` accepts an untyped parameter; 6+ (strict by default) rejects it", async () => {
  expect(codes(await check({ options: { types: ["bun"] }, typescript: "5.9.3" }, ALL(HEAD_UNTYPED_PARAM)))).toEqual([]);
  expect(codes(await check({ options: { types: ["bun"] }, typescript: "^6.0.3" }, ALL(HEAD_UNTYPED_PARAM)))).toEqual(["TS7006"]);
});

test("noUncheckedIndexedAccess on rejects an unchecked index; off accepts it", async () => {
  expect(codes(await check({ options: { strict: true, types: ["bun"], noUncheckedIndexedAccess: true } }, ALL(HEAD_INDEXED)))).toEqual(["TS2322"]);
  expect(codes(await check({ options: { strict: true, types: ["bun"], noUncheckedIndexedAccess: false } }, ALL(HEAD_INDEXED)))).toEqual([]);
});

test("exactOptionalPropertyTypes on rejects undefined for an optional property; off accepts it", async () => {
  expect(codes(await check({ options: { strict: true, types: ["bun"], exactOptionalPropertyTypes: true } }, ALL(HEAD_CHECKED, PAD_UNDEFINED_FILL)))).toEqual(["TS2375"]);
  expect(codes(await check({ options: { strict: true, types: ["bun"] } }, ALL(HEAD_CHECKED, PAD_UNDEFINED_FILL)))).toEqual([]);
});

test("path aliases from the tsconfig resolve; an unknown alias is the checker's own error", async () => {
  const paths = { strict: true, types: ["bun"], paths: { "@lib/*": ["./src/lib/*"] } };
  const aliased = (spec: string) => `import { SPACE } from "${spec}";\n${ALL(HEAD_CHECKED).replace('options.fill ?? " "', "options.fill ?? SPACE")}`;
  expect(codes(await check({ options: paths }, aliased("@lib/pad")))).toEqual([]);
  expect(codes(await check({ options: paths }, aliased("@lib/missing")))).toEqual(["TS2307"]);
});

test("a workspace root above the project that declares TypeScript 5 decides the defaults", async () => {
  const project = createSpecProject({ "app/src/util.ts": SPEC }, { tsconfig: false });
  projects.push(project);
  project.write("package.json", JSON.stringify({ name: "monorepo", private: true, workspaces: ["app"], devDependencies: { typescript: "~5.8.0" } }));
  project.write("app/package.json", JSON.stringify({ name: "app", type: "module" }));
  project.write("app/tsconfig.json", JSON.stringify({ compilerOptions: { target: "ESNext", lib: ["ESNext"], module: "Preserve", moduleResolution: "bundler", strict: true, noEmit: true, skipLibCheck: true } }));
  const outcome = await validateCandidate(`\`\`\`ts\n${ALL(HEAD_CHECKED)}\`\`\``, INPUT, { root: path.join(project.root, "app") });
  expect(codes(outcome)).toEqual([]);
});

test("NodeNext: the hidden check files resolve, and the project's own rule for relative specifiers applies", async () => {
  const nodeNext = { strict: true, types: ["bun"], module: "NodeNext", moduleResolution: "NodeNext" };
  const withJs = ALL(HEAD_CHECKED).replace('from "../util"', 'from "../util.js"');
  expect(codes(await check({ options: nodeNext }, withJs))).toEqual([]);
  expect(codes(await check({ options: nodeNext }, ALL(HEAD_CHECKED)))).toEqual(["TS2835"]);
});
