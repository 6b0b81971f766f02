/**
 * `build(options)`: the core of `jaunt build` (DESIGN §5): load config, plan,
 * take the build lock, generate the stale modules (or all with `force`, or a
 * target and its dependencies) on the Worker pool, write them atomically and
 * report. Throws JauntErrors for config, discovery, trust and lock problems (exit 2);
 * module failures are in the report (exit 3 from `exitCodeOf`).
 */
import { loadConfig } from "../config/load.ts";
import { formatProblem } from "../discovery/errors.ts";
import type { JauntConfig } from "../config/types.ts";
import type { GenerationEvent } from "../generation/types.ts";
import { assertJsxEnabled } from "../generation/validate/jsx-option.ts";
import { planProject } from "../graph/plan.ts";
import type { Plan, PlannedModule } from "../graph/plan-types.ts";
import { addUsage } from "../generation/cost.ts";
import type { BuildReport, DryRunReport, ModuleReport } from "./build-report.ts";
import { batchPhase } from "./batch/batch-phase.ts";
import { recordCacheCounts } from "./cache-record.ts";
import type { GateResult } from "./meaning-gate.ts";
import { acquireBuildLock } from "./lock.ts";
import { assertProjectTrusted } from "../trust/project-trust.ts";
import { dryRunReport, generationSettings, prepareRun, promptTexts, sweepTempFiles } from "./prepare-run.ts";
import { poolShape, runGeneration, type ProgressSnapshot } from "./run-generation.ts";
import { selectModules, type Selection } from "./select-modules.ts";
import { WorkerPool } from "./worker-pool.ts";

export interface BuildOptions {
  /** Where to start looking for jaunt.toml (default: process.cwd()). */
  readonly cwd?: string;
  /** `--root`. */
  readonly root?: string;
  /** Regenerate every module, fresh or not. */
  readonly force?: boolean;
  /** Overrides `[build] jobs`. */
  readonly jobs?: number;
  /** A SpecRef or module: build it and its dependencies only. */
  readonly target?: string;
  /** Serve only from the response cache. */
  readonly offline?: boolean;
  /** `--batch`: send the first attempts as one Batch API batch (or collect the pending one) before generating. */
  readonly batch?: boolean;
  /** Batch progress lines (submitted, status, collected). */
  readonly onBatch?: (text: string) => void;
  /** Batch status polling, first and longest wait in ms (tests make them short). */
  readonly batchPollMs?: { readonly first: number; readonly max: number };
  /** `--no-infer-deps`. */
  readonly inferDeps?: boolean;
  /** First Ctrl-C. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (snapshot: ProgressSnapshot) => void;
  readonly onModule?: (report: ModuleReport) => void;
  readonly onEvent?: (event: GenerationEvent) => void;
  /** Told about recovered locks, removed temp files and the like as they happen. */
  readonly onWarning?: (message: string) => void;
  /** Run on this Worker pool instead of a fresh one (`jaunt watch` keeps one warm across cycles). */
  readonly pool?: WorkerPool;
  /** Start nothing new, let generations in flight finish (`jaunt watch` restarting after an edit). */
  readonly stopSignal?: AbortSignal;
  /** Per-module cancellation (`jaunt watch` cancels a module whose spec changed during the run). */
  readonly moduleSignal?: (id: string) => AbortSignal | undefined;
}

interface Planned {
  readonly config: JauntConfig;
  readonly plan: Plan;
}

/** Load the config and plan the project (exit-2 errors surface here). */
export async function loadPlan(options: Pick<BuildOptions, "cwd" | "root" | "inferDeps">): Promise<Planned> {
  const config = await loadConfig({ ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.root ? { root: options.root } : {}) });
  const plan = await planProject({ config, ...(options.inferDeps === undefined ? {} : { inferDeps: options.inferDeps }) });
  return { config, plan };
}

/** `jaunt build --dry-run`: the plan with estimates; no LLM calls, no lock, no writes. */
export async function buildDryRun(options: BuildOptions): Promise<DryRunReport> {
  const { config, plan } = await loadPlan(options);
  const selection = selectModules(plan, { kind: "build", cwd: options.cwd ?? process.cwd(), ...(options.force ? { force: true } : {}), ...(options.target ? { target: options.target } : {}) });
  const { estimates } = await prepareRun(plan, selection.modules, await promptTexts(config), { propertyRuns: config.test.propertyRuns });
  // The same warnings a real run gives, in the same order (the lock's and temp-file sweeps' aside: a dry run touches neither).
  const warnings: string[] = [];
  planWarnings(plan, warnings, options.onWarning);
  keptEditedWarnings(plan, "build", selection.modules, warnings, options.onWarning);
  return dryRunReport(plan, "build", selection.modules, selection.fresh.length, estimates, warnings);
}

/** Report the plan's warnings (specs Jaunt cannot see and the like) as they happen, and in the report. */
export function planWarnings(plan: Plan, warnings: string[], onWarning: ((message: string) => void) | undefined): void {
  for (const warning of plan.warnings.map(formatProblem)) {
    warnings.push(warning);
    onWarning?.(warning);
  }
}

/** Say which hand-edited modules of `kind` the run keeps (not selected: no `--force` on them). */
function keptEditedWarnings(plan: Plan, kind: "build" | "test", selected: readonly PlannedModule[], warnings: string[], onWarning: ((message: string) => void) | undefined): void {
  for (const module of plan.modules) {
    if (module.kind !== kind || module.status !== "edited" || selected.includes(module)) continue;
    const warning = `kept ${module.generatedFile}: edited by hand (\`jaunt stamp ${module.id}\` accepts the edit; \`jaunt build --force --target ${module.id}\` regenerates it)`;
    warnings.push(warning);
    onWarning?.(warning);
  }
}

