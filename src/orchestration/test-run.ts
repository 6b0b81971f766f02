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
import { childEnv, secretEnvNames } from "../generation/behaviour/run/child-env.ts";
import { runBunTestProcess, type BunTestOutcome } from "./bun-test-process.ts";
import { acquireBuildLock } from "./lock.ts";
import { NO_USAGE } from "../generation/cost.ts";
import type { TokenUsage } from "../generation/types.ts";
import type { Evidence } from "./repair/decide-side.ts";
import { requireFastCheck } from "./repair/property-dependency.ts";
import { runFailed, testWithRepairs, type RepairRecord } from "./repair/repair-rounds.ts";
import { testMessage } from "./test-results/test-message.ts";
import type { TestCaseResult, UnloadedFile } from "./test-results/types.ts";

export interface TestOptions extends BuildOptions {
  /** `--no-build`: skip building source modules first. */
  readonly build?: boolean;
  /** Where `bun test` output goes: inherit our stdout (default) or our stderr (for `--json`). */
  readonly testOutput?: "stdout" | "stderr";
  /** Time limit on `bun test`, in seconds (`--timeout`); default `[test] timeout_seconds`. */
  readonly timeoutSeconds?: number;
  /** Told when the build and the test generation end, before `bun test` runs (their summaries belong before its output). */
  readonly onPhase?: (report: BuildReport) => void;
  /** `--no-repair` (false): run the tests once, repair nothing. Default: `[test] repair_rounds` rounds. */
  readonly repair?: boolean;
  /** Told of each repair as it is decided, with the number of rounds allowed. */
  readonly onRepair?: (record: RepairRecord, rounds: number) => void;
  /** What the user's own words say about a failure (spec examples, their tests); default: nothing, the judge decides. */
  readonly evidence?: Evidence;
}

/** One test's outcome in `test --json`. */
export interface TestReportEntry {
  readonly file: string;
  readonly name: string;
  readonly status: TestCaseResult["status"];
  readonly message?: string;
  readonly expected?: string;
  readonly received?: string;
  readonly counterexample?: string;
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
  /** `bun test`'s exit code (of the last run, merged with the files it did not rerun); undefined when it did not run. */
  readonly bunExitCode: number | undefined;
  /** Every test of the last run of each file. */
  readonly tests: readonly TestReportEntry[];
  /** Test files bun could not load, in its words. */
  readonly unloaded: readonly UnloadedFile[];
  /** The run itself broke (a crash, no report, a timeout): its words. */
  readonly runnerError?: string;
  /** Each repair of the repair rounds. */
  readonly repairs: readonly RepairRecord[];
  /** Tokens and estimated cost (USD; undefined when unknown) of the repair rounds (judge calls and regenerations). */
  readonly repairTokens: TokenUsage;
  readonly repairCostUsd: number | undefined;
  /** Set when the time limit stopped `bun test`: the file running then and those not started. */
  readonly timedOut?: BunTestOutcome["timedOut"];
  /** Every warning of the run (the lock, the plan, each phase's), as `jaunt build --json` lists them. */
  readonly warnings: readonly string[];
}

type Ending = Pick<TestRunReport, "exitCode" | "message" | "build" | "generation" | "testFiles" | "bunExitCode" | "timedOut"> & Partial<Pick<TestRunReport, "tests" | "unloaded" | "runnerError" | "repairs" | "repairTokens" | "repairCostUsd">>;

function finished(root: string, runWarnings: readonly string[], ending: Ending): TestRunReport {
  const warnings = [...new Set([...runWarnings, ...(ending.build?.warnings ?? []), ...(ending.generation?.warnings ?? [])])];
  return { ok: ending.exitCode === 0, kind: "test", root, tests: [], unloaded: [], repairs: [], repairTokens: NO_USAGE, repairCostUsd: 0, ...ending, warnings };
}

function entryOf(t: TestCaseResult): TestReportEntry {
  return {
    file: t.file,
    name: t.name,
    status: t.status,
    ...(t.message === undefined ? {} : { message: t.message }),
    ...(t.expected === undefined ? {} : { expected: t.expected }),
    ...(t.received === undefined ? {} : { received: t.received }),
    ...(t.counterexample === undefined ? {} : { counterexample: t.counterexample }),
  };
}

