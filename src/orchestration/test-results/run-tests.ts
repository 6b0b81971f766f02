/**
 * Run `bun test` on generated test files and read what happened per test:
 * bun's JUnit report (`--reporter=junit`, into a temp file) for every test
 * case, and its console output for the files that did not load. The user
 * still sees bun's own output as it runs.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describeTimeout, runBunTest, type BunTestLimits } from "../test-run.ts";
import { consoleErrors, errorLine } from "./console-errors.ts";
import { parseJunitReport } from "./junit.ts";
import type { TestCaseResult, TestRunResult, UnloadedFile } from "./types.ts";

export interface RunTestsOptions {
  readonly root: string;
  /** Project-relative generated test files. */
  readonly files: readonly string[];
  /** `[test] bun_args`. */
  readonly bunArgs: readonly string[];
  readonly output: "stdout" | "stderr";
  /** The time limit and the API key variable kept from the tests (`runBunTest`). */
  readonly limits: BunTestLimits;
  readonly signal?: AbortSignal;
}

/** Kept of bun's stderr for reading errors back (the user saw all of it). */
const STDERR_KEEP = 2_000_000;

/** Run the tests; never throws for a test or runner failure (they are in the result). */
export async function runTests(options: RunTestsOptions): Promise<TestRunResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "jaunt-junit-"));
  const reportFile = path.join(dir, "report.xml");
  let stderr = "";
  try {
    const outcome = await runBunTest(options.root, options.files, options.bunArgs, options.output, options.signal, options.limits, {
      args: ["--reporter=junit", `--reporter-outfile=${reportFile}`],
      onLine: (line) => {
        if (stderr.length < STDERR_KEEP) stderr += `${line}\n`;
      },
    });
    const run = readRun(outcome.exitCode, options.files, await readFile(reportFile, "utf8").catch(() => undefined), stderr);
    // A run the time limit stopped says nothing trustworthy about either side.
    return outcome.timedOut ? { ...run, timedOut: outcome.timedOut, runnerError: describeTimeout(outcome.timedOut) } : run;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Last lines of bun's output, for a runner error in its own words. */
function tail(stderr: string): string {
  const lines = stderr.trim().split("\n").slice(-12);
  return lines.join("\n");
}

/** Combine the exit code, the JUnit report (undefined when bun wrote none) and bun's stderr into one result. */
export function readRun(bunExitCode: number, files: readonly string[], xml: string | undefined, stderr: string): TestRunResult {
  // When no file loads, bun writes no report at all: its console still names each file's error.
  if (xml === undefined && bunExitCode === 1) {
    const unloaded = consoleErrors(stderr, files).filter((e, i, all) => all.findIndex((o) => o.file === e.file) === i);
    if (unloaded.length > 0) return { bunExitCode, files, tests: [], unloaded: unloaded.map((e) => ({ file: e.file, error: e.text })) };
  }
  if (xml === undefined) return { bunExitCode, files, tests: [], unloaded: [], runnerError: `bun test exited ${bunExitCode} without writing its report${stderr.trim() ? `:\n${tail(stderr)}` : ""}` };
  let tests: TestCaseResult[];
  try {
    tests = parseJunitReport(xml);
  } catch (error) {
    return { bunExitCode, files, tests: [], unloaded: [], runnerError: `cannot read bun test's report: ${error instanceof Error ? error.message : String(error)}` };
  }
  const reported = new Set(tests.map((t) => t.file));
  const unloaded: UnloadedFile[] = [];
  for (const { file, text } of consoleErrors(stderr, files)) {
    if (!reported.has(file)) {
      if (!unloaded.some((u) => u.file === file)) unloaded.push({ file, error: text });
      continue;
    }
    // An error between tests of a file that loaded: the file failed, though no one test did.
    tests.push({ file, name: "(error between tests)", status: "failed", message: errorLine(text) });
  }
  const failing = tests.some((t) => t.status === "failed") || unloaded.length > 0;
  // 0 and 1 are bun's pass/fail; anything else (a signal, a crash) means the run itself broke.
  if (bunExitCode !== 0 && bunExitCode !== 1) return { bunExitCode, files, tests, unloaded, runnerError: `bun test exited ${bunExitCode}${stderr.trim() ? `:\n${tail(stderr)}` : ""}` };
  if (bunExitCode === 1 && !failing) return { bunExitCode, files, tests, unloaded, runnerError: `bun test failed without a failing test${stderr.trim() ? `:\n${tail(stderr)}` : ""}` };
  return { bunExitCode, files, tests, unloaded };
}
