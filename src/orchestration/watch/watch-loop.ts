/**
 * `watchProject(options)`: the core of `jaunt watch`. Plans, generates what is
 * stale with the same planner, lock and scheduler as `jaunt build` (and with
 * `test`, regenerates and runs the affected tests), then waits for the next
 * relevant save. An edit that changes a module of the running cycle cancels
 * that module's generation (and its dependents'), lets the other generations
 * in flight finish, starts nothing new, and begins the next cycle; other
 * edits wait for the cycle to end. The
 * lock is held only while a cycle generates, so `jaunt status` and other
 * commands work between saves. Stopping (`signal`) abandons generations in
 * flight, releases the lock and closes the watchers.
 */
import { JauntError } from "@jaunt/runtime";
import type { BuildReport } from "../build-report.ts";
import { secretEnvNames } from "../../generation/behaviour/run/child-env.ts";
import { generatePlanned, loadPlan, type BuildOptions } from "../build.ts";
import { acquireBuildLock, type BuildLock } from "../lock.ts";
import { assertProjectTrusted } from "../../trust/project-trust.ts";
import { selectModules } from "../select-modules.ts";
import { ChangeQueue } from "./change-queue.ts";
import { affectedTests, changedModules } from "./watch-plan.ts";
import type { CycleSummary, WatchError, WatchEvent } from "./watch-events.ts";
import { watchFiles, type WatchedFiles } from "./watch-files.ts";
import { requireFastCheck } from "../repair/property-dependency.ts";
import { testWithRepairs } from "../repair/repair-rounds.ts";
import { testMessage } from "../test-results/test-message.ts";
import { describeTimeout } from "../test-run.ts";
import { poolShape } from "../run-generation.ts";
import { WorkerPool } from "../worker-pool.ts";

export interface WatchOptions extends Pick<BuildOptions, "cwd" | "root" | "inferDeps" | "offline" | "jobs"> {
  /** Also regenerate and run the affected tests. */
  readonly test?: boolean;
  /** Stops the watch (Ctrl-C). */
  readonly signal: AbortSignal;
  /** Quiet time after the last change before a cycle starts (default 100 ms). */
  readonly debounceMs?: number;
  /** Where `bun test` output goes (default: our stdout). */
  readonly testOutput?: "stdout" | "stderr";
  readonly onEvent: (event: WatchEvent) => void;
}

/** How long to wait before trying again when another run holds the lock. */
const LOCK_RETRY_MS = 2000;

function errorOf(error: unknown): WatchError {
  if (error instanceof JauntError) {
    return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...(error.location ? { location: error.location } : {}) };
  }
  return { code: "internal", message: error instanceof Error ? error.message : String(error) };
}

function summaryOf(report: BuildReport): CycleSummary {
  return {
    kind: report.kind,
    ok: report.ok,
    built: report.built,
    failed: report.failed,
    skipped: report.skipped,
    fresh: report.fresh,
    tokens: report.tokens,
    ...(report.costUsd === undefined ? {} : { costUsd: report.costUsd }),
    durationMs: report.durationMs,
  };
}

