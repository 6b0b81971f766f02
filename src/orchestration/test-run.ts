/**
 * `test(options)`: the core of `jaunt test` (DESIGN §6). Build first (unless
 * `build: false`), generate stale test modules into the test roots'
 * `__generated__/` folders, then run `bun test` on the explicit generated
 * paths. Bun is `process.execPath` with `BUN_BE_BUN=1`, so a compiled jaunt
 * binary acts as Bun itself and a source checkout simply runs Bun. The run
 * has a time limit and no access to Jaunt's secrets.
 */
import path from "node:path";
import { existsSync } from "node:fs";
import type { BuildReport } from "./build-report.ts";
import { generatePlanned, loadPlan, planWarnings, type BuildOptions } from "./build.ts";
import { childEnv } from "../generation/behaviour/run/child-env.ts";
import { runBunTestProcess, type BunTestOutcome } from "./bun-test-process.ts";
import { acquireBuildLock } from "./lock.ts";

export interface TestOptions extends BuildOptions {
  /** `--no-build`: skip building source modules first. */
  readonly build?: boolean;
  /** Where `bun test` output goes: inherit our stdout (default) or our stderr (for `--json`). */
  readonly testOutput?: "stdout" | "stderr";
  /** Time limit on `bun test`, in seconds (`--timeout`); default `[test] timeout_seconds`. */
  readonly timeoutSeconds?: number;
  /** Told when the build and the test generation end, before `bun test` runs (their summaries belong before its output). */
  readonly onPhase?: (report: BuildReport) => void;
}

export interface TestRunReport {
  /** True when the exit code is 0: built, generated and the tests passed (or there were none to run). */
  readonly ok: boolean;
  readonly kind: "test";
  /** Absolute project root; every other path is relative to it. */
  readonly root: string;
  /** 0 ok · 2/3 from build and generation · 4 tests failed · 130 interrupted. */
  readonly exitCode: number;
  /** Why the run ended where it did, in one line. */
  readonly message: string;
  readonly build: BuildReport | undefined;
  readonly generation: BuildReport | undefined;
  /** Project-relative generated test files passed to `bun test`. */
  readonly testFiles: readonly string[];
  /** `bun test`'s exit code; undefined when it did not run. */
  readonly bunExitCode: number | undefined;
  /** Set when the time limit stopped `bun test`: the file running then and those not started. */
  readonly timedOut?: BunTestOutcome["timedOut"];
  /** Every warning of the run (the lock, the plan, each phase's), as `jaunt build --json` lists them. */
  readonly warnings: readonly string[];
}

type Ending = Pick<TestRunReport, "exitCode" | "message" | "build" | "generation" | "testFiles" | "bunExitCode" | "timedOut">;

function finished(root: string, runWarnings: readonly string[], ending: Ending): TestRunReport {
  const warnings = [...new Set([...runWarnings, ...(ending.build?.warnings ?? []), ...(ending.generation?.warnings ?? [])])];
  return { ok: ending.exitCode === 0, kind: "test", root, ...ending, warnings };
}

function stopped(report: BuildReport, phase: string): string | undefined {
  if (report.interrupted) return `${phase} interrupted`;
  if (!report.ok) return `${phase} failed: ${report.failed} failed, ${report.skipped} skipped, ${report.notStarted} not started`;
  return undefined;
}

export interface BunTestLimits {
  /** Time limit on the whole run, in seconds (`[test] timeout_seconds`, `--timeout`). */
  readonly timeoutSeconds: number;
  /** `[llm] api_key_env`: that variable is never handed to the tests. */
  readonly apiKeyEnv: string;
}

/**
 * Run `bun test` on `files` (project-relative) in `root` under `limits`,
 * without Jaunt's secrets in its environment (childEnv, as candidates); resolves with its
 * exit code, and what was running when the time limit stopped it.
 */
