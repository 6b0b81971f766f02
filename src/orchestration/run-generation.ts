/**
 * The generation engine shared by `build` and `test`: schedule the selected
 * modules on the critical-path scheduler, generate each in a Worker, write it
 * atomically, and collect a per-module report. Failures stay per module.
 */
import { JauntError } from "@jaunt/runtime";
import type { GenerationEvent, GenerationInput, GenerationResult, GenerationSettings, PrefetchedAnswer, TokenUsage } from "../generation/types.ts";
import type { Plan, PlannedModule } from "../graph/plan-types.ts";
import { cacheCounts, type BuildReport, type ModuleError, type ModuleReport } from "./build-report.ts";
import { remoteCacheEvents } from "./remote-cache-events.ts";
import type { CheckRequest } from "../generation/validate/type-check.ts";
import { CheckBatcher } from "./check-batcher.ts";
import { generateInPool } from "./generate-in-pool.ts";
import { createRetryTracker, type RetryState } from "./retry-tracker.ts";
import { criticalPathPriorities } from "./critical-path.ts";
import { PriorityGate } from "./priority-gate.ts";
import { schedule, type TaskNode, type TaskOutcome, type TaskSlot } from "./scheduler.ts";
import { WorkerPool } from "./worker-pool.ts";
import { checkWritable, writeModule } from "./write-module.ts";
import { inputsOf, writeBuiltInputs } from "../graph/built-inputs.ts";
import { WrittenRecords } from "../generated/written-record.ts";

/** A live view of the run, for progress displays. */
export interface ProgressSnapshot {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly inFlight: readonly string[];
  readonly tokens: TokenUsage;
  /** In-flight modules retrying a provider request (waiting, or with the retry running), oldest first. */
  readonly retrying?: readonly RetryState[];
}

export interface RunGenerationOptions {
  readonly plan: Plan;
  readonly kind: "build" | "test";
  readonly modules: readonly PlannedModule[];
  readonly fresh: number;
  readonly inputs: ReadonlyMap<string, GenerationInput>;
  /** Prompt-size estimates, the scheduler's cost weights. */
  readonly estimates: ReadonlyMap<string, number>;
  readonly settings: GenerationSettings;
  /** A pool that outlives the run (`jaunt watch` keeps its Workers warm); the run neither creates nor closes one. */
  readonly pool?: WorkerPool;
  /** Modules to re-roll (`--force`): the model is asked even when the cache holds an answer. */
  readonly reroll?: ReadonlySet<string>;
  readonly jobs: number;
  /** Stop scheduling once the estimated cost (USD) reaches this. */
  readonly maxCost?: number | undefined;
  /** USD the run already spent before scheduling (the meaning check's questions): counted against `maxCost`, not reported again. */
  readonly spentUsd?: number | undefined;
  /** First Ctrl-C: start nothing new, abandon generations in flight. */
  readonly signal?: AbortSignal;
  /** Start nothing new; generations in flight finish (`jaunt watch` restarting after an edit). */
  readonly stopSignal?: AbortSignal;
  /** Cancels one module's generation (`jaunt watch`: its spec changed meanwhile); it fails, its dependents are skipped. */
  readonly moduleSignal?: (id: string) => AbortSignal | undefined;
  readonly warnings: readonly string[];
  readonly onProgress?: (snapshot: ProgressSnapshot) => void;
  readonly onModule?: (report: ModuleReport) => void;
  readonly onEvent?: (event: GenerationEvent) => void;
  /** Told about warnings that arise during the run (the remote cache unreachable …), once each. */
  readonly onWarning?: (message: string) => void;
  /** Answers already fetched per module (Batch API results): attempt 1 uses them. */
  readonly prefetched?: ReadonlyMap<string, PrefetchedAnswer>;
}

type Value = { readonly result?: GenerationResult };

function errorOf(error: unknown): ModuleError {
  if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? error.code : "internal";
    const hint = "hint" in error && typeof error.hint === "string" ? error.hint : undefined;
    return { code, message: error.message, ...(hint ? { hint } : {}) };
  }
  return { code: "internal", message: String(error) };
}

