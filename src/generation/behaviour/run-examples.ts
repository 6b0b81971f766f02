/**
 * Run a module's example checks against one candidate, in a Worker (or a
 * subprocess) with the overlay (the candidate served at its generated path, the program next
 * to the spec module), within a time limit, and turn what happened into
 * diagnostics — expected and actual in a short, stable rendering, the spec
 * file and line of the example. An example that fails for a reason that is
 * not the candidate's (a name it lacks, an expected value that throws) is
 * reported once as not run, never held against the candidate.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Diagnostic, GenerationInput } from "../types.ts";
import { checkProgram } from "./examples/check-program.ts";
import type { ModuleScope } from "./examples/module-scope.ts";
import type { ExampleBlock, ExampleCheck } from "./examples/types.ts";
import { createRunFolder, workerEntryUrl } from "./run/preload-files.ts";
import { isCompiledExecutable } from "../../support/compiled.ts";
import { runIsolated } from "./run/run-isolated.ts";
import { runWorker } from "./run/run-worker.ts";

export interface ExampleRunOptions {
  readonly root: string;
  readonly input: GenerationInput;
  /** The candidate module's code. */
  readonly code: string;
  readonly blocks: readonly ExampleBlock[];
  readonly scope: ModuleScope;
  /** Limit for the whole run, ms. */
  readonly timeoutMs: number;
  /** The child's environment, already without secrets. */
  readonly env: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Where the examples run: a Worker (default), or a subprocess (default in the compiled jaunt). */
  readonly isolation?: "worker" | "process";
}

export interface ExampleRunResult {
  /** Checks that passed, of `total` checks in runnable blocks. */
  readonly passed: number;
  readonly total: number;
  /** Failures held against the candidate (code `jaunt/example`, `jaunt/example-timeout`). */
  readonly failures: readonly Diagnostic[];
  /** Checks that could not run for reasons that are not the candidate's, with file:line. */
  readonly notRun: readonly string[];
}

interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly frame?: string;
  readonly own: boolean;
}

type Event =
  | { readonly at: number }
  | { readonly setup: number }
  | { readonly id: number; readonly ok: true }
  | { readonly id: number; readonly ok: false; readonly actual?: string; readonly expected?: string; readonly threw?: ErrorInfo }
  | { readonly id: number; readonly skip: string }
  | { readonly setupError: number; readonly error: ErrorInfo }
  | { readonly fatal: ErrorInfo };

function parseEvents(text: string): Event[] {
  const events: Event[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      events.push(JSON.parse(line));
    } catch {
      // a line cut by a kill: ignore
    }
  }
  return events;
}

/** Not the candidate's fault: a name the example uses that nothing defines, or a broken expected value. */
function isExampleFault(error: ErrorInfo): boolean {
  return !error.own && (error.name === "ReferenceError" || error.name === "SyntaxError");
}

/** Run the runnable checks of `blocks` against the candidate. No process is started when there is no check. */
export async function runExamples(options: ExampleRunOptions): Promise<ExampleRunResult> {
  const { input, root } = options;
  const specAbs = path.join(root, input.specFile);
  const candidateFile = path.join(root, input.generatedFile);
  const program = checkProgram(options.blocks, {
    specSpecifier: `./${path.basename(input.specFile).replace(/\.[cm]?tsx?$/, "")}`,
    imports: options.scope.imports,
    imported: options.scope.imported,
    exports: options.scope.exports,
    candidateFile,
  });
  if (program.checks.length === 0) return { passed: 0, total: 0, failures: [], notRun: [] };
  const programFile = path.join(path.dirname(specAbs), `.jaunt-examples-${crypto.randomUUID().slice(0, 8)}.ts`);
  const overlay = { [candidateFile]: options.code, [programFile]: program.source };
  const signal = options.signal ? { signal: options.signal } : {};
  // A compiled jaunt's Workers resolve packages against its embedded bundle, not the project's node_modules:
  // there the examples run in a subprocess (the binary as plain bun), as the tests do.
  if ((options.isolation ?? (isCompiledExecutable() ? "process" : "worker")) === "worker") {
    const resultsFile = path.join(os.tmpdir(), `jaunt-examples-${crypto.randomUUID()}.jsonl`);
    try {
      await writeFile(resultsFile, "");
      const vars = { JAUNT_EXAMPLE_RESULTS: resultsFile, JAUNT_EXAMPLE_PROGRAM: programFile, JAUNT_CANDIDATE_FILE: candidateFile };
      const run = await runWorker({ script: workerEntryUrl(), env: options.env, message: { env: vars, overlay }, timeoutMs: options.timeoutMs, ...signal });
      return judge(options, program.checks, parseEvents(await readFile(resultsFile, "utf8")), run);
    } finally {
      await rm(resultsFile, { force: true });
    }
  }
  const folder = await createRunFolder();
  try {
    const overlayFile = folder.file("overlay.json");
    const resultsFile = folder.file("results.jsonl");
    await Promise.all([writeFile(overlayFile, JSON.stringify(overlay)), writeFile(resultsFile, "")]);
    const env = { ...options.env, JAUNT_OVERLAY: overlayFile, JAUNT_EXAMPLE_RESULTS: resultsFile, JAUNT_EXAMPLE_PROGRAM: programFile, JAUNT_CANDIDATE_FILE: candidateFile };
    const r = await runIsolated({ args: ["--no-env-file", folder.exampleEntry], cwd: root, env, timeoutMs: options.timeoutMs, ...signal });
    const run = { timedOut: r.timedOut, exitCode: r.exitCode ?? undefined, ...(r.stderr.trim() ? { error: r.stderr.trim().split("\n").slice(-3).join(" ") } : {}) };
    return judge(options, program.checks, parseEvents(await readFile(resultsFile, "utf8")), run);
  } finally {
    await folder.remove();
  }
}

