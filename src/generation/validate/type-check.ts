/**
 * Type-check a candidate against the spec's declared signatures with `bun check`
 * (measured ~50 ms wall and ~28 MB for a small module, vs ~0.7–1.5 s and ~130 MB
 * for an in-process TypeScript `createProgram`), with the project's own
 * semantics (project-semantics.ts). The candidate goes into a hidden file in
 * the real generated folder, so its relative imports resolve exactly as they
 * will once written; a sibling assert file checks
 * `const _x: typeof Spec.x = Candidate.x` per spec, against the spec module's
 * public shape (spec-shape.ts). All hidden files are always removed.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, GenerationInput, SpecInput } from "../types.ts";
import { assertChecked, assertRuntimeTypes, projectSemantics } from "./project-semantics.ts";
import { assertJsxConfigured } from "./jsx-option.ts";
import { assertSpecTypeChecks, type LocatedDiagnostic } from "./spec-errors.ts";
import { SPEC_CLASS_PREFIX, specShape } from "./spec-shape.ts";
import { scriptKindOf, type TypeScriptApi } from "./typescript-parser.ts";

const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const CHECK_TIMEOUT_MS = 60_000;

export interface TypeCheckOptions {
  readonly ts: TypeScriptApi;
  readonly root: string;
  readonly input: GenerationInput;
  readonly code: string;
  /** Specs whose export exists with the right kind (others were already reported). */
  readonly specsToAssert: readonly SpecInput[];
  readonly signal?: AbortSignal;
  /** Runs the check; default: a `bun check` process of its own. The build shares processes between modules (check-batcher.ts). */
  readonly runCheck?: CheckRunner;
}

/** One type check: the files to check with the project's semantics, as plain data (it crosses the Worker boundary). */
export interface CheckRequest {
  /** Absolute project root: the process's working directory. */
  readonly root: string;
  /** The tsconfig that applies (absolute), when there is one: checks under different ones never share a process. */
  readonly tsconfig?: string;
  /** Extra `bun check` flags (project-semantics.ts). */
  readonly flags: readonly string[];
  /** Absolute files to check (each with what it imports). */
  readonly files: readonly string[];
  /** A generated tsconfig listing the files (`-p`), for projects whose own uses options TypeScript 7 removed. */
  readonly project?: string;
}

/** The whole output (stdout then stderr) of a check covering the request's files. */
export type CheckRunner = (request: CheckRequest) => Promise<string>;

/** A hidden file of some candidate's check: its diagnostics belong to that check alone. */
const HIDDEN_PREFIX = ".jaunt-check-";

interface CheckFiles {
  readonly candidate: string;
  readonly assert: string;
  readonly shape: string;
  readonly config: string;
  readonly asserted: readonly SpecInput[];
  readonly callLines: ReadonlyMap<number, string>;
  /** Project-relative spec and generated module paths, shown instead of the hidden files' names. */
  readonly display: { readonly spec: string; readonly generated: string };
}

