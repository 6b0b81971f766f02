/**
 * The Batch API's files, written and read: one JSONL request line per module
 * (`custom_id`, `POST /v1/chat/completions`, the module's first-attempt
 * messages), and the output and error files' lines turned into each module's
 * first answer — or the reason there is none, in the provider's words.
 * Reference: https://platform.openai.com/docs/guides/batch
 */
import type { LlmConfig } from "../../config/types.ts";
import { isRecord } from "../../support/is-record.ts";
import type { Endpoint } from "../llm/endpoint.ts";
import { errorText } from "../llm/error-words.ts";
import type { FailureContext } from "../llm/provider-errors.ts";
import { readSuccess } from "../llm/read-response.ts";
import { redactText } from "../llm/redact.ts";
import { initialShape, requestParams } from "../llm/request-shape.ts";
import type { ChatMessage, PrefetchedAnswer } from "../types.ts";

/** `src/slug#3f2a…`: the module and the first 16 hex digits of its request's cache key. */
export function batchCustomId(module: string, key: string): string {
  return `${module}#${key.slice(0, 16)}`;
}

/** One request line of the batch input file. Batches do not stream: `stream` is left out. */
export function batchRequestLine(customId: string, llm: LlmConfig, baseUrl: string, messages: readonly ChatMessage[]): string {
  const { stream: _stream, ...params } = requestParams(llm, initialShape(baseUrl));
  const body = { model: llm.model, messages: messages.map((m) => ({ role: m.role, content: m.content })), ...params };
  return JSON.stringify({ custom_id: customId, method: "POST", url: "/v1/chat/completions", body });
}

export type BatchLineResult = { readonly ok: true; readonly answer: PrefetchedAnswer } | { readonly ok: false; readonly reason: string };

/**
 * Each `custom_id`'s result from the output and error files' text: the answer
 * of a 200 line, read like a chat response; otherwise the reason (HTTP status
 * and the provider's words, `batch_expired`, …). Unreadable lines are skipped.
 */
export function readBatchResults(files: readonly string[], llm: LlmConfig, endpoint: Endpoint): Map<string, BatchLineResult> {
  const ctx: FailureContext = { endpoint, model: llm.model, apiKeyEnv: llm.apiKeyEnv, timeoutSeconds: llm.timeoutSeconds };
  const results = new Map<string, BatchLineResult>();
  for (const text of files) {
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (!isRecord(entry) || typeof entry.custom_id !== "string") continue;
      results.set(entry.custom_id, lineResult(entry, llm, ctx));
    }
  }
  return results;
}

function lineResult(entry: Record<string, unknown>, llm: LlmConfig, ctx: FailureContext): BatchLineResult {
  const clean = (words: string): string => redactText(words, ctx.endpoint.apiKey).replace(/\s+/g, " ").trim().slice(0, 300);
  if (entry.error !== undefined && entry.error !== null) {
    const code = isRecord(entry.error) && typeof entry.error.code === "string" ? `${entry.error.code}: ` : "";
    return { ok: false, reason: clean(`${code}${errorText(entry.error)}`) };
  }
  const response = isRecord(entry.response) ? entry.response : undefined;
  const status = typeof response?.status_code === "number" ? response.status_code : undefined;
  if (!response || status === undefined) return { ok: false, reason: "the line has no response" };
  const body = response.body;
  if (status < 200 || status > 299) {
    const error = isRecord(body) && body.error !== undefined ? body.error : body;
    return { ok: false, reason: clean(`HTTP ${status}: ${errorText(error)}`) };
  }
  const read = readSuccess(typeof body === "string" ? body : JSON.stringify(body), "application/json", [], ctx, llm.maxTokens);
  if (!read.outcome.ok) return { ok: false, reason: read.outcome.failure.message };
  const { text, finishReason, truncated } = read.outcome;
  return { ok: true, answer: { text, finishReason, truncated, usage: read.usage ?? { promptTokens: 0, completionTokens: 0 } } };
}
