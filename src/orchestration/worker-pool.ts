/**
 * A pool of up to `size` Bun Workers, spawned lazily (each costs ~15 ms), each
 * running up to `tasksPerWorker` tasks at once. Generation mostly waits on the
 * LLM, so a few Workers with several tasks each keep `jobs` requests in flight
 * without paying every Worker's memory (each loads its own TypeScript parser).
 * A crashed Worker fails only its own tasks and is dropped; the next task
 * spawns a fresh one. Cancelling a task aborts it inside its Worker (and its
 * HTTP request with it) and rejects at once.
 */
import { JauntConfigError, JauntError, JauntGenerationError } from "@jaunt/runtime";
import { resolveWorkerEntry } from "./worker-entry.ts";
import { isFromWorker, serializeError, type FromWorker, type SerializedError, type SlotGate, type ToWorker, type WorkerTask } from "./worker-protocol.ts";

export interface WorkerPoolOptions {
  /** Maximum Workers, ≥ 1. */
  readonly size: number;
  /** Tasks one Worker runs at once, ≥ 1 (default 1). */
  readonly tasksPerWorker?: number;
  /** Absolute paths of extra handler modules each Worker loads (each exports `handlers`). */
  readonly handlerModules?: readonly string[];
  /** Worker entry override; default: resolveWorkerEntry(). */
  readonly entry?: string;
  /** Each Worker loads the built-in handlers' backend as it starts, not on its first task (builtin-handlers.ts). */
  readonly warm?: boolean;
}

/** A main-thread slot a task in a Worker can hand back and take again. */
export interface PoolSlot {
  release(): void;
  acquire(): Promise<void>;
}

export interface RunTaskOptions {
  /** Abort = abandon: the promise rejects and the Worker is terminated. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: unknown) => void;
  /** The scheduler slot the task holds; the handler's `slot.release()`/`acquire()` reach it. Default: none (both no-ops). */
  readonly slot?: PoolSlot;
  /** The slot the handler's `checkSlot` reaches (CPU-bound validation; not held at the start). Default: none. */
  readonly checkSlot?: PoolSlot;
  /** Main-thread services the handler's `call(name, payload)` reaches; an unknown name rejects. */
  readonly calls?: Readonly<Record<string, (payload: unknown) => Promise<unknown>>>;
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
  readonly jobs: Map<number, Job>;
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
  readonly #tasksPerWorker: number;

  constructor(options: WorkerPoolOptions) {
    this.#options = { ...options, size: Math.max(1, Math.floor(options.size)) };
    this.#tasksPerWorker = Math.max(1, Math.floor(options.tasksPerWorker ?? 1));
  }

  /** Workers spawned so far, replacements included. */
  get spawned(): number {
    return this.#spawned;
  }

