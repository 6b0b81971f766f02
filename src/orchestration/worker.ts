/**
 * Worker entry: runs tasks posted by the WorkerPool, one at a time, looking
 * the handler up by task type (built-ins plus handler modules named in the
 * `init` message). Must be a separate entrypoint of `bun build --compile`.
 */
import { BUILTIN_HANDLERS, warmBuiltins } from "./builtin-handlers.ts";
import {
  isHandlerTable,
  isToWorker,
  serializeError,
  type FromWorker,
  type HandlerTable,
  type ToWorker,
  type SlotGate,
  type TaskContext,
  type WorkerSlot,
} from "./worker-protocol.ts";

let handlers: HandlerTable = BUILTIN_HANDLERS;
let ready: Promise<void> = Promise.resolve();
const running = new Map<number, AbortController>();
/** Tasks waiting for the main thread to grant a slot, by `${id}:${gate}`. */
const grants = new Map<string, () => void>();
/** Calls to main-thread services awaiting their answer, by `${id}:${call}`. */
const answers = new Map<string, (answer: Extract<ToWorker, { type: "answer" }>) => void>();
let nextCall = 1;

function send(message: FromWorker): void {
  postMessage(message);
}

async function loadHandlerModules(paths: readonly string[]): Promise<void> {
  for (const modulePath of paths) {
    const loaded: unknown = await import(modulePath);
    const table = typeof loaded === "object" && loaded !== null && "handlers" in loaded ? loaded.handlers : undefined;
    if (!isHandlerTable(table)) throw new Error(`handler module ${modulePath} does not export a \`handlers\` table`);
    handlers = { ...handlers, ...table };
  }
}

/** The task's slot, mirrored: release and acquire are messages to the main thread. */
function slotOf(id: number, gate: SlotGate, signal: AbortSignal): WorkerSlot {
  let held = gate === "request";
  const key = `${id}:${gate}`;
  return {
    release: () => {
      if (!held) return;
      held = false;
      send({ type: "slot", id, gate, op: "release" });
    },
    acquire: () => {
      if (held) return Promise.resolve();
      if (signal.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          grants.delete(key);
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        grants.set(key, () => {
          signal.removeEventListener("abort", onAbort);
          held = true;
          resolve();
        });
        send({ type: "slot", id, gate, op: "acquire" });
      });
    },
  };
}

/** The task's `call`: a message to the main thread, settled by its `answer`. */
function callOf(id: number, signal: AbortSignal): TaskContext["call"] {
  return (name, payload) => {
    if (signal.aborted) return Promise.reject(signal.reason);
    const call = nextCall++;
    const key = `${id}:${call}`;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        answers.delete(key);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      answers.set(key, (answer) => {
        signal.removeEventListener("abort", onAbort);
        if (answer.error === undefined) resolve(answer.value);
        else reject(new Error(answer.error.message));
      });
      send({ type: "call", id, call, name, payload });
    });
  };
}

async function runTask(message: Extract<ToWorker, { type: "task" }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    await ready;
    const handler = handlers[message.task.type];
    if (!handler) throw new Error(`unknown worker task type "${message.task.type}"`);
    const result = await handler(message.task.payload, {
      signal: controller.signal,
      emit: (event) => send({ type: "event", id: message.id, event }),
      slot: slotOf(message.id, "request", controller.signal),
      checkSlot: slotOf(message.id, "check", controller.signal),
      call: callOf(message.id, controller.signal),
    });
    send({ type: "result", id: message.id, result });
  } catch (error) {
    send({ type: "error", id: message.id, error: serializeError(error) });
  } finally {
    running.delete(message.id);
    grants.delete(`${message.id}:request`);
    grants.delete(`${message.id}:check`);
    for (const key of answers.keys()) if (key.startsWith(`${message.id}:`)) answers.delete(key);
  }
}

addEventListener("message", (event: MessageEvent) => {
  const message: unknown = event.data;
  if (!isToWorker(message)) return;
  if (message.type === "init") {
    ready = loadHandlerModules(message.handlerModules);
    // Warming is an optimisation: a failure shows again, with its real cause, when a task imports the same modules.
    if (message.warm) ready = ready.then(() => warmBuiltins().catch(() => undefined));
  }
  else if (message.type === "task") void runTask(message);
  else if (message.type === "granted") {
    const key = `${message.id}:${message.gate}`;
    const grant = grants.get(key);
    grants.delete(key);
    grant?.();
  } else if (message.type === "answer") {
    const key = `${message.id}:${message.call}`;
    const answer = answers.get(key);
    answers.delete(key);
    answer?.(message);
  } else running.get(message.id)?.abort();
});