function stopped(report: BuildReport, phase: string): string | undefined {
  if (report.interrupted) return `${phase} interrupted`;
  if (!report.ok) return `${phase} failed: ${report.failed} failed, ${report.skipped} skipped, ${report.notStarted} not started`;
  return undefined;
}

/** What a caller adds to a `bun test` run: reporter arguments after `[test] bun_args`, and each line of bun's stderr (still shown). */
export interface BunTestExtras {
  readonly args?: readonly string[];
  readonly onLine?: (line: string) => void;
}

export interface BunTestLimits {
  /** Time limit on the whole run, in seconds (`[test] timeout_seconds`, `--timeout`). */
  readonly timeoutSeconds: number;
  /** The config's secret variables (`secretEnvNames`): never handed to the tests. */
  readonly secretEnvNames: readonly string[];
}

/**
 * Run `bun test` on `files` (project-relative) in `root` under `limits`,
 * without Jaunt's secrets in its environment (childEnv, as candidates); resolves with its
 * exit code, and what was running when the time limit stopped it.
 */
export async function runBunTest(root: string, files: readonly string[], bunArgs: readonly string[], output: "stdout" | "stderr", signal: AbortSignal | undefined, limits: BunTestLimits, extras: BunTestExtras = {}): Promise<BunTestOutcome> {
  return runBunTestProcess({
    cwd: root,
    // --no-env-file: the tests do not load the project's .env themselves either.
    argv: [process.execPath, "test", "--no-env-file", ...files.map((file) => `./${file}`), ...bunArgs, ...(extras.args ?? [])],
    env: childEnv(root, limits.secretEnvNames, process.env, { BUN_BE_BUN: "1" }),
    files,
    output,
    timeoutSeconds: limits.timeoutSeconds,
    signal,
    ...(extras.onLine ? { onLine: extras.onLine } : {}),
  });
}

/** "tests/a.test.ts (not started: tests/b.test.ts)": what a run stopped by its time limit left unfinished. */
export function describeTimeout(timedOut: NonNullable<BunTestOutcome["timedOut"]>): string {
  const running = timedOut.running.length > 0 ? `while running ${timedOut.running.join(", ")}` : "before any test file started";
  const rest = timedOut.notStarted.length > 0 ? ` (not started: ${timedOut.notStarted.join(", ")})` : "";
  return `tests timed out after ${timedOut.seconds} s: stopped bun test and every process it started ${running}${rest}`;
}

/** Show bun's stderr as it comes and hand each chunk to `onText`. */
async function teeStderr(stream: ReadableStream<Uint8Array>, onText: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    process.stderr.write(chunk);
    onText(decoder.decode(chunk, { stream: true }));
  }
}

/** Run `jaunt test`. Throws JauntErrors for config, discovery and lock problems (exit 2). */
export async function test(options: TestOptions = {}): Promise<TestRunReport> {
  const planned = await loadPlan(options);
  const { plan, config } = planned;
  requireFastCheck(plan);
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
    const outcome = await testWithRepairs({
      config,
      plan,
      files: testFiles,
      rounds: options.repair === false ? 0 : config.test.repairRounds,
      output: options.testOutput ?? "stdout",
      limits: { timeoutSeconds: options.timeoutSeconds ?? config.test.timeoutSeconds, secretEnvNames: secretEnvNames(config) },
      spentUsd: (build?.costUsd ?? 0) + (generation.costUsd ?? 0),
      ...(options.offline ? { offline: true } : {}),
      ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
      ...(options.evidence ? { evidence: options.evidence } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onModule ? { onModule: options.onModule } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.onRepair ? { onRepair: options.onRepair } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    });
    warnings.push(...outcome.warnings);
    const { run } = outcome;
    const interrupted = options.signal?.aborted === true && run.timedOut === undefined;
    const exitCode = interrupted ? 130 : runFailed(run) ? 4 : 0;
    const message = interrupted ? "tests interrupted" : testMessage(run, outcome.rounds);
    return finished(plan.root, warnings, {
      exitCode,
      message,
      build,
      generation,
      testFiles,
      bunExitCode: run.bunExitCode,
      tests: run.tests.map(entryOf),
      unloaded: run.unloaded,
      ...(run.runnerError === undefined ? {} : { runnerError: run.runnerError }),
      ...(run.timedOut ? { timedOut: run.timedOut } : {}),
      repairs: outcome.repairs,
      repairTokens: outcome.tokens,
      repairCostUsd: outcome.costUsd,
    });
  } finally {
    lock.release();
  }
}