  /**
   * Start up to `count` Workers now (never beyond `size`), so their start-up
   * overlaps the caller's own work instead of delaying the first tasks.
   */
  prestart(count: number = this.#options.size): void {
    while (this.#slots.length < count && this.#spawn()) {
      // #spawn adds the Worker to the pool; idle ones take the first tasks.
    }
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
      for (const job of slot.jobs.values()) this.#settle(job, new JauntError("worker pool closed", "orchestration.pool_closed"));
      slot.jobs.clear();
      // Unreferenced: the process exits without waiting for a Worker's heap to be torn down (~90 ms measured).
      slot.worker.unref();
      slot.worker.terminate();
    }
  }

  /** A fresh Worker while below `size`, else the least busy one with room. */
  #slotWithRoom(): Slot | undefined {
    const idle = this.#slots.find((candidate) => candidate.jobs.size === 0);
    if (idle) return idle;
    const spawned = this.#spawn();
    if (spawned) return spawned;
    let best: Slot | undefined;
    for (const slot of this.#slots) {
      if (slot.jobs.size < this.#tasksPerWorker && (!best || slot.jobs.size < best.jobs.size)) best = slot;
    }
    return best;
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slotWithRoom();
      if (!slot) return;
      const job = this.#queue.shift();
      if (!job) return;
      slot.jobs.set(job.id, job);
      const message: ToWorker = { type: "task", id: job.id, task: job.task };
      slot.worker.postMessage(message);
    }
  }

  #spawn(): Slot | undefined {
    if (this.#slots.length >= this.#options.size || this.#closed) return undefined;
    this.#entry ??= this.#options.entry ?? resolveWorkerEntry();
    const worker = new Worker(this.#entry);
    this.#spawned += 1;
    const slot: Slot = { worker, jobs: new Map() };
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
    const init: ToWorker = { type: "init", handlerModules: this.#options.handlerModules ?? [], ...(this.#options.warm ? { warm: true } : {}) };
    worker.postMessage(init);
    this.#slots.push(slot);
    return slot;
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    // A cancelled task may still answer; it was already settled and removed.
    const job = slot.jobs.get(message.id);
    if (!job) return;
    if (message.type === "event") {
      job.options.onEvent?.(message.event);
      return;
    }
    if (message.type === "slot") {
      const target = message.gate === "check" ? job.options.checkSlot : job.options.slot;
      if (message.op === "release") target?.release();
      else void this.#grant(slot, job, message.gate, target);
      return;
    }
    if (message.type === "call") {
      void this.#answer(slot, job, message);
      return;
    }
    slot.jobs.delete(message.id);
    if (message.type === "result") this.#settle(job, undefined, message.result);
    else this.#settle(job, revive(message.error));
    this.#dispatch();
  }

  /** Answer a task's `slot.acquire()` once the scheduler gives it a slot (unless it was settled meanwhile). */
  async #grant(slot: Slot, job: Job, gate: SlotGate, target: PoolSlot | undefined): Promise<void> {
    await target?.acquire();
    if (slot.jobs.get(job.id) !== job) {
      target?.release(); // settled meanwhile: the slot goes back at once
      return;
    }
    const granted: ToWorker = { type: "granted", id: job.id, gate };
    slot.worker.postMessage(granted);
  }

  /** Run the service a task called and post its answer (unless the task was settled meanwhile). */
  async #answer(slot: Slot, job: Job, message: Extract<FromWorker, { type: "call" }>): Promise<void> {
    const service = job.options.calls?.[message.name];
    let answer: ToWorker;
    try {
      if (!service) throw new Error(`no main-thread service "${message.name}"`);
      answer = { type: "answer", id: job.id, call: message.call, value: await service(message.payload) };
    } catch (error) {
      answer = { type: "answer", id: job.id, call: message.call, error: serializeError(error) };
    }
    if (slot.jobs.get(job.id) === job) slot.worker.postMessage(answer);
  }

  /** Drop a Worker (crash or exit); fail its tasks; spawn anew on demand. */
  #retire(slot: Slot, error: unknown): void {
    const at = this.#slots.indexOf(slot);
    if (at < 0) return;
    this.#slots.splice(at, 1);
    const jobs = [...slot.jobs.values()];
    slot.jobs.clear();
    slot.worker.terminate();
    for (const job of jobs) this.#settle(job, error);
    this.#dispatch();
  }

  #abandon(id: number): void {
    const queued = this.#queue.findIndex((job) => job.id === id);
    if (queued >= 0) {
      const [job] = this.#queue.splice(queued, 1);
      if (job) this.#settle(job, interruptedError());
      return;
    }
    const slot = this.#slots.find((candidate) => candidate.jobs.has(id));
    const job = slot?.jobs.get(id);
    if (!slot || !job) return;
    slot.jobs.delete(id);
    const cancel: ToWorker = { type: "cancel", id };
    slot.worker.postMessage(cancel);
    this.#settle(job, interruptedError());
    this.#dispatch();
  }

  #settle(job: Job, error: unknown, result?: unknown): void {
    job.detach();
    if (error === undefined) job.resolve(result);
    else job.reject(error);
  }
}
