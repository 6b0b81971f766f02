/**
 * The task types every generation Worker knows. The generation backend (the
 * LLM client, the TypeScript checker) loads lazily on the first task, so an
 * idle Worker stays small.
 */
import type { GenerationInput, GenerationSettings } from "../generation/types.ts";
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

export const BUILTIN_HANDLERS: HandlerTable = {
  generate: async (payload, context) => {
    if (!isGeneratePayload(payload)) throw new Error("malformed generate task");
    const { generateModule } = await import("../generation/generate-module.ts");
    return generateModule(payload.input, payload.settings, { signal: context.signal, onEvent: context.emit, slot: context.slot, checkSlot: context.checkSlot });
  },
};
