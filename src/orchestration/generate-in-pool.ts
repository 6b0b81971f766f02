/** Run `generateModule` in a pool Worker, with typed input and result. */
import { JauntGenerationError } from "@jaunt/runtime";
import type { GenerationEvent, GenerationInput, GenerationResult, GenerationSettings, RequestSlot } from "../generation/types.ts";
import { checkAlone, type CheckRequest, type CheckRunner } from "../generation/validate/type-check.ts";
import { TYPE_CHECK_CALL } from "./builtin-handlers.ts";
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
  /** Held while a candidate's behaviour stage runs. */
  readonly checkSlot?: RequestSlot;
  /** Runs the Worker's type checks on this thread (a run shares them: check-batcher.ts); default: a process each. */
  readonly runCheck?: CheckRunner;
}

function isCheckRequest(value: unknown): value is CheckRequest {
  return (
    isRecord(value) &&
    typeof value.root === "string" &&
    Array.isArray(value.flags) &&
    value.flags.every((f) => typeof f === "string") &&
    Array.isArray(value.files) &&
    value.files.every((f) => typeof f === "string") &&
    (value.tsconfig === undefined || typeof value.tsconfig === "string") &&
    (value.project === undefined || typeof value.project === "string")
  );
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
      calls: {
        [TYPE_CHECK_CALL]: (request) => {
          if (!isCheckRequest(request)) return Promise.reject(new Error("malformed type-check request"));
          return hooks.runCheck ? hooks.runCheck(request) : checkAlone(request, hooks.signal);
        },
      },
      onEvent: (event) => {
        if (isGenerationEvent(event)) hooks.onEvent?.(event);
      },
    },
  );
  if (!isGenerationResult(result)) throw new JauntGenerationError(`${input.module}: malformed result from the generation worker`, "generation.worker_error");
  return result;
}
