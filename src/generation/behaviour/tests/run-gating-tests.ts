/**
 * The tests gate: `bun test` on the module's gating tests (the user's
 * handwritten tests that import its spec module, and generated tests still
 * fresh) with the candidate served at its generated path by the overlay.
 * A failure is held against the candidate when it is an assertion failure or
 * its stack passes through the candidate; a test that errors in its own code
 * (a runner API or global it lacks, a helper that does not exist) or a file
 * that does not load is a warning, reported once and never held against
 * candidates.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, GatingTest, GenerationInput } from "../../types.ts";
import { createRunFolder } from "../run/preload-files.ts";
import { runIsolated } from "../run/run-isolated.ts";
import { readJunit, type TestCaseResult } from "./junit-report.ts";

/** Whole-run limit: the tests' own time, bounded (bun's per-test timeout stays its default 5 s). */
const TESTS_TIMEOUT_MS = 120_000;

export interface GatingTestOptions {
  readonly root: string;
  readonly input: GenerationInput;
  readonly code: string;
  readonly env: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface GatingTestResult {
  readonly passed: number;
  readonly total: number;
  /** Failures held against the candidate (code `jaunt/test`). */
  readonly failures: readonly Diagnostic[];
  readonly warnings: readonly string[];
}

function heldAgainstCandidate(test: TestCaseResult, generatedFile: string): boolean {
  const failure = test.failure;
  if (!failure) return false;
  // Another spec module the test uses is not built: nothing this candidate did.
  if (/JauntNotBuiltError|is not built \(no generated module/.test(`${failure.type} ${failure.message}`)) return false;
  if (failure.type === "AssertionError" || failure.stack.includes(generatedFile)) return true;
  return /timed out after \d+ ?ms/i.test(failure.message);
}

/** `src/__generated__/x.ts:3` — the first frame of `stack` inside the candidate. */
function candidateFrame(stack: string, root: string, generatedFile: string): string | undefined {
  for (const line of stack.split("\n")) {
    const m = /\(?((?:\/|[A-Za-z]:)?[^\s()]+?):(\d+):\d+\)?\s*$/.exec(line.trim());
    if (!m?.[1] || !m[2]) continue;
    const file = path.isAbsolute(m[1]) ? path.relative(root, m[1]).split(path.sep).join("/") : m[1];
    if (file === generatedFile) return `${file}:${m[2]}`;
  }
  return undefined;
}

function flat(text: string, limit = 400): string {
  const one = text.replace(/\s*\n\s*/g, " ").trim();
  return one.length > limit ? `${one.slice(0, limit - 1)}…` : one;
}

/** Run the input's gating tests against `code`. */
export async function runGatingTests(options: GatingTestOptions): Promise<GatingTestResult> {
  const { root, input } = options;
  const tests: readonly GatingTest[] = input.gatingTests ?? [];
  if (tests.length === 0) return { passed: 0, total: 0, failures: [], warnings: [] };
  const folder = await createRunFolder();
  try {
    const overlayFile = folder.file("overlay.json");
    const junit = folder.file("report.xml");
    await writeFile(overlayFile, JSON.stringify({ [path.join(root, input.generatedFile)]: options.code }));
    const run = await runIsolated({
      args: ["--no-env-file", "test", "--preload", folder.preload, "--reporter=junit", `--reporter-outfile=${junit}`, ...tests.map((t) => `./${t.file}`)],
      cwd: root,
      env: { ...options.env, JAUNT_OVERLAY: overlayFile },
      timeoutMs: options.timeoutMs ?? TESTS_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const report = await readFile(junit, "utf8").catch(() => undefined);
    if (report === undefined && !run.timedOut) {
      // bun test writes its report when it finishes: none means the process ended under it (the module exited or crashed it).
      const detail = firstError(`${run.stdout}\n${run.stderr}`);
      return { passed: 0, total: 0, warnings: [], failures: [{ code: "jaunt/test", message: `the tests (${tests.map((t) => t.file).join(", ")}) ended before bun test reported (exit code ${run.exitCode ?? "signal"})${detail ? `: ${detail}` : ""}: the module exits or crashes the process` }] };
    }
    return judge(options, tests, readJunit(report ?? ""), run);
  } finally {
    await folder.remove();
  }
}

function judge(options: GatingTestOptions, tests: readonly GatingTest[], cases: readonly TestCaseResult[], run: { timedOut: boolean; stdout: string; stderr: string; elapsedMs: number }): GatingTestResult {
  const { root, input } = options;
  const failures: Diagnostic[] = [];
  const warnings: string[] = [];
  const origin = new Map(tests.map((t) => [t.file, t.origin]));
  let passed = 0;
  let total = 0;
  for (const test of cases) {
    if (test.status === "skipped") continue;
    total++;
    if (test.status === "passed") {
      passed++;
      continue;
    }
    const where = `${test.file}${test.line === undefined ? "" : `:${test.line}`}`;
    const kind = origin.get(test.file);
    const whose = kind === "generated" ? "the generated test (still fresh: it passed against the previous implementation)" : kind === "failing" ? "the generated test this repair must make pass" : "the user's test";
    const failure = test.failure;
    if (!failure) continue;
    if (!heldAgainstCandidate(test, input.generatedFile)) {
      total--; // not a check of the candidate
      warnings.push(`${where}: ${whose} "${test.name}" fails in its own code (${flat(`${failure.type}: ${failure.message}`, 200)}); not held against ${input.module}`);
      continue;
    }
    const frame = candidateFrame(failure.stack, root, input.generatedFile);
    const subject = `${where}: ${whose} "${test.name}"`;
    failures.push({ code: "jaunt/test", message: `${subject} failed: ${flat(failure.message)}${frame ? ` (first frame in the module: ${frame})` : ""}`, ...(kind === "generated" || kind === "failing" ? {} : { userTest: subject }) });
  }
  const output = `${run.stdout}\n${run.stderr}`;
  for (const test of tests) {
    if (cases.some((c) => c.file === test.file)) continue;
    const segment = outputOf(output, test.file);
    const detail = segment === undefined ? undefined : firstError(segment);
    if (detail && segment?.includes(input.generatedFile)) failures.push({ code: "jaunt/test", message: `${test.file}: loading the test failed in the module: ${detail}` });
    else if (!run.timedOut) warnings.push(`${test.file}: the test file did not load${detail ? ` (${detail})` : ""}; not held against ${input.module}`);
  }
  if (run.timedOut) failures.push({ code: "jaunt/test-timeout", message: `the tests (${tests.map((t) => t.file).join(", ")}) did not finish within ${Math.round(run.elapsedMs / 1000)} s: a loop that never ends in the module?` });
  return { passed, total, failures, warnings };
}

/** What bun test's console output printed under `file`'s header (up to the next file's header). */
function outputOf(output: string, file: string): string | undefined {
  const start = output.indexOf(`${file}:\n`);
  if (start === -1) return undefined;
  return output.slice(start + file.length + 2).split(/\n(?=\S[^\n]*[._](?:test|spec)\.[cm]?[jt]sx?:\n)/)[0] ?? "";
}

/** The first error line of a file's output. */
function firstError(segment: string): string | undefined {
  const line = segment.split("\n").find((l) => /^(error:|\w*Error\b)/.test(l.trim()));
  return line ? flat(line.trim(), 200) : undefined;
}
