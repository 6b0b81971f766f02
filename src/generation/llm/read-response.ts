/**
 * One response, read: the answer, or the failure it stands for, plus the
 * tokens it reports (failed responses are billed too).
 */
import type { TokenUsage } from "../types.ts";
import { errorOfBody } from "./error-words.ts";
import type { Exchange } from "./exchange.ts";
import { pageSummary } from "./html-page.ts";
import type { ProviderFailure } from "./failure.ts";
import { classifyEmbedded, classifyHttp, whereOf, type FailureContext } from "./provider-errors.ts";
import { readAnswer } from "./read-answer.ts";
import { redactText } from "./redact.ts";
import { serverWait } from "./wait-time.ts";
import { describeBody, readWireBody, usageOf } from "./wire-body.ts";

export type Outcome = { readonly ok: true; readonly text: string; readonly finishReason: string | null; readonly truncated: boolean } | { readonly ok: false; readonly failure: ProviderFailure };

export interface ReadResponse {
  readonly outcome: Outcome;
  readonly usage?: TokenUsage | undefined;
}

/**
 * A 2xx body of a request that carried the parameters `sent`. `undecodable`
 * names the `content-encoding` the body claimed but is not in (its raw text
 * is read as is: a mislabelled plain answer is still the answer).
 */
export function readSuccess(text: string, contentType: string | null, sent: readonly string[], ctx: FailureContext, maxTokens: number | undefined, undecodable?: string): ReadResponse {
  const wire = readWireBody(text, contentType);
  if (undecodable !== undefined && wire.kind !== "completion" && wire.kind !== "error") {
    const failure: ProviderFailure = {
      retry: "backoff",
      code: "generation.bad_response",
      reason: `undecodable ${undecodable} body`,
      message: `${whereOf(ctx)} (HTTP 200) sent a body labelled content-encoding ${undecodable} that is not in that encoding${text ? ` (${redactText(describeBody(text, contentType), ctx.endpoint.apiKey)})` : ""}`,
      hint: "a proxy between Jaunt and the server may be mangling responses; check [llm] base_url and the proxy",
    };
    return { outcome: { ok: false, failure } };
  }
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
  /** The whole response as received, when it was recorded. */
  readonly exchange: Exchange | undefined;
  /** What the SDK made of it (used when the response was not recorded). */
  readonly sdkError: unknown;
  readonly sdkMessage: string;
  readonly sdkHeaders: Headers | undefined;
}

/**
 * A non-2xx response, quoted from its body, with the wait the server asked
 * for; a web page is read for what it says; a body that is not in the
 * encoding its header claims keeps the status and whatever text it has.
 */
export function readHttpError(input: HttpErrorInput, sent: readonly string[], ctx: FailureContext): ReadResponse {
  const exchange = input.exchange;
  const body = exchange ?? { text: "", contentType: null };
  const headers = exchange?.headers ?? input.sdkHeaders;
  const parsed = errorOfBody(body.text, body.contentType);
  // JSON mislabelled text/html is the server's own error, not a page.
  const page = body.text && parsed.error === undefined ? pageSummary(body.text, body.contentType) : undefined;
  let usage: TokenUsage | undefined;
  try {
    usage = usageOf(JSON.parse(body.text));
  } catch {
    usage = undefined; // not JSON: no usage to count
  }
  const read = parsed.words || (body.text ? describeBody(body.text, body.contentType) : input.sdkMessage);
  const words = exchange?.undecodable === undefined ? read : `${body.text ? read : "no readable text"} (the body is labelled content-encoding ${exchange.undecodable} but is not in that encoding)`;
  const error = parsed.error ?? input.sdkError;
  const wait = serverWait(headers, error, words);
  const failure = classifyHttp({ status: input.status, error, words, wait, page, server: headers?.get("server"), sent }, ctx);
  return { outcome: { ok: false, failure }, usage };
}
