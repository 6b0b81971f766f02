/**
 * The meaning check (`[build] semantic_gate`): one short question to the
 * gate model about a spec edit that changed only comment or JSDoc text —
 * does the edit change what the code must do? The answer's first line
 * decides: `UNCHANGED` (the module is stamped, not regenerated), `CHANGED`,
 * or anything else, which counts as changed: an unreadable answer never
 * saves a regeneration.
 */
import type { LlmConfig } from "../../config/types.ts";
import { estimateCost } from "../cost.ts";
import { chatClientFor } from "../llm/client-for.ts";
import type { ChatMessage, TokenUsage } from "../types.ts";

/** One spec whose comment or JSDoc text changed (meaning texts, as `status` records them). */
export interface CommentEdit {
  readonly ref: string;
  readonly before: string;
  readonly after: string;
  /** Word diff (`[-old-] {+new+}`). */
  readonly diff: string;
}

export type Verdict = "unchanged" | "changed" | "unclear";

export interface MeaningAnswer {
  readonly verdict: Verdict;
  /** The model's few words of why (quotes and leading punctuation removed), or "" when none. */
  readonly note: string;
}

export interface MeaningCheck extends MeaningAnswer {
  readonly usage: TokenUsage;
  /** Estimated USD; undefined when the model's price is unknown. */
  readonly costUsd: number | undefined;
  readonly model: string;
}

export const MEANING_CHECK_SYSTEM = [
  "You check edits to the comments and JSDoc of a code specification (the code tokens did not change).",
  "Decide whether the edit changes what an implementation must do: its behaviour, inputs, outputs, errors or examples.",
  "Fixing a typo, rewording, reformatting or clarifying without changing the contract does not.",
  "Reply with one line: UNCHANGED or CHANGED, then a dash and at most eight words saying why.",
].join("\n");

/** The question's messages for `edits` of `module`. */
export function meaningCheckMessages(module: string, edits: readonly CommentEdit[]): ChatMessage[] {
  const parts = edits.map((e) => `Spec ${e.ref}\nBefore:\n${e.before}\nAfter:\n${e.after}\nChanged words: ${e.diff}`);
  return [
    { role: "system", content: MEANING_CHECK_SYSTEM },
    { role: "user", content: `Meaning check for module ${module}.\n\n${parts.join("\n\n")}` },
  ];
}

/** Read an answer: its first non-empty line decides; the rest of that line (or the next) is the note. */
export function readVerdict(answer: string): MeaningAnswer {
  const lines = answer.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const first = (lines[0] ?? "").replace(/^[*_`#>\s]+/, "");
  const match = /^(UNCHANGED|CHANGED)\b[*_`]*\s*(.*)$/i.exec(first);
  if (!match) return { verdict: "unclear", note: first.slice(0, 80) };
  const rest = (match[2] ?? "").replace(/^[\s:—–\-.,]+/, "").trim() || (lines[1] ?? "");
  const note = rest.replace(/^["'“”]+|["'“”.]+$/g, "").trim().slice(0, 80);
  return { verdict: match[1]?.toUpperCase() === "UNCHANGED" ? "unchanged" : "changed", note };
}

/**
 * Ask the gate model (`gateModel`, else `llm.model`) about `edits`, through
 * the same client and endpoint rules as generation. Tokens of failed
 * requests count too (ProviderError.usage). @throws ProviderError / JauntError as generation does.
 */
export async function askMeaningCheck(root: string, llm: LlmConfig, module: string, edits: readonly CommentEdit[], signal?: AbortSignal): Promise<MeaningCheck> {
  const gate: LlmConfig = { ...llm, model: llm.gateModel ?? llm.model };
  const client = chatClientFor(gate, { root });
  // A failed request throws ProviderError carrying its usage: the caller counts it.
  const completion = await client.complete(meaningCheckMessages(module, edits), signal ? { signal } : {});
  const usage: TokenUsage = completion.usage;
  return { ...readVerdict(completion.text), usage, costUsd: estimateCost(gate.model, usage, gate.prices), model: gate.model };
}