/** TS diagnostics located in the candidate (or naming the spec whose signature it breaks). */
export async function typeCheck(options: TypeCheckOptions): Promise<Diagnostic[]> {
  const { ts, root, input, code } = options;
  const dir = path.join(root, path.dirname(input.generatedFile));
  await mkdir(dir, { recursive: true });
  const stem = `${HIDDEN_PREFIX}${crypto.randomUUID().slice(0, 8)}`;
  // The hidden copies keep the extension of what they copy: `.tsx` holds JSX, `.mts`/`.cts` fix the module format.
  const ext = sourceExtension(input.generatedFile);
  const specExt = sourceExtension(input.specFile);
  const files: CheckFiles = { candidate: path.join(dir, `${stem}${ext}`), assert: path.join(dir, `${stem}.assert${ext === ".tsx" ? ".ts" : ext}`), shape: path.join(dir, `${stem}.shape${specExt}`), config: path.join(dir, `${stem}.tsconfig.json`), asserted: [], callLines: new Map(), display: { spec: input.specFile.replace(/\.[cm]?tsx?$/, ""), generated: input.generatedFile.replace(/\.[cm]?tsx?$/, "") } };
  const asserted = input.kind === "build" ? options.specsToAssert.filter((s) => s.kind !== "test") : [];
  const semantics = projectSemantics(ts, root, dir);
  try {
    await writeFile(files.candidate, code);
    // The spec module itself too: its own errors are the user's to fix (spec-errors.ts), never dropped.
    const toCheck = [files.candidate, path.join(root, input.specFile)];
    let checked = files;
    if (asserted.length > 0) {
      const specDir = path.relative(dir, path.join(root, path.dirname(input.specFile))).split(path.sep).join("/") || ".";
      const shape = specShape(ts, input.specSource, asserted, specDir, `./${stem}${jsExtension(ext)}`, scriptKindOf(ts, input.specFile));
      const specModule = shape.source === undefined ? specSpecifier(root, dir, input.specFile) : `./${stem}.shape${jsExtension(specExt)}`;
      if (shape.source !== undefined) {
        await writeFile(files.shape, shape.source);
        toCheck.push(files.shape);
      }
      await writeFile(files.assert, assertSource(specModule, `./${stem}${jsExtension(ext)}`, asserted, shape.source === undefined ? new Map() : shape.classes));
      toCheck.push(files.assert);
      checked = { ...files, asserted, callLines: shape.callLines };
    }
    const request: CheckRequest = { root, flags: semantics.flags, files: toCheck, ...(semantics.tsconfig ? { tsconfig: semantics.tsconfig } : {}) };
    let project: string | undefined;
    if (semantics.legacy && semantics.tsconfig) {
      // The project's tsconfig uses options TypeScript 7 removed: check through one that replaces them.
      const config = { extends: semantics.tsconfig, compilerOptions: semantics.legacy, files: toCheck, include: [] };
      await writeFile(files.config, JSON.stringify(config));
      project = files.config;
    }
    const run = options.runCheck ?? ((r: CheckRequest) => checkAlone(r, options.signal));
    const output = await run(project === undefined ? request : { ...request, project });
    assertChecked(output, root);
    const { diagnostics, located } = parseDiagnostics(output, root, checked);
    assertJsxConfigured(located, semantics.tsconfig, root);
    assertSpecTypeChecks(located, input.specFile);
    assertRuntimeTypes(semantics, root, diagnostics);
    return diagnostics;
  } finally {
    await Promise.all([files.candidate, files.assert, files.shape, files.config].map((f) => rm(f, { force: true })));
    // The folder stays: parallel checks of sibling modules share it, and the writer needs it anyway.
  }
}

/**
 * The hidden files import each other with `.js` specifiers: TypeScript maps them to the `.ts`
 * files under every module resolution (bundler, NodeNext, node10), where an extensionless
 * specifier fails under NodeNext.
 */
function specSpecifier(root: string, dir: string, specFile: string): string {
  const spec = path.relative(dir, path.join(root, specFile)).split(path.sep).join("/").replace(/\.([cm]?)tsx?$/, ".$1js");
  return spec.startsWith(".") ? spec : `./${spec}`;
}

function sourceExtension(file: string): ".ts" | ".tsx" | ".mts" | ".cts" {
  const ext = path.extname(file);
  return ext === ".tsx" || ext === ".mts" || ext === ".cts" ? ext : ".ts";
}

/** The specifier extension TypeScript maps to a source extension (`.mts` → `.mjs`). */
function jsExtension(ext: string): string {
  return ext === ".mts" ? ".mjs" : ext === ".cts" ? ".cjs" : ".js";
}

function assertSource(specModule: string, candidate: string, specs: readonly SpecInput[], classes: ReadonlyMap<string, string>): string {
  const lines = [`import type * as Spec from ${JSON.stringify(specModule)};`, `import * as Candidate from ${JSON.stringify(candidate)};`];
  for (const s of specs) lines.push(`export const __jaunt_check_${s.name}: typeof Spec.${classes.get(s.name) ?? s.name} = Candidate.${s.name};`);
  return `${lines.join("\n")}\n`;
}

/** `bun check` arguments for `request` (after `check --no-pretty --no-script`). */
export function checkArgs(request: CheckRequest): string[] {
  return [...request.flags, ...(request.project === undefined ? request.files : ["-p", request.project])];
}

/** `request` checked in a `bun check` process of its own (what runs without a shared checker). */
export function checkAlone(request: CheckRequest, signal?: AbortSignal): Promise<string> {
  return spawnBunCheck(request.root, checkArgs(request), signal);
}

