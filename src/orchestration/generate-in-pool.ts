/** Run `generateModule` in a pool Worker, with typed input and result. */
import { JauntGenerationError } from "@jaunt/runtime";
import type { GenerationEvent, GenerationInput, GenerationResult, GenerationSettings, RequestSlot } from "../generation/types.ts";
import type { WorkerPool } from "./worker-pool.ts";
import { isRecord } from "../support/is-record.ts";

function isGenerationResult(value: unknown): value is GenerationResult {
  return isRecord(value) && typeof value.module === "string" && typeof value.ok === "boolean" && isRecord(value.usage);
}

function isGenerationEvent(value: unknown): value is GenerationEvent {
  return isRecord(value) && typeof value.type === "string" && typeof value.module === "string";
}

export interface PoolGenerationHooks {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: GenerationEvent) => void;
  /** The scheduler slot the generation holds while it waits on the model (see RequestSlot). */
  readonly slot?: RequestSlot;
  /** Held while a candidate is validated. */
  readonly checkSlot?: RequestSlot;
}

/** Generate one module in a Worker. Rejects on abort, a Worker crash, or a config error. */
export async function generateInPool(
  pool: WorkerPool,
  input: GenerationInput,
  settings: GenerationSettings,
  hooks: PoolGenerationHooks = {},
): Promise<GenerationResult> {
  const result = await pool.run(
    { type: "generate", payload: { input, settings } },
    {
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.slot ? { slot: hooks.slot } : {}),
      ...(hooks.checkSlot ? { checkSlot: hooks.checkSlot } : {}),
      onEvent: (event) => {
        if (isGenerationEvent(event)) hooks.onEvent?.(event);
      },
    },
  );
  if (!isGenerationResult(result)) throw new JauntGenerationError(`${input.module}: malformed result from the generation worker`, "generation.worker_error");
  return result;
}
