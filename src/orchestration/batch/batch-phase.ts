/**
 * The batch step of a build, before scheduling: with `--batch`, the first
 * answers from a Batch API batch (`collect-batch.ts`); without it, a warning
 * when a batch is still pending (this build would pay for its modules again).
 */
import type { GenerationInput, GenerationSettings, PrefetchedAnswer } from "../../generation/types.ts";
import type { PlannedModule } from "../../graph/plan-types.ts";
import { readBatchRecord } from "./batch-record.ts";

export interface BatchPhaseOptions {
  readonly batch: boolean;
  readonly root: string;
  readonly modules: readonly PlannedModule[];
  readonly inputs: ReadonlyMap<string, GenerationInput>;
  readonly settings: GenerationSettings;
  readonly reroll: ReadonlySet<string>;
  readonly signal?: AbortSignal | undefined;
  readonly pollMs?: { readonly first: number; readonly max: number } | undefined;
  readonly onNote?: ((text: string) => void) | undefined;
  readonly onWarning: (message: string) => void;
}

/** First answers by module id (empty without `--batch`). An interrupted wait leaves `signal` aborted: the run then starts nothing. */
export async function batchPhase(options: BatchPhaseOptions): Promise<ReadonlyMap<string, PrefetchedAnswer>> {
  if (!options.batch) {
    const pending = options.modules.length > 0 ? readBatchRecord(options.root) : undefined;
    if (pending) {
      options.onWarning(`batch ${pending.id} is still pending (submitted ${pending.submittedAt}); this build asks the model directly — \`jaunt build --batch\` would collect the batch's answers instead`);
    }
    return new Map();
  }
  const { collectBatch } = await import("./collect-batch.ts");
  const outcome = await collectBatch({
    modules: options.modules,
    inputs: options.inputs,
    settings: options.settings,
    reroll: options.reroll,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.onNote ? { onNote: options.onNote } : {}),
  });
  for (const warning of outcome.warnings) options.onWarning(warning);
  return outcome.prefetched;
}
