/**
 * `jaunt test`'s repair rounds (DESIGN §6): run the generated tests; while
 * some fail and rounds are left, decide for each failing test module which
 * side contradicts the spec (decide-side.ts), regenerate that side with the
 * failure (its prompt carries the failing tests), write it atomically, and
 * rerun the affected test files. Runner problems never implicate an
 * implementation: a crash or a timeout stops the rounds, and a test module
 * that does not load is regenerated at most once. Every round is reported
 * live, counted in tokens and cost, and stopped by `[build] max_cost`.
 */
import { addUsage, NO_USAGE } from "../../generation/cost.ts";
import type { TokenUsage } from "../../generation/types.ts";
import type { PlannedModule } from "../../graph/plan-types.ts";
import type { BuildReport } from "../build-report.ts";
import type { BuildOptions } from "../build.ts";
import { generationSettings, promptTexts } from "../prepare-run.ts";
import { runGeneration } from "../run-generation.ts";
import { errorLine } from "../test-results/console-errors.ts";
import { runTests } from "../test-results/run-tests.ts";
import type { BunTestLimits } from "../test-run.ts";
import type { TestCaseResult, TestRunResult } from "../test-results/types.ts";
import { affectedTests } from "../watch/watch-plan.ts";
import { decidePair, type Evidence, type JudgeCall } from "./decide-side.ts";
import { failingPairs } from "./failing-pairs.ts";
import { exampleEvidence } from "./example-evidence.ts";
import { userChecks } from "./behaviour-evidence.ts";
import { repairInputs, type PlannedRepair } from "./repair-inputs.ts";
import { judgeFor } from "./judge-call.ts";
import type { JauntConfig } from "../../config/types.ts";
import type { Plan } from "../../graph/plan-types.ts";

/** One module regenerated (or meant to be) in a repair round; `test --json` lists them. */
export interface RepairRecord {
  readonly round: number;
  readonly module: string;
  readonly side: "implementation" | "test";
  readonly reason: string;
  /** Names of the failing tests that drove it. */
  readonly tests: readonly string[];
  /** What decided the side: the user's evidence, the judge, or the runner (a file that did not load). */
  readonly decidedBy: "evidence" | "judge" | "runner";
  /** Whether the regenerated module was written. */
  readonly outcome?: "repaired" | "failed" | "not_started";
}

export interface RepairOptions extends Pick<BuildOptions, "signal" | "onProgress" | "onModule" | "onEvent" | "onWarning" | "offline" | "pool" | "jobs"> {
  readonly config: JauntConfig;
  readonly plan: Plan;
  /** Generated test files to run (project-relative). */
  readonly files: readonly string[];
  /** Repair rounds at most (0: run once, repair nothing). */
  readonly rounds: number;
  readonly output: "stdout" | "stderr";
  /** The `bun test` time limit and the API key variable kept from the tests. */
  readonly limits: BunTestLimits;
  /** Spent so far in this run (USD), counted against `[build] max_cost`. */
  readonly spentUsd: number;
  /** What the user's own words say (default: the implementation's `@example`s; NO_EVIDENCE leaves every decision to the judge). */
  readonly evidence?: Evidence;
  /** Replaces the judge model call (tests of the loop itself). */
  readonly judge?: JudgeCall;
  /** Told of each decided repair before its module is regenerated. */
  readonly onRepair?: (record: RepairRecord, rounds: number) => void;
}

export interface RepairOutcome {
  /** The last results of every file (files not rerun keep their earlier results). */
  readonly run: TestRunResult;
  readonly repairs: readonly RepairRecord[];
  /** Rounds that regenerated something. */
  readonly rounds: number;
  readonly tokens: TokenUsage;
  /** Undefined when the model's price is unknown. */
  readonly costUsd: number | undefined;
  readonly costCapReached: boolean;
  readonly warnings: readonly string[];
}

