/**
 * Messages between the main thread and generation Workers. Everything is
 * structured-clone data; handlers are looked up in the Worker by task type.
 */
import { isRecord } from "../support/is-record.ts";

/** A unit of work: `type` picks the handler, `payload` is its plain-data input. */
export interface WorkerTask {
  readonly type: string;
  readonly payload: unknown;
}

/**
 * The task's hold on one of the main thread's slots: `request` (the
 * scheduler's `jobs`; a task starts holding it) or `check` (CPU-bound
 * validation; not held at the start). Without a slot on the main side both
 * calls are no-ops.
 */
export interface WorkerSlot {
  /** Hand the slot back while the task works outside what slots count; no-op when not held. */
  release(): void;
  /** Wait for a slot again; rejects when the task is cancelled meanwhile. */
  acquire(): Promise<void>;
}

/** What a handler gets besides its payload. */
export interface TaskContext {
  /** Aborted when the main thread cancels the task. */
  readonly signal: AbortSignal;
  /** Post a progress event to the main thread (plain data). */
  readonly emit: (event: unknown) => void;
  readonly slot: WorkerSlot;
  readonly checkSlot: WorkerSlot;
  /**
   * Ask the main thread's service `name` (RunTaskOptions.calls) with plain
   * data; resolves with its answer, rejects with its error, or when the
   * task is cancelled meanwhile. A service shared by every task (one type
   * checker for the run) lives there, not in each Worker.
   */
  readonly call: (name: string, payload: unknown) => Promise<unknown>;
}

export type SlotGate = "request" | "check";

export type TaskHandler = (payload: unknown, context: TaskContext) => Promise<unknown>;

/** What a handler module exports as `handlers`. */
export type HandlerTable = Readonly<Record<string, TaskHandler>>;

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  /** A JauntError's code, exit code and hint survive the trip. */
  readonly code?: string;
  readonly exitCode?: number;
  readonly hint?: string;
}

export type ToWorker =
  /** Extra handler modules (absolute paths) to load before running tasks; `warm`: load the built-ins' backend now. */
  | { readonly type: "init"; readonly handlerModules: readonly string[]; readonly warm?: boolean }
  | { readonly type: "task"; readonly id: number; readonly task: WorkerTask }
  | { readonly type: "cancel"; readonly id: number }
  /** The task's `slot.acquire()` was granted. */
  | { readonly type: "granted"; readonly id: number; readonly gate: SlotGate }
  /** The answer to the task's `call` number `call`. */
  | { readonly type: "answer"; readonly id: number; readonly call: number; readonly value?: unknown; readonly error?: SerializedError };

export type FromWorker =
  | { readonly type: "event"; readonly id: number; readonly event: unknown }
  | { readonly type: "result"; readonly id: number; readonly result: unknown }
  | { readonly type: "error"; readonly id: number; readonly error: SerializedError }
  | { readonly type: "slot"; readonly id: number; readonly gate: SlotGate; readonly op: "release" | "acquire" }
  | { readonly type: "call"; readonly id: number; readonly call: number; readonly name: string; readonly payload: unknown };

export function isToWorker(value: unknown): value is ToWorker {
  if (!isRecord(value)) return false;
  if (value.type === "init") return Array.isArray(value.handlerModules);
  if (value.type === "task") return typeof value.id === "number" && isRecord(value.task) && typeof value.task.type === "string";
  if (value.type === "granted") return typeof value.id === "number" && isGate(value.gate);
  if (value.type === "answer") return typeof value.id === "number" && typeof value.call === "number" && (value.error === undefined || isRecord(value.error));
  return value.type === "cancel" && typeof value.id === "number";
}

export function isFromWorker(value: unknown): value is FromWorker {
  if (!isRecord(value) || typeof value.id !== "number") return false;
  if (value.type === "event" || value.type === "result") return true;
  if (value.type === "slot") return isGate(value.gate) && (value.op === "release" || value.op === "acquire");
  if (value.type === "call") return typeof value.call === "number" && typeof value.name === "string";
  return value.type === "error" && isRecord(value.error) && typeof value.error.message === "string";
}

function isGate(value: unknown): value is SlotGate {
  return value === "request" || value === "check";
}

export function isHandlerTable(value: unknown): value is HandlerTable {
  return isRecord(value) && Object.values(value).every((handler) => typeof handler === "function");
}

/** Flatten any thrown value into plain data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
    const exitCode = "exitCode" in error && typeof error.exitCode === "number" ? error.exitCode : undefined;
    const hint = "hint" in error && typeof error.hint === "string" ? error.hint : undefined;
    return {
      name: error.name,
      message: error.message,
      ...(code === undefined ? {} : { code }),
      ...(exitCode === undefined ? {} : { exitCode }),
      ...(hint === undefined ? {} : { hint }),
    };
  }
  return { name: "Error", message: String(error) };
}