function moduleReport(module: PlannedModule, outcome: TaskOutcome<Value>): ModuleReport {
  const result = outcome.value?.result;
  const base = {
    module: module.id,
    kind: module.kind,
    file: module.file,
    generatedFile: module.generatedFile,
    reasons: module.reasons,
    ...(outcome.startedAt !== undefined && outcome.finishedAt !== undefined
      ? { durationMs: Math.round(outcome.finishedAt - outcome.startedAt), startedMs: Math.round(outcome.startedAt), finishedMs: Math.round(outcome.finishedAt) }
      : {}),
    ...(outcome.blockedBy ? { blockedBy: outcome.blockedBy } : {}),
    ...(result ? { usage: result.usage, ...(result.costUsd === undefined ? {} : { costUsd: result.costUsd }) } : {}),
  };
  if (outcome.status === "ok" && result?.ok) {
    return { ...base, status: "built", cached: result.cached, ...(result.cacheSource ? { cacheSource: result.cacheSource } : {}), attempts: result.attempts, ...(result.checks ? { checks: result.checks } : {}) };
  }
  if (outcome.status === "failed") {
    if (result && !result.ok) {
      const last = result.error.attempts.at(-1);
      return {
        ...base,
        status: "failed",
        attempts: result.error.attempts.length,
        error: { code: result.error.code, message: result.error.message, ...(result.error.hint ? { hint: result.error.hint } : {}), ...(last ? { diagnostics: last.diagnostics } : {}) },
      };
    }
    return { ...base, status: "failed", error: errorOf(outcome.error) };
  }
  return { ...base, status: outcome.status === "ok" ? "built" : outcome.status };
}

/** At most this many Workers: generation waits on the LLM, so more Workers buy no speed, only memory. */
const MAX_WORKERS = 4;

/**
 * Workers for `jobs` concurrent generations: one per core (capped). A Worker
 * takes any number of tasks: the scheduler bounds model requests, and a
 * module validating after its answer holds no slot while the next one's
 * request goes out, so more than `jobs` modules may be in Workers at once.
 */
export function poolShape(jobs: number, tasks: number): { size: number; tasksPerWorker: number } {
  const concurrency = Math.max(1, Math.min(jobs, tasks));
  const size = Math.max(1, Math.min(concurrency, navigator.hardwareConcurrency, MAX_WORKERS));
  return { size, tasksPerWorker: Number.POSITIVE_INFINITY };
}

