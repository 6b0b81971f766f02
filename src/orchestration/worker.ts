/**
 * Worker entry: runs tasks posted by the WorkerPool, one at a time, looking
 * the handler up by task type (built-ins plus handler modules named in the
 * `init` message). Must be a separate entrypoint of `bun build --compile`.
 */
import { BUILTIN_HANDLERS } from "./builtin-handlers.ts";
import {
  isHandlerTable,
  isToWorker,
  serializeError,
  type FromWorker,
  type HandlerTable,
  type ToWorker,
} from "./worker-protocol.ts";

let handlers: HandlerTable = BUILTIN_HANDLERS;
let ready: Promise<void> = Promise.resolve();
const running = new Map<number, AbortController>();

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
    });
    send({ type: "result", id: message.id, result });
  } catch (error) {
    send({ type: "error", id: message.id, error: serializeError(error) });
  } finally {
    running.delete(message.id);
  }
}

addEventListener("message", (event: MessageEvent) => {
  const message: unknown = event.data;
  if (!isToWorker(message)) return;
  if (message.type === "init") ready = loadHandlerModules(message.handlerModules);
  else if (message.type === "task") void runTask(message);
  else running.get(message.id)?.abort();
});