/** `later` replaces the results of the files it ran. */
function mergeRuns(earlier: TestRunResult, later: TestRunResult): TestRunResult {
  const rerun = new Set(later.files);
  const files = [...earlier.files.filter((f) => !rerun.has(f)), ...later.files];
  const tests = [...earlier.tests.filter((t) => !rerun.has(t.file)), ...later.tests];
  const unloaded = [...earlier.unloaded.filter((u) => !rerun.has(u.file)), ...later.unloaded];
  const failing = tests.some((t) => t.status === "failed") || unloaded.length > 0;
  if (later.runnerError !== undefined) return { bunExitCode: later.bunExitCode, files, tests, unloaded, runnerError: later.runnerError, ...(later.timedOut ? { timedOut: later.timedOut } : {}) };
  return { bunExitCode: failing ? 1 : 0, files, tests, unloaded };
}

/** Does the run have anything a repair could act on? */
export function runFailed(run: TestRunResult): boolean {
  return run.runnerError !== undefined || run.unloaded.length > 0 || run.tests.some((t) => t.status === "failed");
}

/** Run the tests and repair what they catch, for at most `options.rounds` rounds. */
export async function testWithRepairs(options: RepairOptions): Promise<RepairOutcome> {
  const { plan, config } = options;
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const run1 = async (files: readonly string[]): Promise<TestRunResult> => {
    return runTests({ root: plan.root, files, bunArgs: config.test.bunArgs, output: options.output, limits: options.limits, ...(options.signal ? { signal: options.signal } : {}) });
  };
  let run = await run1(options.files);
  const repairs: RepairRecord[] = [];
  let tokens: TokenUsage = NO_USAGE;
  let cost = 0;
  let costKnown = true;
  let costCapReached = false;
  let rounds = 0;
  const maxCost = config.build.maxCost;
  const overBudget = (): boolean => maxCost !== undefined && options.spentUsd + cost >= maxCost;
  const spend = (usage: TokenUsage, costUsd: number | undefined): void => {
    tokens = addUsage(tokens, usage);
    if (costUsd === undefined) costKnown = false;
    else cost += costUsd;
  };
  const reloaded = new Set<string>();
  const verdictless = new Set<string>();
  const evidence = options.evidence ?? exampleEvidence(plan, userChecks(plan, config));
  const prompts = await promptTexts(config);
  const settings = generationSettings(config, prompts, options.offline === true);
  // The judge's template is read when a pair first needs it: a passing run never touches it.
  let judgeCall = options.judge;
  const judge: JudgeCall = async (pair) => (judgeCall ??= await judgeFor(config, settings, options.signal))(pair);
  const byFile = new Map(plan.modules.map((m) => [m.generatedFile, m]));
  const implementationFiles = new Set(plan.modules.filter((m) => m.kind === "build").map((m) => m.generatedFile));

  for (let round = 1; round <= options.rounds; round++) {
    if (options.signal?.aborted || run.runnerError !== undefined || !runFailed(run)) break;
    const implRepairs = new Map<PlannedModule, PlannedRepair>();
    const testRepairs = new Map<PlannedModule, PlannedRepair>();
    const record = (entry: RepairRecord): void => {
      repairs.push(entry);
      options.onRepair?.(entry, options.rounds);
    };

    for (const unloaded of run.unloaded) {
      const module = byFile.get(unloaded.file);
      if (!module || reloaded.has(module.id)) continue; // loaded neither time: the runner's words end the run
      reloaded.add(module.id);
      testRepairs.set(module, { failures: [], reasons: [], loadError: unloaded.error });
      record({ round, module: module.id, side: "test", reason: `did not load: ${errorLine(unloaded.error)}`, tests: [], decidedBy: "runner" });
    }

    const failingByFile = new Map<string, TestCaseResult[]>();
    for (const t of run.tests) if (t.status === "failed") failingByFile.set(t.file, [...(failingByFile.get(t.file) ?? []), t]);
    for (const [file, results] of failingByFile) {
      const testModule = byFile.get(file);
      if (!testModule || testModule.kind !== "test") continue;
      const { pairs, failures: all } = await failingPairs(plan, testModule, results, implementationFiles);
      if (pairs.length === 0) {
        // Nothing under test to blame: only the test can be wrong.
        testRepairs.set(testModule, { failures: all, reasons: ["it tests no generated implementation"] });
        record({ round, module: testModule.id, side: "test", reason: "it tests no generated implementation", tests: results.map((r) => r.name), decidedBy: "runner" });
        continue;
      }
      for (const pair of pairs) {
        if (overBudget()) {
          costCapReached = true;
          break;
        }
        const { implementation, results: pairResults, failures } = pair;
        const decision = await decidePair(pair, { evidence, judge, verdictless, round, spend, warn, ...(options.signal ? { signal: options.signal } : {}) });
        if (!decision) continue;
        const target = decision.side === "implementation" ? implementation : testModule;
        const map = decision.side === "implementation" ? implRepairs : testRepairs;
        const entry = map.get(target) ?? { failures: [], reasons: [] };
        entry.failures.push(...failures.filter((f) => !entry.failures.includes(f)));
        entry.reasons.push(decision.reason);
        map.set(target, entry);
        record({ round, module: target.id, side: decision.side, reason: decision.reason, tests: pairResults.map((r) => r.name), decidedBy: decision.decidedBy });
      }
      if (costCapReached) break;
    }
    if (implRepairs.size === 0 && testRepairs.size === 0) break;
    if (overBudget()) {
      costCapReached = true;
      markRound(repairs, round, "not_started");
      break;
    }

    rounds += 1;
    const regenerate = async (kind: "build" | "test", entries: Map<PlannedModule, PlannedRepair>): Promise<BuildReport | undefined> => {
      if (entries.size === 0 || options.signal?.aborted) return undefined;
      const inputs = await repairInputs(plan, config, prompts, kind === "build" ? "implementation" : "test", entries, round);
      const modules = [...entries.keys()];
      const report = await runGeneration({
        plan,
        kind,
        modules,
        fresh: 0,
        inputs,
        estimates: new Map(),
        settings,
        reroll: new Set(modules.map((m) => m.id)),
        jobs: options.jobs ?? config.test.jobs,
        maxCost: maxCost === undefined ? undefined : maxCost - options.spentUsd - cost,
        warnings: [],
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.pool ? { pool: options.pool } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onModule ? { onModule: options.onModule } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      });
      spend(report.tokens, report.costUsd);
      if (report.costCapReached) costCapReached = true;
      for (const m of report.modules) {
        const outcome = m.status === "built" ? "repaired" : m.status === "failed" ? "failed" : "not_started";
        for (let i = 0; i < repairs.length; i++) {
          const r = repairs[i];
          if (r && r.round === round && r.module === m.module) repairs[i] = { ...r, outcome };
        }
        if (m.status === "failed") warn(`repair ${round}: ${m.module} could not be regenerated: ${m.error?.message ?? "failed"}`);
      }
      return report;
    };
    const built = await regenerate("build", implRepairs);
    const tests = await regenerate("test", testRepairs);
    if (options.signal?.aborted) break;
    if (costCapReached) break;
    // Nothing rewritten (every regeneration failed): the results stand, and the next round decides again.
    const files = affectedTests(plan, [...(built?.modules ?? []), ...(tests?.modules ?? [])]).filter((f) => run.files.includes(f));
    if (files.length > 0) run = mergeRuns(run, await run1(files));
  }
  if (costCapReached) warn(`stopped repairing: estimated cost reached [build] max_cost ($${maxCost})`);
  return { run, repairs, rounds, tokens, costUsd: costKnown ? cost : undefined, costCapReached, warnings };
}

function markRound(repairs: RepairRecord[], round: number, outcome: RepairRecord["outcome"]): void {
  for (let i = 0; i < repairs.length; i++) {
    const r = repairs[i];
    if (r && r.round === round && r.outcome === undefined) repairs[i] = { ...r, outcome };
  }
}
