/**
 * The async driver: runs a task DAG with at most `jobs` slots held. A task
 * starts as soon as all its deps succeeded (no waves, no barriers) and a slot
 * is free; among ready tasks the one with the longest remaining downstream
 * path goes first. A failed task skips only its transitive dependents.
 *
 * A task may hand its slot back while it works on something the slots do not
 * count (generation: validating and writing, while `jobs` counts model
 * requests) and take one again later; tasks waiting to take one back go before
 * new starts, since finishing them unblocks their dependents.
 */
import { criticalPathPriorities, dependentsOf, internalDeps, type TaskNode } from "./critical-path.ts";

export type { TaskNode } from "./critical-path.ts";

/** What `run` may return: a bare status, or a status with a value/error. */
export type TaskRunOutput<R> = "ok" | "failed" | { readonly status: "ok" | "failed"; readonly value?: R; readonly error?: unknown };

export type TaskStatus =
  | "ok"
  | "failed"
  /** A dependency failed. */
  | "skipped"
  /** Scheduling stopped (stop signal or `canStart` refused) before it started. */
  | "not_started"
  /** It was running when the abort signal fired. */
  | "interrupted";

export interface TaskOutcome<R> {
  readonly id: string;
  readonly status: TaskStatus;
  readonly value?: R;
  readonly error?: unknown;
  /** For `skipped`: the failed task that blocked it. */
  readonly blockedBy?: string;
  /** ms since the schedule began. */
  readonly startedAt?: number;
  readonly finishedAt?: number;
}

/**
 * A running task's hold on one of the `jobs` slots. A task starts holding it;
 * finishing gives it back in any case.
 */
export interface TaskSlot {
  /** Give the slot back while the task goes on outside it; no-op when not held. */
  release(): void;
  /** Take a slot again; resolves at once when held. Never rejects: a task abandoned meanwhile just finishes. */
  acquire(): Promise<void>;
}

export interface ScheduleOptions<R> {
  /** Maximum slots held at once (tasks in flight, unless tasks release theirs), ≥ 1. */
  readonly jobs: number;
  readonly run: (id: string, signal: AbortSignal, slot: TaskSlot) => Promise<TaskRunOutput<R>>;
  /** Stop starting new tasks; in-flight tasks finish. */
  readonly stopSignal?: AbortSignal;
  /** Abandon in-flight tasks: forwarded to `run`; implies stop. */
  readonly abortSignal?: AbortSignal;
  /** Checked before each start; `false` stops scheduling (e.g. a cost cap was reached). */
  readonly canStart?: (id: string) => boolean;
  readonly onStart?: (id: string) => void;
  readonly onFinish?: (outcome: TaskOutcome<R>) => void;
}

export interface ScheduleResult<R> {
  /** One outcome per node, in input order. */
  readonly outcomes: readonly TaskOutcome<R>[];
  /** Ids in the order they started. */
  readonly startOrder: readonly string[];
  /** True when scheduling stopped early (signal or `canStart`). */
  readonly stopped: boolean;
  readonly makespanMs: number;
}

function normalize<R>(output: TaskRunOutput<R>): { status: "ok" | "failed"; value?: R; error?: unknown } {
  return typeof output === "string" ? { status: output } : output;
}