/** Generate and write `modules`; never throws for a module's failure (config errors from workers do throw). */
export async function runGeneration(options: RunGenerationOptions): Promise<BuildReport> {
  const started = performance.now();
  const byId = new Map(options.modules.map((module) => [module.id, module]));
  const nodes: TaskNode[] = options.modules.map((module) => ({ id: module.id, deps: module.dependsOn, cost: options.estimates.get(module.id) ?? 1 }));
  const pool = options.pool ?? new WorkerPool(poolShape(options.jobs, nodes.length));
  // Validation is CPU work, the longest remaining path first: behaviour stages one per core at a time;
  // type checks share `bun check` processes (check-batcher.ts), one per two cores at a time.
  const cores = Math.max(2, navigator.hardwareConcurrency);
  const checks = new PriorityGate(cores);
  const typeChecks = new CheckBatcher({ limit: Math.max(1, Math.floor(cores / 2)), ...(options.signal ? { signal: options.signal } : {}) });
  const priorities = criticalPathPriorities(nodes);
  const records = WrittenRecords.load(options.plan.root);
  const inFlight = new Set<string>();
  // Behaviour-stage findings not held against candidates (unrunnable examples, tests failing by themselves), each once.
  const stageWarnings = new Set<string>();
  let tokens: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  let cost = 0;
  /** Cost so far of modules still running (their answers arrived; validation or a retry may follow). */
  const running = new Map<string, number>();
  const spentSoFar = (): number => [...running.values()].reduce((sum, c) => sum + c, 0) + cost;
  let costKnown = true;
  let done = 0;
  let failed = 0;
  let fatal: unknown;
  // A config problem (no API key, a broken prompt template) would fail every module the same way: stop and report it once.
  let configError: JauntError | undefined;
  const stops = [options.signal, options.stopSignal].filter((s): s is AbortSignal => s !== undefined);
  const stopSignal = stops.length > 1 ? AbortSignal.any(stops) : stops[0];
  const progress = (): void => options.onProgress?.({ total: nodes.length, done, failed, inFlight: [...inFlight], tokens, retrying: retries.states() });
  const retries = createRetryTracker(progress);
  // A request shape learned from one module's rejected parameter serves every module started after it.
  let settings = options.settings;
  const remote = remoteCacheEvents(options.onWarning);
  const onEvent = (event: GenerationEvent): void => {
    if (event.type === "request_reshaped") settings = { ...settings, requestShape: event.shape };
    if (event.type === "answered" && event.costUsd !== undefined) running.set(event.module, event.costUsd);
    settings = remote.observe(event, settings);
    if (retries.observe(event)) progress();
    options.onEvent?.(event);
  };

  const run = async (id: string, signal: AbortSignal, slot: TaskSlot): Promise<{ status: "ok" | "failed"; value: Value; error?: unknown }> => {
    const module = byId.get(id);
    const input = options.inputs.get(id);
    if (!module || !input) throw new Error(`internal: module ${id} has no generation input`);
    const own = options.moduleSignal?.(id);
    const taskSignal = own ? AbortSignal.any([signal, own]) : signal;
    await checkWritable(options.plan.root, module); // before spending tokens
    const prefetched = options.prefetched?.get(id);
    const moduleSettings = { ...settings, ...(options.reroll?.has(id) ? { reroll: true } : {}), ...(prefetched ? { prefetched } : {}) };
    const checkSlot = checks.slot(priorities.get(id) ?? 0);
    const runCheck = (request: CheckRequest) => typeChecks.run(request, priorities.get(id) ?? 0);
    const result = await generateInPool(pool, input, moduleSettings, { signal: taskSignal, onEvent, slot, checkSlot, runCheck })
      .catch((error: unknown) => {
        // Config errors, and spec errors the type check finds (exit 2 both), would fail every attempt: stop once.
        if (error instanceof JauntError && error.exitCode === 2) configError ??= error;
        throw error;
      })
      .finally(() => checkSlot.dispose());
    running.delete(id);
    tokens = { promptTokens: tokens.promptTokens + result.usage.promptTokens, completionTokens: tokens.completionTokens + result.usage.completionTokens };
    if (result.costUsd === undefined) costKnown = false;
    else cost += result.costUsd;
    if (!result.ok) {
      if ("fatal" in result.error && result.error.fatal === true) fatal ??= result.error.message;
      return { status: "failed", value: { result } };
    }
    for (const warning of result.warnings ?? []) stageWarnings.add(warning);
    await writeModule(options.plan.root, module, result.code, records, options.settings.llm.model, result.checks);
    await writeBuiltInputs(options.plan.root, module.id, inputsOf(options.plan, module));
    return { status: "ok", value: { result } };
  };

  let outcomes: readonly TaskOutcome<Value>[];
  try {
    const scheduled = await schedule<Value>(nodes, {
      jobs: options.jobs,
      run,
      ...(options.signal ? { abortSignal: options.signal } : {}),
      ...(stopSignal ? { stopSignal } : {}),
      canStart: () => fatal === undefined && configError === undefined && (options.maxCost === undefined || (options.spentUsd ?? 0) + spentSoFar() < options.maxCost),
      onStart: (id) => {
        inFlight.add(id);
        progress();
      },
      onFinish: (outcome) => {
        inFlight.delete(outcome.id);
        retries.forget(outcome.id);
        done += 1;
        if (outcome.status === "failed") failed += 1;
        // The last few modules: no other work needs the cores, and each of them now ends the build.
        if (nodes.length - done <= cores) typeChecks.setLimit(cores);
        const module = byId.get(outcome.id);
        // After a config error, modules are not reported one by one: the run's error says it once.
        if (module && configError === undefined) options.onModule?.(moduleReport(module, outcome));
        progress();
      },
    });
    outcomes = scheduled.outcomes;
  } finally {
    retries.dispose();
    typeChecks.close();
    if (!options.pool) await pool.close();
  }
  if (configError) throw configError;

  const modules = outcomes.flatMap((outcome) => {
    const module = byId.get(outcome.id);
    return module ? [moduleReport(module, outcome)] : [];
  });
  const count = (status: ModuleReport["status"]): number => modules.filter((m) => m.status === status).length;
  const interrupted = options.signal?.aborted === true;
  const costCapReached = !interrupted && fatal === undefined && options.stopSignal?.aborted !== true && count("not_started") > 0;
  const warnings = [...options.warnings, ...remote.warnings, ...stageWarnings];
  if (fatal !== undefined) warnings.push(`stopped scheduling after a fatal provider error: ${String(fatal)}`);
  if (costCapReached) warnings.push(`stopped scheduling: estimated cost reached [build] max_cost ($${options.maxCost})`);
  return {
    ok: modules.every((m) => m.status === "built"),
    kind: options.kind,
    root: options.plan.root,
    built: count("built"),
    fresh: options.fresh,
    failed: count("failed"),
    skipped: count("skipped"),
    notStarted: count("not_started") + count("interrupted"),
    interrupted,
    costCapReached,
    tokens,
    costUsd: costKnown ? cost : undefined,
    durationMs: Math.round(performance.now() - started),
    cache: cacheCounts(modules),
    modules,
    orphans: options.plan.orphans.filter((orphan) => orphan.kind === options.kind).map((orphan) => orphan.generatedFile),
    warnings,
  };
}