function candidateFile(options: ExampleRunOptions): string {
  return path.join(options.root, options.input.generatedFile);
}

function judge(options: ExampleRunOptions, checks: readonly ExampleCheck[], events: readonly Event[], run: { timedOut: boolean; exitCode: number | undefined; error?: string }): ExampleRunResult {
  const { input, root } = options;
  const where = (line: number) => `${input.specFile}:${line}`;
  const frame = (e: ErrorInfo) => (e.frame ? ` (at ${path.relative(root, e.frame.replace(/:\d+$/, "")).split(path.sep).join("/")}:${e.frame.match(/:(\d+)$/)?.[1] ?? ""})` : "");
  const failures: Diagnostic[] = [];
  const notRun: string[] = [];
  const fail = (check: ExampleCheck | undefined, line: number, what: string, code = "jaunt/example") =>
    failures.push({ code, message: `${where(check?.line ?? line)}: the spec's example ${check ? `\`${check.source}\` ` : ""}${what}` });
  let passed = 0;
  let lastAt: number | undefined;
  let lastSetup: number | undefined;
  const finished = new Set<number>();
  for (const event of events) {
    if ("at" in event) {
      lastAt = event.at;
      lastSetup = undefined;
    } else if ("setup" in event) lastSetup = event.setup;
    else if ("fatal" in event) {
      const e = event.fatal;
      // A load failure is the candidate's only when it comes from the candidate (its stack or message names it).
      if (e.own || e.message.includes(input.generatedFile) || e.message.includes(candidateFile(options))) fail(undefined, checks[0]?.line ?? 1, `could not run: loading the module threw ${e.name}: ${e.message}${frame(e)}`);
      else notRun.push(`${input.specFile}: the examples could not load: ${e.name}: ${e.message}`);
    } else if ("setupError" in event) {
      const e = event.error;
      if (isExampleFault(e)) notRun.push(`${where(event.setupError)}: the example could not run: ${e.name}: ${e.message}`);
      else fail(undefined, event.setupError, `threw ${e.name}: ${e.message}${frame(e)}`);
      lastSetup = undefined;
    } else {
      finished.add(event.id);
      const check = checks[event.id];
      if ("skip" in event) notRun.push(`${where(check?.line ?? 1)}: the example could not run: ${event.skip}`);
      else if (event.ok) passed++;
      else if (event.threw) {
        if (isExampleFault(event.threw) && check?.expectation.kind !== "runs") notRun.push(`${where(check?.line ?? 1)}: the example could not run: ${event.threw.name}: ${event.threw.message}`);
        else fail(check, 1, `${check?.expectation.kind === "runs" ? "failed" : "threw"}: ${event.threw.name}: ${event.threw.message.replace(/\s*\n\s*/g, " ")}${frame(event.threw)}`);
      } else fail(check, 1, `failed: expected ${event.expected ?? "?"}, got ${event.actual ?? "?"}`);
    }
  }
  if (run.timedOut) {
    const limit = `did not finish within ${options.timeoutMs} ms (\`[build] example_timeout_ms\`): a loop that never ends or a promise that never settles`;
    if (lastSetup !== undefined) fail(undefined, lastSetup, limit, "jaunt/example-timeout");
    else if (lastAt !== undefined && !finished.has(lastAt)) fail(checks[lastAt], 1, limit, "jaunt/example-timeout");
    else fail(undefined, checks[0]?.line ?? 1, `${limit} — before the first example ran (loading the module)`, "jaunt/example-timeout");
  } else if (lastSetup !== undefined || (lastAt !== undefined && !finished.has(lastAt))) {
    // The run ended in the middle of an example: the code under test exited the process or crashed it.
    const ended = `ended the run before it finished (exit code ${run.exitCode ?? "unknown"}${run.error ? `: ${run.error}` : ""}): the module exits or crashes the process`;
    if (lastSetup !== undefined) fail(undefined, lastSetup, ended);
    else if (lastAt !== undefined) fail(checks[lastAt], 1, ended);
  } else if (events.length === 0) {
    notRun.push(`${input.specFile}: the example run ended early (exit ${run.exitCode ?? "unknown"})${run.error ? `: ${run.error}` : ""}`);
  }
  return { passed, total: checks.length, failures, notRun };
}