/** Generate a planned project's modules of `kind` under the lock the caller holds. */
export async function generatePlanned(planned: Planned, kind: "build" | "test", options: BuildOptions, warnings: string[]): Promise<BuildReport> {
  const { config, plan } = planned;
  const selection = selectModules(plan, { kind, cwd: options.cwd ?? process.cwd(), ...(options.force ? { force: true } : {}), ...(options.target && kind === "build" ? { target: options.target } : {}) });
  const jobs = options.jobs ?? (kind === "build" ? config.build.jobs : config.test.jobs);
  // Workers start (and load the generation backend) while the run is prepared, not after: ~0.1 s off the first request.
  const ownPool = options.pool || selection.modules.length === 0 ? undefined : new WorkerPool({ ...poolShape(jobs, selection.modules.length), warm: true });
  ownPool?.prestart();
  try {
    return await generateSelection(planned, kind, selection, { ...options, jobs, ...(ownPool ? { pool: ownPool } : {}) }, warnings);
  } finally {
    await ownPool?.close();
  }
}

async function generateSelection(planned: Planned, kind: "build" | "test", selection: Selection, options: BuildOptions & { readonly jobs: number }, warnings: string[]): Promise<BuildReport> {
  const { config, plan } = planned;
  // Before anything is scheduled: an untrusted project's routing of secrets stops the run with no request made.
  if (options.offline !== true && selection.modules.length > 0) assertProjectTrusted(config);
  for (const file of await sweepTempFiles(plan.root, selection.modules)) {
    const warning = `removed a temp file left by an interrupted write: ${file}`;
    warnings.push(warning);
    options.onWarning?.(warning);
  }
  keptEditedWarnings(plan, kind, selection.modules, warnings, options.onWarning);
  // A project setting every .tsx candidate would fail on: stop before any model call.
  await assertJsxEnabled(plan.root, selection.modules.flatMap((module) => [module.file, module.generatedFile]));
  // `[build] semantic_gate`: modules stale only through comment text may be stamped instead (meaning-gate.ts).
  const gate = config.build.semanticGate && !options.force ? await runMeaningGate(plan, selection.modules, options, warnings) : undefined;
  const modules = gate ? gate.remaining : selection.modules;
  const prompts = await promptTexts(config);
  const { inputs, estimates } = await prepareRun(plan, modules, prompts, { propertyRuns: config.test.propertyRuns });
  const settings = generationSettings(config, prompts, options.offline === true);
  const reroll = new Set(selection.forced);
  const prefetched = kind === "build"
    ? await batchPhase({
        batch: options.batch === true,
        root: plan.root,
        modules,
        inputs,
        settings,
        reroll,
        signal: options.signal,
        pollMs: options.batchPollMs,
        onNote: options.onBatch,
        onWarning: (warning) => {
          warnings.push(warning);
          options.onWarning?.(warning);
        },
      })
    : undefined;
  const report = await runGeneration({
    plan,
    kind,
    modules,
    fresh: selection.fresh.length,
    inputs,
    estimates,
    settings,
    reroll,
    ...(prefetched && prefetched.size > 0 ? { prefetched } : {}),
    jobs: options.jobs,
    maxCost: config.build.maxCost,
    // The meaning check's questions are part of this run's cost: the cap sees them before anything is scheduled.
    spentUsd: gate?.costUsd,
    warnings,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.pool ? { pool: options.pool } : {}),
    ...(options.moduleSignal ? { moduleSignal: options.moduleSignal } : {}),
    ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onModule ? { onModule: options.onModule } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  const result = gate ? withGate(report, gate) : report;
  await recordCacheCounts(result, config.cache.remoteUrl !== undefined);
  return result;
}

async function runMeaningGate(plan: Plan, modules: readonly PlannedModule[], options: BuildOptions, warnings: string[]): Promise<GateResult> {
  const { meaningGate } = await import("./meaning-gate.ts");
  const gate = await meaningGate(plan, modules, {
    offline: options.offline === true,
    ...(options.signal ? { signal: options.signal } : {}),
    onWarning: (message) => {
      warnings.push(message);
      options.onWarning?.(message);
    },
  });
  for (const report of gate.stamped) options.onModule?.(report);
  return gate;
}

/** The build report with the meaning check's stamps, tokens and cost added. */
function withGate(report: BuildReport, gate: GateResult): BuildReport {
  const costUsd = report.costUsd === undefined || gate.costUsd === undefined ? undefined : report.costUsd + gate.costUsd;
  return { ...report, stamped: gate.stamped.length, tokens: addUsage(report.tokens, gate.usage), costUsd, modules: [...gate.stamped, ...report.modules] };
}

/** Run `jaunt build`. */
export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const planned = await loadPlan(options);
  const lock = acquireBuildLock(planned.plan.root, "jaunt build");
  const warnings: string[] = [];
  if (lock.warning) {
    warnings.push(lock.warning);
    options.onWarning?.(lock.warning);
  }
  planWarnings(planned.plan, warnings, options.onWarning);
  try {
    return await generatePlanned(planned, "build", options, warnings);
  } finally {
    lock.release();
  }
}