/**
 * Run `bun check --no-pretty --no-script ARGS` in `root`; resolves with its
 * stdout and stderr whatever its exit code (errors found exit 1); killed after 60 s or on `signal`.
 */
export async function spawnBunCheck(root: string, args: readonly string[], signal?: AbortSignal): Promise<string> {
  // --no-script: a project's own "check" script must not replace the type check.
  // BUN_BE_BUN makes a compiled jaunt binary act as the bun CLI; harmless when running from source.
  const child = Bun.spawn([process.execPath, "check", "--no-pretty", "--no-script", ...args], {
    cwd: root,
    env: { ...process.env, BUN_BE_BUN: "1", NO_COLOR: "1" },
    stdout: "pipe",
    stderr: "pipe",
    signal,
    timeout: CHECK_TIMEOUT_MS,
  });
  const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return `${stdout}\n${stderr}`;
}

/** The candidate's diagnostics, and every diagnostic with its project-relative file (hidden files named as what they stand for). */
function parseDiagnostics(output: string, root: string, files: CheckFiles): { diagnostics: Diagnostic[]; located: LocatedDiagnostic[] } {
  const candidate: Diagnostic[] = [];
  const located: LocatedDiagnostic[] = [];
  const assertions = new Map<string, Diagnostic>();
  const callFailed = new Set<string>();
  let current: { file: string; line: number; column: number; code: string; message: string } | undefined;
  const ownFiles = new Set([files.candidate, files.assert, files.shape, files.config]);
  // Messages name the hidden files and the shape copy's renamed classes: show the user's names instead.
  const readable = (message: string) =>
    message
      .replaceAll(files.shape.replace(/\.[cm]?tsx?$/, ""), files.display.spec)
      .replaceAll(files.candidate.replace(/\.[cm]?tsx?$/, ""), files.display.generated)
      .replaceAll(SPEC_CLASS_PREFIX, "Spec.");
  const flush = () => {
    if (!current) return;
    current.message = readable(current.message);
    const file = path.resolve(root, current.file);
    // A check shared with other modules' candidates reports their hidden files too: not ours to read.
    if (path.basename(file).startsWith(HIDDEN_PREFIX) && !ownFiles.has(file)) {
      current = undefined;
      return;
    }
    // Without @types/bun, `bun:test` etc. have no declarations, yet Bun provides them at run time.
    const bunBuiltin = current.code === "TS2307" && current.message.includes("'bun:");
    const shown = file === files.candidate || file === files.assert ? `${files.display.generated}${path.extname(files.candidate)}` : file === files.shape ? `${files.display.spec}${path.extname(file)}` : path.relative(root, file).split(path.sep).join("/");
    // Errors in the shape copy come from Jaunt's edits of it; the real spec module is checked as itself.
    if (file !== files.shape && !bunBuiltin) located.push({ file: shown, line: current.line, column: current.column, code: current.code, message: current.message });
    if (file === files.candidate && !bunBuiltin) candidate.push({ line: current.line, column: current.column, code: current.code, message: current.message });
    if (file === files.assert) {
      const spec = files.asserted[current.line - 3]; // assert lines start after two imports
      const what = spec ? `\`${spec.name}\` does not match the spec's declared ${spec.kind === "class" ? "class type" : "signature"}` : "export does not match the spec";
      assertions.set(spec?.name ?? `#${current.line}`, { code: current.code, message: `${what}: ${current.message}` });
    }
    if (file === files.shape) {
      const name = files.callLines.get(current.line);
      if (name !== undefined) callFailed.add(name);
    }
    current = undefined;
  };
  for (const raw of output.split("\n")) {
    const m = LINE.exec(raw.trimEnd());
    if (m) {
      flush();
      current = { file: m[1] ?? "", line: Number(m[2]), column: Number(m[3]), code: m[4] ?? "TS", message: m[5] ?? "" };
    } else if (current && /^\s+\S/.test(raw)) {
      current.message += `\n${raw.trim()}`;
    } else {
      flush();
    }
  }
  flush();
  // A generic function whose type is not assignable but which serves every call the spec's signature allows passes.
  const kept = [...assertions].filter(([name]) => !files.callLines.size || ![...files.callLines.values()].includes(name) || callFailed.has(name));
  return { diagnostics: [...candidate, ...kept.map(([, d]) => d)], located };
}
