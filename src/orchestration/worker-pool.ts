/**
 * A pool of up to `size` Bun Workers, spawned lazily (each costs ~15 ms) and
 * running one task at a time. A crashed Worker fails only its task and is
 * dropped; the next task spawns a fresh one. Cancelling a running task
 * terminates its Worker, which abandons the work (and its HTTP request) at once.
 */
import { JauntConfigError, JauntError, JauntGenerationError } from "@jaunt/runtime";
import { resolveWorkerEntry } from "./worker-entry.ts";
import { isFromWorker, type FromWorker, type SerializedError, type ToWorker, type WorkerTask } from "./worker-protocol.ts";

export interface WorkerPoolOptions {
  /** Maximum Workers, ≥ 1. */
  readonly size: number;
  /** Absolute paths of extra handler modules each Worker loads (each exports `handlers`). */
  readonly handlerModules?: readonly string[];
  /** Worker entry override; default: resolveWorkerEntry(). */
  readonly entry?: string;
}

export interface RunTaskOptions {
  /** Abort = abandon: the promise rejects and the Worker is terminated. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: unknown) => void;
}

interface Job {
  readonly id: number;
  readonly task: WorkerTask;
  readonly options: RunTaskOptions;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly detach: () => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | undefined;
}

/** The error a task rejects with when it was abandoned. */
export function interruptedError(): JauntError {
  return new JauntError("interrupted", "orchestration.interrupted", 130);
}

/** Rebuild a Worker's error on this side, keeping config errors' exit code 2. */
function revive(error: SerializedError): JauntError {
  const options = error.hint === undefined ? {} : { hint: error.hint };
  if (error.exitCode === 2 && error.code?.startsWith("config.")) return new JauntConfigError(error.message, error.code, options);
  if (error.exitCode !== undefined && error.code !== undefined) return new JauntError(error.message, error.code, error.exitCode, options);
  return new JauntGenerationError(error.message, error.code ?? "generation.worker_error", options);
}

export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #spawned = 0;
  #closed = false;
  #entry: string | undefined;

  constructor(options: WorkerPoolOptions) {
    this.#options = { ...options, size: Math.max(1, Math.floor(options.size)) };
  }

  /** Workers spawned so far, replacements included. */
  get spawned(): number {
    return this.#spawned;
  }

  /** Run `task` in a Worker; resolves with the handler's result, rejects with its error. */
  run(task: WorkerTask, options: RunTaskOptions = {}): Promise<unknown> {
    if (this.#closed) return Promise.reject(new JauntError("worker pool is closed", "orchestration.pool_closed"));
    if (options.signal?.aborted) return Promise.reject(interruptedError());
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      const onAbort = (): void => this.#abandon(id);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      const detach = (): void => options.signal?.removeEventListener("abort", onAbort);
      this.#queue.push({ id, task, options, resolve, reject, detach });
      this.#dispatch();
    });
  }

  /** Terminate every Worker; queued and running tasks reject. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) this.#settle(job, new JauntError("worker pool closed", "orchestration.pool_closed"));
    for (const slot of this.#slots.splice(0)) {
      if (slot.job) this.#settle(slot.job, new JauntError("worker pool closed", "orchestration.pool_closed"));
      slot.worker.terminate();
    }
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.job === undefined) ?? this.#spawn();
      if (!slot) return;
      const job = this.#queue.shift();
      if (!job) return;
      slot.job = job;
      const message: ToWorker = { type: "task", id: job.id, task: job.task };
      slot.worker.postMessage(message);
    }
  }

  #spawn(): Slot | undefined {
    if (this.#slots.length >= this.#options.size || this.#closed) return undefined;
    this.#entry ??= this.#options.entry ?? resolveWorkerEntry();
    const worker = new Worker(this.#entry);
    this.#spawned += 1;
    const slot: Slot = { worker, job: undefined };
    worker.addEventListener("message", (event: MessageEvent) => {
      const data: unknown = event.data;
      if (isFromWorker(data)) this.#onMessage(slot, data);
    });
    worker.addEventListener("error", (event: ErrorEvent) => {
      event.preventDefault();
      this.#retire(slot, new JauntGenerationError(`worker crashed: ${event.message}`, "generation.worker_crashed"));
    });
    worker.addEventListener("close", () => {
      this.#retire(slot, new JauntGenerationError("worker exited unexpectedly", "generation.worker_crashed"));
    });
    const init: ToWorker = { type: "init", handlerModules: this.#options.handlerModules ?? [] };
    worker.postMessage(init);
    this.#slots.push(slot);
    return slot;
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    if (message.type === "event") {
      job.options.onEvent?.(message.event);
      return;
    }
    slot.job = undefined;
    if (message.type === "result") this.#settle(job, undefined, message.result);
    else this.#settle(job, revive(message.error));
    this.#dispatch();
  }

  /** Drop a Worker (crash, exit, or abandoned task); fail its task; spawn anew on demand. */
  #retire(slot: Slot, error: unknown): void {
    const at = this.#slots.indexOf(slot);
    if (at < 0) return;
    this.#slots.splice(at, 1);
    const job = slot.job;
    slot.job = undefined;
    slot.worker.terminate();
    if (job) this.#settle(job, error);
    this.#dispatch();
  }

  #abandon(id: number): void {
    const queued = this.#queue.findIndex((job) => job.id === id);
    if (queued >= 0) {
      const [job] = this.#queue.splice(queued, 1);
      if (job) this.#settle(job, interruptedError());
      return;
    }
    const slot = this.#slots.find((candidate) => candidate.job?.id === id);
    if (slot) this.#retire(slot, interruptedError());
  }

  #settle(job: Job, error: unknown, result?: unknown): void {
    job.detach();
    if (error === undefined) job.resolve(result);
    else job.reject(error);
  }
}
