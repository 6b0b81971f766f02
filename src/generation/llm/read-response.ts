/**
 * One response, read: the answer, or the failure it stands for, plus the
 * tokens it reports (failed responses are billed too).
 */
import type { TokenUsage } from "../types.ts";
import { errorOfBody } from "./error-words.ts";
import type { ProviderFailure } from "./failure.ts";
import { classifyEmbedded, classifyHttp, whereOf, type FailureContext } from "./provider-errors.ts";
import { readAnswer } from "./read-answer.ts";
import { redactText } from "./redact.ts";
import { describeBody, readWireBody, usageOf } from "./wire-body.ts";

export type Outcome = { readonly ok: true; readonly text: string; readonly finishReason: string | null } | { readonly ok: false; readonly failure: ProviderFailure };

export interface ReadResponse {
  readonly outcome: Outcome;
  readonly usage?: TokenUsage | undefined;
}

/** A 2xx body of a request that carried the parameters `sent`. */
export function readSuccess(text: string, contentType: string | null, sent: readonly string[], ctx: FailureContext, maxTokens: number | undefined): ReadResponse {
  const wire = readWireBody(text, contentType);
  if (wire.kind === "completion") {
    const answer = readAnswer(wire.completion, ctx, maxTokens);
    return { outcome: answer.ok ? answer : { ok: false, failure: answer }, usage: usageOf(wire.completion) };
  }
  if (wire.kind === "error") return { outcome: { ok: false, failure: classifyEmbedded(wire.error, sent, ctx) }, usage: wire.usage };
  if (wire.kind === "malformed") {
    return { outcome: { ok: false, failure: { retry: "backoff", code: "generation.bad_response", reason: "malformed JSON response", message: `${whereOf(ctx)} sent JSON that breaks off (${redactText(wire.detail, ctx.endpoint.apiKey)})` } } };
  }
  const failure: ProviderFailure = {
    retry: "once",
    code: "generation.bad_response",
    reason: "not a chat completion",
    message: `${whereOf(ctx)} did not answer with a chat completion (${redactText(wire.detail, ctx.endpoint.apiKey)})`,
    hint: "check [llm] base_url: it should be the API root (usually ending in /v1), not a web page or proxy login",
  };
  return { outcome: { ok: false, failure } };
}

export interface HttpErrorInput {
  readonly status: number;
  /** The whole error body, when it was kept. */
  readonly body: { readonly text: string; readonly contentType: string | null } | undefined;
  /** What the SDK made of it (used when the body was not kept). */
  readonly sdkError: unknown;
  readonly sdkMessage: string;
  readonly retryAfter: string | null | undefined;
}

/** A non-2xx response, quoted from its body. */
export function readHttpError(input: HttpErrorInput, sent: readonly string[], ctx: FailureContext): ReadResponse {
  const body = input.body ?? { text: "", contentType: null };
  const parsed = errorOfBody(body.text, body.contentType);
  let usage: TokenUsage | undefined;
  try {
    usage = usageOf(JSON.parse(body.text));
  } catch {
    usage = undefined; // not JSON: no usage to count
  }
  const words = parsed.words || (body.text ? describeBody(body.text, body.contentType) : input.sdkMessage);
  const failure = classifyHttp({ status: input.status, error: parsed.error ?? input.sdkError, words, retryAfter: input.retryAfter, sent }, ctx);
  return { outcome: { ok: false, failure }, usage };
}
