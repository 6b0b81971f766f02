/**
 * Type checks shared across modules. A small `bun check` spends most of its
 * time loading the project's declarations (lib, `@types/*`: ~550 files,
 * ~110 ms of ~160 ms for one synthetic module), so candidates checked in one
 * process cost little more than one (measured: 4 modules 0.32 CPU-s, 1 module
 * 0.29). Adaptive batching: a request starts at once while fewer than `limit`
 * checks run, so an idle build waits for nothing; under load, requests queue
 * and the next check takes every waiting one with the same semantics (root,
 * tsconfig, flags) — more candidates a process exactly when processes are
 * the bottleneck. Critical-path modules lead the queue.
 *
 * One process, several candidates, same answers: each candidate lives in its
 * own hidden files (type-check.ts), none declares globals (structural rules
 * reject ambient declarations), and each reads only the diagnostics located
 * in its own files, its spec, and what those import.
 */
import { checkArgs, spawnBunCheck, type CheckRequest } from "../generation/validate/type-check.ts";

/** `bun check --threads` is known from Bun 1.4.5 (the checker is this process's own Bun: spawnBunCheck). */
const SINGLE_THREAD_FLAG = Bun.semver.satisfies(Bun.version, ">=1.4.5");

interface Waiting {
  readonly request: CheckRequest;
  readonly priority: number;
  readonly order: number;
  /** It arrived while the limit was reached: the machine is busy. */
  readonly queued: boolean;
  readonly resolve: (output: string) => void;
  readonly reject: (error: unknown) => void;
}

export interface CheckBatcherOptions {
  /** `bun check` processes at once, ≥ 1. */
  readonly limit: number;
  /** Requests one process takes at most, ≥ 1 (bounds the damage of one pathological candidate). */
  readonly maxBatch?: number;
  /** Aborts every running check (the run was interrupted). */
  readonly signal?: AbortSignal;
  /** Runs one merged check; default: a `bun check` process (tests count processes through this). */
  readonly spawn?: (root: string, args: readonly string[], signal?: AbortSignal) => Promise<string>;
}

/** The key of requests one process may serve together; undefined: it runs alone (a `-p` config of its own). */
function batchKey(request: CheckRequest): string | undefined {
  if (request.project !== undefined) return undefined;
  return JSON.stringify([request.root, request.tsconfig ?? "", request.flags]);
}

export class CheckBatcher {
  #limit: number;
  readonly #maxBatch: number;
  readonly #signal: AbortSignal | undefined;
  readonly #spawn: (root: string, args: readonly string[], signal?: AbortSignal) => Promise<string>;
  readonly #waiting: Waiting[] = [];
  #running = 0;
  #order = 0;
  /** Processes started and requests served, for benches and tests. */
  readonly stats = { processes: 0, requests: 0 };

  constructor(options: CheckBatcherOptions) {
    this.#limit = Math.max(1, Math.floor(options.limit));
    this.#maxBatch = Math.max(1, Math.floor(options.maxBatch ?? 16));
    this.#signal = options.signal;
    this.#spawn = options.spawn ?? spawnBunCheck;
    // Aborted: nothing waiting starts (running processes are killed through the same signal).
    this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  readonly #onAbort = (): void => {
    for (const waiting of this.#waiting.splice(0)) waiting.reject(this.#signal?.reason);
  };

  /** Allow `limit` (≥ 1) checks at once from now on; waiting ones start at once if that frees room. */
  setLimit(limit: number): void {
    this.#limit = Math.max(1, Math.floor(limit));
    this.#pump();
  }

  /** The run is over: stop listening to its signal (a watch session's outlives many runs). */
  close(): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
  }

  /**
   * The whole output of a `bun check` covering `request`'s files (and maybe
   * other requests' files). `priority`: higher is served first (critical path).
   * Rejects when the process cannot run or the run is aborted.
   */
  run(request: CheckRequest, priority = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.#signal?.aborted) {
        reject(this.#signal.reason);
        return;
      }
      this.#waiting.push({ request, priority, order: this.#order++, queued: this.#running >= this.#limit, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < this.#limit && this.#waiting.length > 0) {
      const batch = this.#takeBatch();
      const alongside = this.#running > 0;
      this.#running += 1;
      void this.#runBatch(batch, alongside).finally(() => {
        this.#running -= 1;
        this.#pump();
      });
    }
  }

  /** The most urgent waiting request and every waiting one it can share a process with. */
  #takeBatch(): Waiting[] {
    this.#waiting.sort((a, b) => b.priority - a.priority || a.order - b.order);
    const [lead] = this.#waiting;
    if (!lead) return [];
    const key = batchKey(lead.request);
    const batch = key === undefined ? [lead] : this.#waiting.filter((w) => batchKey(w.request) === key).slice(0, this.#maxBatch);
    for (const taken of batch) this.#waiting.splice(this.#waiting.indexOf(taken), 1);
    return batch;
  }

  /** `alongside`: another check was running when this one started. */
  async #runBatch(batch: readonly Waiting[], alongside: boolean): Promise<void> {
    const [lead] = batch;
    if (!lead) return;
    const files = [...new Set(batch.flatMap((w) => w.request.files))];
    this.stats.processes += 1;
    this.stats.requests += batch.length;
    try {
      // Busy (it queued, serves several, or runs beside another check): one thread, ~15% less CPU than one a
      // core, which the other modules' work needs. Alone on an idle machine: every core, the lowest latency.
      const busy = alongside || batch.length > 1 || batch.some((w) => w.queued);
      const threads = busy && SINGLE_THREAD_FLAG ? ["--threads=1"] : [];
      const output = await this.#spawn(lead.request.root, [...threads, ...checkArgs({ ...lead.request, files })], this.#signal);
      for (const w of batch) w.resolve(output);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
