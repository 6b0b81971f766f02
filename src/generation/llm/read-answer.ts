/**
 * From a chat completion to the answer as plain text, or a named failure:
 * content as a string or an array of parts (thinking parts dropped), a
 * refusal, the content filter, a reasoning model that spent its budget on
 * reasoning and gave no answer, an empty answer.
 */
import { isRecord } from "../../support/is-record.ts";
import type { ProviderFailure } from "./failure.ts";
import { errorText } from "./error-words.ts";
import { finishReasonOf, isTruncation } from "./finish-reason.ts";
import { whereOf, type FailureContext } from "./provider-errors.ts";
import { redactText } from "./redact.ts";
import { textOfParts } from "./wire-body.ts";

export type Answer = { readonly ok: true; readonly text: string; readonly finishReason: string | null; readonly truncated: boolean } | ({ readonly ok: false } & ProviderFailure);

const REASONING_PART = new Set(["thinking", "reasoning", "redacted_thinking"]);
/** Finish reasons of a content filter: OpenAI/Azure `content_filter`, Anthropic `refusal`, Gemini `SAFETY`, `RECITATION`, `PROHIBITED_CONTENT`, `BLOCKLIST`, `SPII`. */
const FILTERED = new Set(["content_filter", "refusal", "safety", "recitation", "prohibited_content", "blocklist", "spii"]);

function reasoningOf(message: Readonly<Record<string, unknown>>): string {
  const fields = ["reasoning_content", "reasoning", "thinking"].map((key) => message[key]).filter((v): v is string => typeof v === "string");
  const parts = Array.isArray(message.content)
    ? message.content.filter((p) => isRecord(p) && typeof p.type === "string" && REASONING_PART.has(p.type)).map((p) => (isRecord(p) ? String(p.thinking ?? p.text ?? p.reasoning ?? "") : ""))
    : [];
  return [...fields, ...parts].join("").trim();
}

function fail(failure: ProviderFailure): Answer {
  return { ok: false, ...failure };
}

/** Read the first choice of `completion`. */
export function readAnswer(completion: Readonly<Record<string, unknown>>, ctx: FailureContext, maxTokens: number | undefined): Answer {
  const choices = completion.choices;
  const choice = Array.isArray(choices) ? choices[0] : undefined;
  if (!isRecord(choice)) {
    return fail({ retry: "backoff", code: "generation.bad_response", reason: "response has no choices", message: `${whereOf(ctx)} answered with no choices` });
  }
  const finishReason = finishReasonOf(choice);
  const truncated = isTruncation(finishReason);
  const message = isRecord(choice.message) ? choice.message : {};
  const content = message.content;
  const text = typeof content === "string" ? content : Array.isArray(content) ? textOfParts(content) : typeof choice.text === "string" ? choice.text : "";
  const refusal = typeof message.refusal === "string" ? message.refusal.trim() : "";

  if (refusal && text.trim() === "") {
    return fail({
      retry: "once",
      code: "generation.refused",
      reason: "refusal",
      message: `the model refused: ${redactText(refusal, ctx.endpoint.apiKey)}`,
      hint: "reword the spec or its prompt option if it could read as a harmful request, or pick another model",
    });
  }
  if (finishReason !== null && FILTERED.has(finishReason.toLowerCase())) {
    const said = refusal || (isRecord(choice.error) ? errorText(choice.error) : "");
    return fail({
      retry: "once",
      code: "generation.content_filtered",
      reason: "content filter",
      message: `the provider's content filter stopped the answer (finish_reason "${finishReason}")${said ? `: ${redactText(said, ctx.endpoint.apiKey)}` : ""}`,
      hint: "reword the spec or its prompt option, or pick another model or provider",
    });
  }
  // DeepSeek: "the request is interrupted due to insufficient resource of the inference system" — another request may finish.
  if (finishReason === "insufficient_system_resource") {
    return fail({
      retry: "backoff",
      code: "generation.provider_unavailable",
      reason: "server out of resources mid-answer",
      message: `${whereOf(ctx)} stopped the answer part-way: the server ran out of resources (finish_reason "${finishReason}")`,
    });
  }
  if (text.trim() === "") {
    if (reasoningOf(message) !== "") {
      return fail({
        retry: "once",
        code: "generation.reasoning_only",
        reason: "reasoning but no answer",
        message: `the model returned reasoning but no answer (finish_reason "${finishReason ?? "none"}"${maxTokens ? `, max_tokens ${maxTokens}` : ""}) — raise max_tokens or pick a non-reasoning model`,
        hint: "raise [llm] max_tokens (reasoning counts against it), lower the model's reasoning effort, or pick a non-reasoning model",
      });
    }
    // An empty answer cut off at the limit (in any dialect) goes back to generation, which reports the truncation.
    if (!truncated) {
      return fail({ retry: "once", code: "generation.bad_response", reason: "empty answer", message: `${whereOf(ctx)} answered with an empty message (finish_reason "${finishReason ?? "none"}")` });
    }
  }
  return { ok: true, text, finishReason, truncated };
}
