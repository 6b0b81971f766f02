/**
 * The generation inputs of one repair round: a build's inputs (the behaviour
 * stage's gating tests included) plus the `repair` section — the failing
 * tests, why this side was judged wrong and the module's current code. The
 * failing tests also gate a repaired implementation, so a candidate that
 * still fails them is retried within the round with their words.
 */
import type { JauntConfig } from "../../config/types.ts";
import type { GenerationInput, PromptTexts, RepairFailure } from "../../generation/types.ts";
import type { Plan, PlannedModule } from "../../graph/plan-types.ts";
import { generationInputFor } from "../generation-input.ts";
import { prepareRun } from "../prepare-run.ts";
import { generatedBody } from "./failure-context.ts";

/** A module to regenerate this round: the failures that implicate it, why, and (test side) bun's load error. */
export interface PlannedRepair {
  readonly failures: RepairFailure[];
  readonly reasons: string[];
  readonly loadError?: string;
}

/** Module id → its repair input, for `entries` of one side. */
export async function repairInputs(plan: Plan, config: JauntConfig, prompts: PromptTexts, side: "implementation" | "test", entries: ReadonlyMap<PlannedModule, PlannedRepair>, round: number): Promise<Map<string, GenerationInput>> {
  const inputs = new Map<string, GenerationInput>();
  const options = { propertyRuns: config.test.propertyRuns };
  const prepared = await prepareRun(plan, [...entries.keys()], prompts, options);
  for (const [module, entry] of entries) {
    const base = prepared.inputs.get(module.id) ?? (await generationInputFor(plan, module.id, options));
    const currentCode = await generatedBody(plan.root, module.generatedFile);
    const failingFiles = side === "implementation" && config.build.verifyTests ? [...new Set(entry.failures.map((f) => f.file))] : [];
    const gates = [...(base.gatingTests ?? []).filter((g) => !failingFiles.includes(g.file)), ...failingFiles.map((file) => ({ file, origin: "failing" as const }))];
    const reason = [...new Set(entry.reasons)].join("; ");
    inputs.set(module.id, {
      ...base,
      ...(gates.length > 0 ? { gatingTests: gates } : {}),
      repair: {
        side,
        round,
        failures: entry.failures,
        ...(reason ? { reason } : {}),
        ...(currentCode === undefined ? {} : { currentCode }),
        ...(entry.loadError === undefined ? {} : { loadError: entry.loadError }),
      },
    });
  }
  return inputs;
}
