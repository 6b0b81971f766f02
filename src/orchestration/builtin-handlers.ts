/**
 * The task types every generation Worker knows. The generation backend (the
 * LLM client, the TypeScript checker) loads lazily on the first task, so an
 * idle Worker stays small.
 */
import type { GenerationInput, GenerationSettings } from "../generation/types.ts";
import type { CheckRequest } from "../generation/validate/type-check.ts";
import type { HandlerTable } from "./worker-protocol.ts";
import { isRecord } from "../support/is-record.ts";

export interface GeneratePayload {
  readonly input: GenerationInput;
  readonly settings: GenerationSettings;
}

/** Shallow shape check of a `generate` payload; the data came from our own main thread. */
export function isGeneratePayload(value: unknown): value is GeneratePayload {
  return (
    isRecord(value) &&
    isRecord(value.input) &&
    typeof value.input.module === "string" &&
    Array.isArray(value.input.specs) &&
    isRecord(value.settings) &&
    typeof value.settings.root === "string" &&
    isRecord(value.settings.llm)
  );
}

/**
 * Load what a `generate` task needs before it needs it (the generation
 * modules, the `openai` SDK: ~100 ms), while the main thread is still
 * preparing the run; the TypeScript parser stays lazy (~300 ms, needed only
 * once an answer arrives).
 */
export async function warmBuiltins(): Promise<void> {
  await import("../generation/generate-module.ts");
  const { loadSdk } = await import("../generation/llm/chat-client.ts");
  await loadSdk();
}

/** The main-thread service a `generate` task's type checks go to (RunTaskOptions.calls; generate-in-pool.ts offers it). */
export const TYPE_CHECK_CALL = "type-check";

export const BUILTIN_HANDLERS: HandlerTable = {
  generate: async (payload, context) => {
    if (!isGeneratePayload(payload)) throw new Error("malformed generate task");
    const { generateModule } = await import("../generation/generate-module.ts");
    // Type checks go to the main thread, which shares `bun check` processes between modules (check-batcher.ts).
    const runCheck = async (request: CheckRequest): Promise<string> => {
      const output = await context.call(TYPE_CHECK_CALL, request);
      if (typeof output !== "string") throw new Error("malformed type-check answer");
      return output;
    };
    return generateModule(payload.input, payload.settings, { signal: context.signal, onEvent: context.emit, slot: context.slot, checkSlot: context.checkSlot, runCheck });
  },
};
