/**
 * The LLM client: the `openai` SDK (lazy-imported; it is heavy) pointed at any
 * OpenAI-compatible server, with OUR retry loop (the SDK's own retries are off
 * so behaviour is explicit and testable). Every response is read by us — the
 * body as text, whatever its shape — so a failure is named in the server's
 * words, retried only when another request can help, and its tokens counted.
 */
import type { ClientOptions } from "openai";
import type { LlmConfig } from "../../config/types.ts";
import { addUsage, NO_USAGE } from "../cost.ts";
import type { ChatMessage, TokenUsage } from "../types.ts";
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffSettings } from "./backoff.ts";
import type { Endpoint } from "./endpoint.ts";
import { ProviderError, type ProviderFailure } from "./failure.ts";
import { classifyEmbedded, classifyHttp, classifyThrown, errorOfBody, whereOf, type FailureContext, type OpenAIModule } from "./provider-errors.ts";
import { readAnswer } from "./read-answer.ts";
import { initialShape, requestParams, reshape, settingOf, type RequestShape } from "./request-shape.ts";
import { describeBody, readWireBody, usageOf } from "./wire-body.ts";

export interface ChatCompletion {
  /** The answer text ("" when the server sent no content). */
  readonly text: string;
  readonly finishReason: string | null;
  /** Tokens of every request made for this completion, failed ones included. */
  readonly usage: TokenUsage;
  /** Provider retries used. */
  readonly retries: number;
}

/** A retry about to happen, for progress lines. */
export interface RetryNotice {
  /** 1-based retry number. */
  readonly retry: number;
  /** `[llm] max_retries`. */
  readonly maxRetries: number;
  readonly delayMs: number;
  /** Short: `HTTP 529`. */
  readonly reason: string;
  /** The failure in the provider's words (redacted). */
  readonly detail: string;
}

export interface CompleteOptions {
  readonly signal?: AbortSignal;
  readonly onRetry?: (notice: RetryNotice) => void;
  /** The request shape changed after the server rejected a parameter (say so under --verbose; reuse it). */
  readonly onReshape?: (note: string, shape: RequestShape) => void;
}

export interface ChatClient {
  complete(messages: readonly ChatMessage[], options?: CompleteOptions): Promise<ChatCompletion>;
}

let sdkPromise: Promise<OpenAIModule> | undefined;
function loadSdk(): Promise<OpenAIModule> {
  sdkPromise ??= import("openai");
  return sdkPromise;
}

type Fetch = NonNullable<ClientOptions["fetch"]>;
type Outcome = { readonly ok: true; readonly text: string; readonly finishReason: string | null } | { readonly ok: false; readonly failure: ProviderFailure };

/**
 * A client for `llm` at `endpoint`. `shape` is a request shape learned earlier
 * in the run (after a server rejected a parameter).
 */