/** Run `nodes` under the options' concurrency and priority rules. Never rejects because a task failed. */
export function schedule<R>(nodes: readonly TaskNode[], options: ScheduleOptions<R>): Promise<ScheduleResult<R>> {
  const jobs = Math.max(1, Math.floor(options.jobs));
  const priority = criticalPathPriorities(nodes);
  const index = new Map(nodes.map((node, position) => [node.id, position]));
  const known = new Set(index.keys());
  const dependents = dependentsOf(nodes);
  const waiting = new Map(nodes.map((node) => [node.id, internalDeps(node, known).length]));
  const outcomes = new Map<string, TaskOutcome<R>>();
  const ready = nodes.filter((node) => waiting.get(node.id) === 0).map((node) => node.id);
  const startOrder: string[] = [];
  const abortSignal = options.abortSignal ?? new AbortController().signal;
  const began = performance.now();
  const clock = (): number => performance.now() - began;
  /** Slots held. */
  let inFlight = 0;
  /** Tasks started and not finished, holding a slot or not. */
  let running = 0;
  /** Running tasks waiting to take a slot back, with their grant. */
  const waiters = new Map<string, () => void>();
  let stopped = false;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      options.stopSignal?.removeEventListener("abort", onStop);
      abortSignal.removeEventListener("abort", onStop);
      const all = nodes.map((node) => outcomes.get(node.id) ?? { id: node.id, status: "not_started" as const });
      resolve({ outcomes: all, startOrder, stopped, makespanMs: clock() });
    };

    const record = (outcome: TaskOutcome<R>): void => {
      outcomes.set(outcome.id, outcome);
      options.onFinish?.(outcome);
    };

    const skipDependents = (failed: string): void => {
      const stack = [...(dependents.get(failed) ?? [])];
      while (stack.length > 0) {
        const id = stack.pop();
        if (id === undefined || outcomes.has(id)) continue;
        record({ id, status: "skipped", blockedBy: failed });
        stack.push(...(dependents.get(id) ?? []));
      }
    };

    /** The id of `ids` with the longest remaining path (input order breaks ties). */
    const bestOf = (ids: readonly string[]): number => {
      let best = -1;
      for (let at = 0; at < ids.length; at += 1) {
        const candidate = ids[at] ?? "";
        const incumbent = best < 0 ? undefined : (ids[best] ?? "");
        if (
          incumbent === undefined ||
          (priority.get(candidate) ?? 0) > (priority.get(incumbent) ?? 0) ||
          ((priority.get(candidate) ?? 0) === (priority.get(incumbent) ?? 0) &&
            (index.get(candidate) ?? 0) < (index.get(incumbent) ?? 0))
        ) {
          best = at;
        }
      }
      return best;
    };

    const takeBest = (): string | undefined => {
      const best = bestOf(ready);
      return best < 0 ? undefined : ready.splice(best, 1)[0];
    };

    /** The slot a started task holds; `finished` gives it back for good. */
    const slotFor = (id: string): TaskSlot & { finished(): void } => {
      let held = true;
      let done = false;
      return {
        release: () => {
          if (!held || done) return;
          held = false;
          inFlight -= 1;
          pump();
        },
        acquire: () => {
          if (held || done) return Promise.resolve();
          return new Promise<void>((resolve) => {
            waiters.set(id, () => {
              held = true;
              resolve();
            });
            pump();
          });
        },
        finished: () => {
          done = true;
          waiters.delete(id);
          if (held) inFlight -= 1;
          held = false;
        },
      };
    };

    const start = (id: string): void => {
      inFlight += 1;
      running += 1;
      startOrder.push(id);
      const startedAt = clock();
      const slot = slotFor(id);
      options.onStart?.(id);
      Promise.resolve()
        .then(() => options.run(id, abortSignal, slot))
        .then(
          (output) => ({ ...normalize(output) }),
          (error: unknown) => ({ status: abortSignal.aborted ? ("interrupted" as const) : ("failed" as const), error }),
        )
        .then((result) => {
          slot.finished();
          running -= 1;
          record({ id, ...result, startedAt, finishedAt: clock() });
          if (result.status === "ok") {
            for (const dependent of dependents.get(id) ?? []) {
              const left = (waiting.get(dependent) ?? 0) - 1;
              waiting.set(dependent, left);
              if (left === 0) ready.push(dependent);
            }
          } else if (result.status === "failed") {
            skipDependents(id);
          }
          pump();
        });
    };

    const pump = (): void => {
      // Tasks already running come first, even after a stop: in-flight work finishes.
      while (inFlight < jobs && waiters.size > 0) {
        const ids = [...waiters.keys()];
        const id = ids[bestOf(ids)] ?? "";
        const grant = waiters.get(id);
        waiters.delete(id);
        inFlight += 1;
        grant?.();
      }
      while (!stopped && inFlight < jobs && ready.length > 0) {
        const id = takeBest();
        if (id === undefined) break;
        if (options.canStart && !options.canStart(id)) {
          stopped = true;
          break;
        }
        start(id);
      }
      if (running === 0 && (stopped || ready.length === 0)) finish();
    };

    function onStop(): void {
      stopped = true;
      pump();
    }

    if (options.stopSignal?.aborted || abortSignal.aborted) stopped = true;
    options.stopSignal?.addEventListener("abort", onStop);
    abortSignal.addEventListener("abort", onStop);
    pump();
  });
}
