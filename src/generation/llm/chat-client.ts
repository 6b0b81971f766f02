/**
 * The LLM client: the `openai` SDK (lazy-imported; it is heavy) pointed at any
 * OpenAI-compatible server, with OUR retry loop (the SDK's own retries are off
 * so behaviour is explicit and testable). Every response is read by us — the
 * body as text, whatever its shape — so a failure is named in the server's
 * words, retried only when another request can help, and its tokens counted.
 */
import type { LlmConfig } from "../../config/types.ts";
import { addUsage, NO_USAGE } from "../cost.ts";
import type { ChatMessage, RetryNotice, TokenUsage } from "../types.ts";
import { backoffDelay, DEFAULT_BACKOFF, serverWaitLimit, sleep, type BackoffSettings } from "./backoff.ts";
import type { Endpoint } from "./endpoint.ts";
import { createExchangeRecorder } from "./exchange.ts";
import { ProviderError, type ProviderFailure } from "./failure.ts";
import type { FailureContext, OpenAIModule } from "./provider-errors.ts";
import { classifyBodyFailure, classifyThrown } from "./transport-errors.ts";
import { readHttpError, readSuccess, type ReadResponse } from "./read-response.ts";
import { initialShape, requestParams, reshape, settingOf, type RequestShape } from "./request-shape.ts";
import { formatWait } from "./wait-time.ts";