export function createChatClient(llm: LlmConfig, endpoint: Endpoint, backoff: BackoffSettings = DEFAULT_BACKOFF, shape?: RequestShape): ChatClient {
  const ctx: FailureContext = { endpoint, model: llm.model, apiKeyEnv: llm.apiKeyEnv, timeoutSeconds: llm.timeoutSeconds };
  let current = initialShape(endpoint.baseUrl, shape);
  return {
    async complete(messages, options = {}) {
      const sdk = await loadSdk();
      // The SDK reads an error body and keeps only part of it; keep the whole text to quote the server.
      let errorBody: { readonly text: string; readonly contentType: string | null } | undefined;
      const keepErrorBody: Fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (response.ok) return response;
        const text = await response.text();
        errorBody = { text, contentType: response.headers.get("content-type") };
        return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
      };
      const client = new sdk.OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseUrl, timeout: llm.timeoutSeconds * 1000, maxRetries: 0, fetch: keepErrorBody });
      let usage = NO_USAGE;
      const count = (more: TokenUsage | undefined): void => {
        if (more) usage = addUsage(usage, more);
      };

      const requestOnce = async (params: Record<string, number | boolean>): Promise<Outcome> => {
        errorBody = undefined;
        const timeout = AbortSignal.timeout(llm.timeoutSeconds * 1000);
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
        try {
          const body = { model: llm.model, messages: messages.map((m) => ({ role: m.role, content: m.content })), ...params };
          const response = await client.chat.completions.create(body, { signal }).asResponse();
          const contentType = response.headers.get("content-type");
          const wire = readWireBody(await response.text(), contentType);
          if (wire.kind === "completion") {
            count(usageOf(wire.completion));
            const answer = readAnswer(wire.completion, ctx, llm.maxTokens);
            return answer.ok ? answer : { ok: false, failure: answer };
          }
          if (wire.kind === "error") {
            count(wire.usage);
            return { ok: false, failure: classifyEmbedded(wire.error, Object.keys(params), ctx) };
          }
          if (wire.kind === "malformed") {
            return { ok: false, failure: { retry: "backoff", code: "generation.bad_response", reason: "malformed JSON response", message: `${whereOf(ctx)} sent JSON that breaks off (${wire.detail})` } };
          }
          return {
            ok: false,
            failure: { retry: "once", code: "generation.bad_response", reason: "not a chat completion", message: `${whereOf(ctx)} did not answer with a chat completion (${wire.detail})`, hint: "check [llm] base_url: it should be the API root (usually ending in /v1), not a web page or proxy login" },
          };
        } catch (error) {
          if (options.signal?.aborted) throw options.signal.reason;
          if (timeout.aborted) return { ok: false, failure: classifyThrown(sdk, new sdk.APIConnectionTimeoutError(), ctx) };
          if (error instanceof sdk.APIError && typeof error.status === "number") {
            const kept = errorBody ?? { text: "", contentType: null };
            const parsed = errorOfBody(kept.text, kept.contentType);
            try {
              count(usageOf(JSON.parse(kept.text)));
            } catch {
              // not JSON: no usage to count
            }
            const words = parsed.words || (kept.text ? describeBody(kept.text, kept.contentType) : error.message);
            return { ok: false, failure: classifyHttp({ status: error.status, error: parsed.error ?? error.error, words, retryAfter: error.headers?.get("retry-after"), sent: Object.keys(params) }, ctx) };
          }
          return { ok: false, failure: classifyThrown(sdk, error, ctx) };
        }
      };

      const reshaped = new Set<string>();
      const onceUsed = new Set<string>();
      let requests = 0;
      let retries = 0;
      for (;;) {
        requests += 1;
        const outcome = await requestOnce(requestParams(llm, current));
        if (outcome.ok) return { text: outcome.text, finishReason: outcome.finishReason, usage, retries };
        const failure = outcome.failure;
        const param = failure.rejectedParam;
        if (param !== undefined) {
          const change = reshaped.has(param) ? undefined : reshape(current, param, llm.model);
          if (change) {
            reshaped.add(param);
            reshaped.add(change.shape.tokensField);
            current = change.shape;
            options.onReshape?.(change.note, current);
            continue;
          }
          const setting = settingOf(param);
          const hint = setting ? `${setting} is set in jaunt.toml and model "${llm.model}" does not accept it: remove or change it, or pick another model` : failure.hint;
          throw new ProviderError({ ...failure, ...(hint ? { hint } : {}) }, usage, requests);
        }
        const spent = failure.retry === "never" || retries >= llm.maxRetries || (failure.retry === "once" && onceUsed.has(failure.code));
        if (spent) {
          const after = requests > 1 ? ` (after ${requests} requests)` : "";
          const hint = failure.hint ?? (failure.retry === "backoff" ? "fix what the server reports; if it is only busy or rate-limited, lower --jobs or raise [llm] max_retries / timeout_seconds" : undefined);
          throw new ProviderError({ code: failure.code, message: `${failure.message}${after}`, ...(hint ? { hint } : {}) }, usage, requests);
        }
        if (failure.retry === "once") onceUsed.add(failure.code);
        retries += 1;
        const delayMs = backoffDelay(retries, backoff, failure.retryAfterMs);
        options.onRetry?.({ retry: retries, maxRetries: llm.maxRetries, delayMs, reason: failure.reason, detail: failure.message });
        await sleep(delayMs, options.signal);
      }
    },
  };
}
