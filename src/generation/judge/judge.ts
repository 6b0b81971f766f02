/**
 * The judge of a repair round: one short model call that reads the spec, the
 * failing tests (their code and failures) and the implementation, and says
 * which side contradicts the spec. Its answer starts with `VERDICT:
 * implementation` or `VERDICT: test` and gives a one-line reason; an answer
 * without a verdict counts as `implementation` (not asked again) and says so.
 * Answers are cached by prompt like module answers, so an offline replay
 * decides the same way.
 */
import { JauntGenerationError } from "@jaunt/runtime";
import { cacheKey, defaultCacheDir, readCache, writeCache } from "../cache/response-cache.ts";
import { addUsage, estimateCost, NO_USAGE } from "../cost.ts";
import { chatClientFor } from "../llm/client-for.ts";
import { ProviderError } from "../llm/failure.ts";
import { failuresList } from "../prompts/repair-sections.ts";
import { renderTemplate } from "../prompts/render-template.ts";
import type { ChatMessage, GenerationSettings, RepairFailure, TokenUsage } from "../types.ts";

export interface JudgeInput {
  /** The implementation's spec module (`src/slug`) and its source. */
  readonly module: string;
  readonly specSource: string;
  /** The failing test module (`tests/slug`) and its test spec source. */
  readonly testModule: string;
  readonly testSpecSource: string;
  readonly failures: readonly RepairFailure[];
  readonly implementationFile: string;
  /** The implementation's code (without the Jaunt header). */
  readonly implementation: string;
}

export type JudgeOutcome =
  | {
      readonly ok: true;
      readonly side: "implementation" | "test";
      /** The judge's one-line reason (or why it counts as `implementation`). */
      readonly reason: string;
      /** False when the answer had no `VERDICT:` line. */
      readonly verdictGiven: boolean;
      readonly usage: TokenUsage;
      readonly costUsd?: number;
      readonly cached: boolean;
    }
  | { readonly ok: false; readonly message: string; readonly usage: TokenUsage; readonly costUsd?: number };

/** Longest reason kept from a judge's answer. */
const REASON_LIMIT = 300;

/** The chat messages of a judge call from `template` (prompts/judge.md or its `[prompts] judge` override). */
export function judgeMessages(input: JudgeInput, template: string): ChatMessage[] {
  const content = renderTemplate("judge", template, {
    module: input.module,
    test_module: input.testModule,
    spec_source: input.specSource.trimEnd(),
    test_spec_source: input.testSpecSource.trimEnd(),
    failures: failuresList(input.failures, true),
    implementation: input.implementation.trimEnd(),
    implementation_file: input.implementationFile,
  });
  return [{ role: "user", content }];
}

/** Read a judge's answer: the first `VERDICT:` line decides; the next non-empty line is the reason. */
export function parseVerdict(answer: string): { side: "implementation" | "test"; reason: string; verdictGiven: boolean } {
  const lines = answer.split(/\r?\n/).map((line) => line.replace(/^[\s>*_`#-]+|[\s*_`]+$/g, ""));
  const at = lines.findIndex((line) => /^VERDICT\s*:/i.test(line));
  const side = at >= 0 ? /^VERDICT\s*:\s*(implementation|test)\b/i.exec(lines[at] ?? "")?.[1]?.toLowerCase() : undefined;
  if (side !== "implementation" && side !== "test") {
    const said = answer.trim().split(/\r?\n/)[0] ?? "";
    return { side: "implementation", reason: `the judge gave no verdict (it said: "${said.slice(0, 120)}"); counted as implementation`, verdictGiven: false };
  }
  const rest = lines.slice(at + 1).find((line) => line.trim() !== "") ?? (lines[at] ?? "").replace(/^VERDICT\s*:\s*\w+\s*[—:-]?\s*/i, "");
  const reason = rest.trim().replace(/^reason\s*:\s*/i, "");
  return { side, reason: reason.length > REASON_LIMIT ? `${reason.slice(0, REASON_LIMIT)}…` : reason, verdictGiven: true };
}

/**
 * Ask the judge about `input`. Provider failures and offline misses come back as `ok: false` (that
 * module is not repaired this round); configuration problems (no API key) throw `JauntConfigError`;
 * an abort rejects with the signal's reason.
 */
export async function judgeFailure(input: JudgeInput, template: string, settings: GenerationSettings, signal?: AbortSignal): Promise<JudgeOutcome> {
  const { llm } = settings;
  const messages = judgeMessages(input, template);
  const cacheDir = settings.cacheDir ?? defaultCacheDir(settings.root);
  const key = cacheKey(llm, messages);
  const hit = settings.noCache ? undefined : await readCache(cacheDir, key);
  if (hit) return { ok: true, ...parseVerdict(hit.code), usage: NO_USAGE, costUsd: 0, cached: true };
  if (settings.offline) return { ok: false, message: `offline and no cached judge answer for ${input.testModule}`, usage: NO_USAGE };
  let usage: TokenUsage = NO_USAGE;
  const priced = (): { costUsd?: number } => {
    const cost = estimateCost(llm.model, usage, llm.prices);
    return cost === undefined ? {} : { costUsd: cost };
  };
  try {
    const client = chatClientFor(llm, settings);
    const completion = await client.complete(messages, signal ? { signal } : {});
    usage = addUsage(usage, completion.usage);
    if (!settings.noCache) await writeCache(cacheDir, key, { format: 1, module: `judge:${input.testModule}`, model: llm.model, code: completion.text, usage, createdAt: new Date().toISOString() });
    return { ok: true, ...parseVerdict(completion.text), usage, ...priced(), cached: false };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof ProviderError) usage = addUsage(usage, error.usage);
    if (error instanceof JauntGenerationError) return { ok: false, message: `the judge's request failed: ${error.message}`, usage, ...priced() };
    throw error;
  }
}