export interface ChatCompletion {
  /** The answer text ("" when the server sent no content). */
  readonly text: string;
  readonly finishReason: string | null;
  /** The finish reason says the answer was cut off at a token limit, in any provider's dialect (finish-reason.ts). */
  readonly truncated: boolean;
  /** Tokens of every request made for this completion, failed ones included. */
  readonly usage: TokenUsage;
  /** Provider retries used. */
  readonly retries: number;
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
/** The `openai` SDK, imported once (~50 ms); a Worker warming up calls it before its first request needs it. */
export function loadSdk(): Promise<OpenAIModule> {
  sdkPromise ??= import("openai");
  return sdkPromise;
}

/** A wait the server asked for that is longer than Jaunt waits: end the request now instead of spending retries. */
function waitTooLong(failure: ProviderFailure, limitMs: number, requests: number): ProviderFailure | undefined {
  const wait = failure.wait;
  if (!wait || wait.ms <= limitMs) return undefined;
  const after = requests > 1 ? ` (after ${requests} requests)` : "";
  return {
    ...failure,
    code: "generation.retry_later",
    message: `${failure.message}${after}; the server asks for ${formatWait(wait.ms)} before the next request (${wait.source}), longer than Jaunt waits (${formatWait(limitMs)})`,
    hint: "run again once the server's limit has reset (modules already built are kept); lower --jobs if the limit is per minute",
  };
}

/**
 * A client for `llm` at `endpoint`. `shape` is a request shape learned earlier
 * in the run (after a server rejected a parameter).
 */
export function createChatClient(llm: LlmConfig, endpoint: Endpoint, backoff: BackoffSettings = DEFAULT_BACKOFF, shape?: RequestShape): ChatClient {
  const ctx: FailureContext = { endpoint, model: llm.model, apiKeyEnv: llm.apiKeyEnv, timeoutSeconds: llm.timeoutSeconds };
  let current = initialShape(endpoint.baseUrl, shape);
  // Every response is recorded whole (status, headers, decoded body) to quote the server and honour its wait.
  // One client serves the module's requests, one at a time.
  const recorder = createExchangeRecorder();
  const waitLimitMs = serverWaitLimit(backoff, llm.timeoutSeconds);
  let client: InstanceType<OpenAIModule["OpenAI"]> | undefined;
  return {
    async complete(messages, options = {}) {
      const sdk = await loadSdk();
      client ??= new sdk.OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseUrl, timeout: llm.timeoutSeconds * 1000, maxRetries: 0, fetch: recorder.fetch });
      const openai = client;
      let usage: TokenUsage = NO_USAGE;

      const requestOnce = async (params: Record<string, number | boolean>): Promise<ReadResponse> => {
        recorder.clear();
        const sent = Object.keys(params);
        const timeout = AbortSignal.timeout(llm.timeoutSeconds * 1000);
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
        try {
          const body = { model: llm.model, messages: messages.map((m) => ({ role: m.role, content: m.content })), ...params };
          const response = await openai.chat.completions.create(body, { signal }).asResponse();
          const exchange = recorder.last();
          if (exchange) return readSuccess(exchange.text, exchange.contentType, sent, ctx, llm.maxTokens, exchange.undecodable);
          return readSuccess(await response.text(), response.headers.get("content-type"), sent, ctx, llm.maxTokens);
        } catch (error) {
          if (options.signal?.aborted) throw options.signal.reason;
          if (timeout.aborted) return { outcome: { ok: false, failure: classifyThrown(sdk, new sdk.APIConnectionTimeoutError(), ctx) } };
          const exchange = recorder.last();
          if (exchange?.bodyFailure) return { outcome: { ok: false, failure: classifyBodyFailure(exchange.status, exchange.bodyFailure.code, exchange.bodyFailure.detail, ctx) } };
          if (error instanceof sdk.APIError && typeof error.status === "number") {
            return readHttpError({ status: error.status, exchange, sdkError: error.error, sdkMessage: error.message, sdkHeaders: error.headers }, sent, ctx);
          }
          return { outcome: { ok: false, failure: classifyThrown(sdk, error, ctx) } };
        }
      };

      const reshaped = new Set<string>();
      const onceUsed = new Set<string>();
      let requests = 0;
      let retries = 0;
      for (;;) {
        requests += 1;
        const { outcome, usage: billed } = await requestOnce(requestParams(llm, current));
        if (billed) usage = addUsage(usage, billed);
        if (outcome.ok) return { text: outcome.text, finishReason: outcome.finishReason, truncated: outcome.truncated, usage, retries };
        const failure = outcome.failure;
        const param = failure.rejectedParam;
        if (param !== undefined) {
          // Each parameter is reshaped once; the two names of the token limit count as one.
          const key = param === "max_completion_tokens" ? "max_tokens" : param;
          const change = reshaped.has(key) ? undefined : reshape(current, param, llm.model);
          if (change) {
            reshaped.add(key);
            current = change.shape;
            options.onReshape?.(change.note, current);
            continue;
          }
          const setting = settingOf(param);
          const hint = setting ? `${setting} is set in jaunt.toml and model "${llm.model}" does not accept it: remove or change it, or pick another model` : failure.hint;
          throw new ProviderError({ ...failure, ...(hint ? { hint } : {}) }, usage, requests);
        }
        const tooLong = failure.retry === "backoff" ? waitTooLong(failure, waitLimitMs, requests) : undefined;
        if (tooLong) throw new ProviderError(tooLong, usage, requests);
        const spent = failure.retry === "never" || retries >= llm.maxRetries || (failure.retry === "once" && onceUsed.has(failure.code));
        if (spent) {
          const after = requests > 1 ? ` (after ${requests} requests)` : "";
          const hint = failure.hint ?? (failure.retry === "backoff" ? "fix what the server reports; if it is only busy or rate-limited, lower --jobs or raise [llm] max_retries / timeout_seconds" : undefined);
          throw new ProviderError({ code: failure.code, message: `${failure.message}${after}`, ...(hint ? { hint } : {}) }, usage, requests);
        }
        if (failure.retry === "once") onceUsed.add(failure.code);
        retries += 1;
        const delayMs = backoffDelay(retries, backoff, failure.wait?.ms);
        options.onRetry?.({ retry: retries, maxRetries: llm.maxRetries, delayMs, reason: failure.reason, detail: failure.message, ...(failure.wait ? { waitSource: failure.wait.source } : {}) });
        await sleep(delayMs, options.signal);
      }
    },
  };
}
