/**
 * What a build or test run needs before scheduling: generation inputs, prompt
 * size estimates (chars ÷ 4, the scheduler's cost weights and the dry-run
 * figure), and the plain settings a Worker rebuilds its client from.
 */
import path from "node:path";
import { loadPromptTemplates } from "../assets/prompts.ts";
import { secretEnvNames } from "../generation/behaviour/run/child-env.ts";
import type { JauntConfig } from "../config/types.ts";
import { removeStaleTempFiles } from "../generated/atomic-write.ts";
import { renderMessages } from "../generation/prompts/render-messages.ts";
import type { GenerationInput, GenerationSettings, PromptTexts } from "../generation/types.ts";
import type { Plan, PlannedModule } from "../graph/plan-types.ts";
import type { DryRunReport } from "./build-report.ts";
import { gatingTestsByModule } from "./gating-tests.ts";
import { generationInputFor, type InputOptions } from "./generation-input.ts";

export interface PreparedRun {
  readonly inputs: ReadonlyMap<string, GenerationInput>;
  readonly estimates: ReadonlyMap<string, number>;
}

export async function promptTexts(config: JauntConfig): Promise<PromptTexts> {
  const templates = await loadPromptTemplates(config);
  return {
    build_system: templates.build_system.text,
    build_module: templates.build_module.text,
    test_system: templates.test_system.text,
    test_module: templates.test_module.text,
  };
}

/** Generation settings for a run (no secrets: Workers read the API key from the environment). */
export function generationSettings(config: JauntConfig, prompts: PromptTexts, offline: boolean): GenerationSettings {
  const { cache } = config;
  // Offline means no network (like npm's and cargo's --offline): the local cache only.
  const remoteCache = cache.remoteUrl === undefined || offline ? undefined : { url: cache.remoteUrl, team: cache.team, tokenEnv: cache.remoteTokenEnv, readOnly: cache.readOnly, timeoutMs: cache.timeoutMs };
  return {
    root: config.root,
    llm: config.llm,
    attempts: config.build.attempts,
    offline,
    prompts,
    behaviour: { exampleTimeoutMs: config.build.exampleTimeoutMs, verifyTests: config.build.verifyTests, secretEnvNames: secretEnvNames(config) },
    ...(remoteCache ? { remoteCache } : {}),
  };
}

/** Inputs and prompt-token estimates for `modules`. */
export async function prepareRun(plan: Plan, modules: readonly PlannedModule[], prompts: PromptTexts, options: InputOptions = {}): Promise<PreparedRun> {
  const inputs = new Map<string, GenerationInput>();
  const estimates = new Map<string, number>();
  const gating = plan.config.build.verifyTests && modules.some((m) => m.kind === "build") ? gatingTestsByModule(plan) : undefined;
  await Promise.all(
    modules.map(async (module) => {
      const base = await generationInputFor(plan, module.id, options);
      const tests = module.kind === "build" ? gating?.get(module.id) : undefined;
      const input = tests && tests.length > 0 ? { ...base, gatingTests: tests } : base;
      const chars = renderMessages(input, prompts).reduce((sum, message) => sum + message.content.length, 0);
      inputs.set(module.id, input);
      estimates.set(module.id, Math.ceil(chars / 4));
    }),
  );
  return { inputs, estimates };
}

/** The `--dry-run` document: what would be generated, in which order, and why. */
export function dryRunReport(plan: Plan, kind: "build" | "test", modules: readonly PlannedModule[], fresh: number, estimates: ReadonlyMap<string, number>, warnings: readonly string[]): DryRunReport {
  const listed = modules.map((module) => ({
    module: module.id,
    kind: module.kind,
    file: module.file,
    generatedFile: module.generatedFile,
    reasons: module.reasons.length > 0 ? module.reasons : ["forced"],
    dependsOn: module.dependsOn,
    estimatedPromptTokens: estimates.get(module.id) ?? 0,
  }));
  return {
    ok: true,
    dryRun: true,
    kind,
    root: plan.root,
    modules: listed,
    fresh,
    estimatedPromptTokens: listed.reduce((sum, module) => sum + module.estimatedPromptTokens, 0),
    orphans: plan.orphans.filter((orphan) => orphan.kind === kind).map((orphan) => orphan.generatedFile),
    warnings,
  };
}

/** Remove temp files a killed run left in the generated folders it is about to write. */
export async function sweepTempFiles(root: string, modules: readonly PlannedModule[]): Promise<string[]> {
  const dirs = new Set(modules.map((module) => path.dirname(path.join(root, module.generatedFile))));
  const removed = await Promise.all([...dirs].map((dir) => removeStaleTempFiles(dir)));
  return removed.flat();
}