/** Watch until `options.signal` aborts. Throws only when the project cannot be loaded, or is not trusted to send, at start (exit 2). */
export async function watchProject(options: WatchOptions): Promise<void> {
  const emit = options.onEvent;
  const base: BuildOptions = {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(options.inferDeps === undefined ? {} : { inferDeps: options.inferDeps }),
    ...(options.offline === undefined ? {} : { offline: options.offline }),
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
  };
  const changes = new ChangeQueue(options.debounceMs ?? 100);
  const first = await loadPlan(base);
  // Watching exists to send requests: an untrusted project is refused at start (exit 2); a setting edited
  // later is refused by the cycle that would send (an error event), until trusted.
  if (options.offline !== true) assertProjectTrusted(first.config);
  let watched: WatchedFiles | undefined;
  let watchedKey = "";
  const rewatch = ({ config, plan }: typeof first): void => {
    const key = JSON.stringify([config.paths, config.prompts, plan.handwrittenFiles]);
    if (key === watchedKey && watched?.outdated() !== true) return;
    watched?.close();
    watched = watchFiles(config, (file) => changes.add(file), plan.handwrittenFiles);
    watchedKey = key;
    emit({ type: "ready", root: config.root, folders: watched.folders });
  };
  rewatch(first);
  // Warm Workers across cycles: a save costs a generation, not a Worker start and module loads.
  const jobs = options.jobs ?? first.config.build.jobs;
  const pool = new WorkerPool({ ...poolShape(jobs, jobs), warm: true });
  let lockBusy = false;

  /** One cycle: plan, generate what is stale (cancelled and redone when an edit obsoletes it), test. */
  const cycle = async (ready?: typeof first): Promise<void> => {
    let planned: typeof first;
    try {
      planned = ready ?? (await loadPlan(base));
    } catch (error) {
      emit({ type: "error", error: errorOf(error) });
      return;
    }
    rewatch(planned);
    const { plan } = planned;
    const build = selectModules(plan, { kind: "build" });
    const tests = options.test ? selectModules(plan, { kind: "test" }) : undefined;
    const queue = [...build.modules, ...(tests?.modules ?? [])];
    if (queue.length === 0) {
      emit({ type: "idle", fresh: build.fresh.length + (tests?.fresh.length ?? 0) });
      return;
    }
    let lock: BuildLock;
    try {
      lock = acquireBuildLock(plan.root, "jaunt watch");
      lockBusy = false;
    } catch (error) {
      // Said once per wait, then retried quietly until the other run is done.
      if (!lockBusy) emit({ type: "error", error: errorOf(error) });
      lockBusy = true;
      changes.poke(LOCK_RETRY_MS);
      return;
    }
    if (lock.warning) emit({ type: "warning", message: lock.warning });
    emit({ type: "queue", modules: queue.map((m) => m.id) });
    const run = new AbortController();
    const stop = (): void => run.abort();
    options.signal.addEventListener("abort", stop, { once: true });
    // An edit during the cycle: re-plan; modules whose digest changed and are not finished are cancelled
    // (their dependents changed too, so they go with them); other generations in flight finish and are
    // written, nothing new starts, and the next cycle re-plans what is left — the edited modules included.
    const restart = new AbortController();
    const cancels = new Map<string, AbortController>();
    const cancelOf = (id: string): AbortController => {
      let controller = cancels.get(id);
      if (!controller) cancels.set(id, (controller = new AbortController()));
      return controller;
    };
    const finishedModules = new Set<string>();
    let finished = false;
    const unlisten = changes.onReady(() => {
      void changedModules(base, queue).then((changed) => {
        const pending = changed.filter((id) => !finishedModules.has(id) && !cancelOf(id).signal.aborted);
        if (pending.length === 0 || run.signal.aborted || finished) return;
        emit({ type: "restart", modules: pending });
        for (const id of pending) cancelOf(id).abort();
        restart.abort(); // start nothing new: the next cycle re-plans what is left

      });
    });
    const started = new Set<string>();
    const hooks: BuildOptions = {
      ...base,
      pool,
      signal: run.signal,
      stopSignal: restart.signal,
      moduleSignal: (id) => cancelOf(id).signal,
      onModule: (report: BuildReport["modules"][number]) => {
        finishedModules.add(report.module);
        // A cancelled module (its skipped dependents, what was never started) is not a result: the next cycle redoes it.
        if (cancelOf(report.module).signal.aborted || (restart.signal.aborted && report.status === "not_started")) return;
        emit({ type: "module", report });
      },
      onWarning: (message: string) => emit({ type: "warning", message }),
      onProgress: (snapshot: { readonly inFlight: readonly string[] }) => {
        for (const id of snapshot.inFlight) {
          if (started.has(id)) continue;
          started.add(id);
          emit({ type: "start", module: id });
        }
      },
    };
    try {
      const built = await generatePlanned(planned, "build", hooks, []);
      if (run.signal.aborted || restart.signal.aborted) return;
      emit({ type: "cycle", summary: summaryOf(built) });
      if (!tests || !built.ok) return;
      const generated = await generatePlanned(planned, "test", { ...hooks, jobs: options.jobs ?? planned.config.test.jobs }, []);
      if (run.signal.aborted || restart.signal.aborted) return;
      emit({ type: "cycle", summary: summaryOf(generated) });
      if (!generated.ok) return;
      const files = affectedTests(plan, [...built.modules, ...generated.modules]);
      if (files.length === 0) return;
      requireFastCheck(plan);
      // The same repair rounds as `jaunt test`, on the same warm pool.
      const outcome = await testWithRepairs({
        config: planned.config,
        plan,
        files,
        rounds: planned.config.test.repairRounds,
        output: options.testOutput ?? "stdout",
        limits: { timeoutSeconds: planned.config.test.timeoutSeconds, secretEnvNames: secretEnvNames(planned.config) },
        spentUsd: (built.costUsd ?? 0) + (generated.costUsd ?? 0),
        pool,
        signal: run.signal,
        ...(options.offline === undefined ? {} : { offline: options.offline }),
        ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
        onModule: hooks.onModule,
        onWarning: (message) => emit({ type: "warning", message }),
        onRepair: (record, rounds) => emit({ type: "repair", record, rounds }),
      });
      const { run: result } = outcome;
      if (!run.signal.aborted) {
        emit({
          type: "tests",
          testFiles: files,
          bunExitCode: result.bunExitCode,
          failed: result.tests.filter((t) => t.status === "failed").length + result.unloaded.length,
          repairs: outcome.repairs.length,
          message: testMessage(result, outcome.rounds),
          ...(result.timedOut ? { timedOut: describeTimeout(result.timedOut) } : {}),
        });
      }
    } catch (error) {
      // A problem every module would share (no API key, a broken prompt template): say it, wait for the fix.
      emit({ type: "error", error: errorOf(error) });
    } finally {
      finished = true;
      unlisten();
      options.signal.removeEventListener("abort", stop);
      lock.release();
    }
  };

  try {
    await cycle(first);
    while (!options.signal.aborted) {
      await changes.wait(options.signal);
      if (options.signal.aborted) break;
      const files = changes.take();
      if (files.length > 0) emit({ type: "change", files });
      await cycle();
    }
  } finally {
    changes.close();
    watched?.close();
    await pool.close();
    emit({ type: "stopped" });
  }
}