export async function runBunTest(root: string, files: readonly string[], bunArgs: readonly string[], output: "stdout" | "stderr", signal: AbortSignal | undefined, limits: BunTestLimits): Promise<BunTestOutcome> {
  return runBunTestProcess({
    cwd: root,
    // --no-env-file: the tests do not load the project's .env themselves either.
    argv: [process.execPath, "test", "--no-env-file", ...files.map((file) => `./${file}`), ...bunArgs],
    env: childEnv(root, limits.apiKeyEnv, process.env, { BUN_BE_BUN: "1" }),
    files,
    output,
    timeoutSeconds: limits.timeoutSeconds,
    signal,
  });
}

/** "tests/a.test.ts (not started: tests/b.test.ts)": what a run stopped by its time limit left unfinished. */
export function describeTimeout(timedOut: NonNullable<BunTestOutcome["timedOut"]>): string {
  const running = timedOut.running.length > 0 ? `while running ${timedOut.running.join(", ")}` : "before any test file started";
  const rest = timedOut.notStarted.length > 0 ? ` (not started: ${timedOut.notStarted.join(", ")})` : "";
  return `tests timed out after ${timedOut.seconds} s: stopped bun test and every process it started ${running}${rest}`;
}

/** Run `jaunt test`. Throws JauntErrors for config, discovery and lock problems (exit 2). */
export async function test(options: TestOptions = {}): Promise<TestRunReport> {
  const planned = await loadPlan(options);
  const { plan, config } = planned;
  const lock = acquireBuildLock(plan.root, "jaunt test");
  const warnings: string[] = lock.warning ? [lock.warning] : [];
  if (lock.warning) options.onWarning?.(lock.warning);
  planWarnings(plan, warnings, options.onWarning);
  try {
    let build: BuildReport | undefined;
    if (options.build !== false) {
      build = await generatePlanned(planned, "build", { ...options, jobs: options.jobs ?? config.build.jobs }, warnings);
      options.onPhase?.(build);
      const why = stopped(build, "build");
      if (why) return finished(plan.root, warnings, { exitCode: build.interrupted ? 130 : 3, message: why, build, generation: undefined, testFiles: [], bunExitCode: undefined });
    }
    const generation = await generatePlanned(planned, "test", { ...options, jobs: options.jobs ?? config.test.jobs }, []);
    options.onPhase?.(generation);
    const why = stopped(generation, "test generation");
    if (why) return finished(plan.root, warnings, { exitCode: generation.interrupted ? 130 : 3, message: why, build, generation, testFiles: [], bunExitCode: undefined });
    const testFiles = plan.modules
      .filter((module) => module.kind === "test" && existsSync(path.join(plan.root, module.generatedFile)))
      .map((module) => module.generatedFile);
    if (testFiles.length === 0) {
      const roots = config.paths.testRoots.join(", ");
      return finished(plan.root, warnings, { exitCode: 0, message: `no test specs found under ${roots || "the test roots"}; nothing to run`, build, generation, testFiles, bunExitCode: undefined });
    }
    const limits = { timeoutSeconds: options.timeoutSeconds ?? config.test.timeoutSeconds, apiKeyEnv: config.llm.apiKeyEnv };
    const run = await runBunTest(plan.root, testFiles, config.test.bunArgs, options.testOutput ?? "stdout", options.signal, limits);
    const bunExitCode = run.exitCode;
    const interrupted = options.signal?.aborted === true && run.timedOut === undefined;
    const exitCode = interrupted ? 130 : bunExitCode === 0 && !run.timedOut ? 0 : 4;
    const message = interrupted ? "tests interrupted" : run.timedOut ? describeTimeout(run.timedOut) : exitCode === 0 ? `tests passed (${testFiles.length} file(s))` : `tests failed (bun test exited ${bunExitCode})`;
    return finished(plan.root, warnings, { exitCode, message, build, generation, testFiles, bunExitCode, ...(run.timedOut ? { timedOut: run.timedOut } : {}) });
  } finally {
    lock.release();
  }
}
