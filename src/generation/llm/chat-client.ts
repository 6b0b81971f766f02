/**
 * The LLM client: the `openai` SDK (lazy-imported; it is heavy) pointed at any
 * OpenAI-compatible server, with OUR retry loop for provider faults (the SDK's
 * own retries are off so behaviour is explicit and testable).
 */
import { JauntGenerationError } from "@jaunt/runtime";
import type { LlmConfig } from "../../config/types.ts";
import type { ChatMessage, TokenUsage } from "../types.ts";
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffSettings } from "./backoff.ts";
import type { Endpoint } from "./endpoint.ts";
import { classifyProviderError, type OpenAIModule } from "./provider-errors.ts";

export interface ChatCompletion {
  /** The answer text ("" when the server sent no content). */
  readonly text: string;
  readonly finishReason: string | null;
  /** Tokens of every request made for this completion, provider retries included. */
  readonly usage: TokenUsage;
  /** Provider retries used. */
  readonly retries: number;
}

export interface CompleteOptions {
  readonly signal?: AbortSignal;
  readonly onRetry?: (retry: number, delayMs: number, reason: string) => void;
}

export interface ChatClient {
  complete(messages: readonly ChatMessage[], options?: CompleteOptions): Promise<ChatCompletion>;
}

let sdkPromise: Promise<OpenAIModule> | undefined;
function loadSdk(): Promise<OpenAIModule> {
  sdkPromise ??= import("openai");
  return sdkPromise;
}

class RetryableFault extends Error {}

export function createChatClient(llm: LlmConfig, endpoint: Endpoint, backoff: BackoffSettings = DEFAULT_BACKOFF): ChatClient {
  const ctx = { endpoint, model: llm.model, apiKeyEnv: llm.apiKeyEnv, timeoutSeconds: llm.timeoutSeconds };
  // api.openai.com wants max_completion_tokens (reasoning models reject max_tokens); other servers know max_tokens.
  const tokensField = new URL(endpoint.baseUrl).hostname === "api.openai.com" ? "max_completion_tokens" : "max_tokens";
  return {
    async complete(messages, options = {}) {
      const sdk = await loadSdk();
      const client = new sdk.OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseUrl, timeout: llm.timeoutSeconds * 1000, maxRetries: 0 });
      let promptTokens = 0;
      let completionTokens = 0;
      for (let retry = 0; ; retry++) {
        try {
          const response = await client.chat.completions.create(
            {
              model: llm.model,
              messages: messages.map((m) => ({ role: m.role, content: m.content })),
              ...(llm.temperature === undefined ? {} : { temperature: llm.temperature }),
              ...(llm.maxTokens === undefined ? {} : { [tokensField]: llm.maxTokens }),
            },
            { signal: options.signal },
          );
          promptTokens += response.usage?.prompt_tokens ?? 0;
          completionTokens += response.usage?.completion_tokens ?? 0;
          const choice = Array.isArray(response.choices) ? response.choices[0] : undefined;
          if (!choice) throw new RetryableFault("response has no choices");
          const text = choice.message?.content ?? "";
          if (text.trim() === "" && choice.finish_reason !== "length") throw new RetryableFault("response has an empty answer");
          return { text, finishReason: choice.finish_reason ?? null, usage: { promptTokens, completionTokens }, retries: retry };
        } catch (error) {
          if (options.signal?.aborted) throw options.signal.reason;
          const failure = error instanceof RetryableFault ? { retryable: true as const, reason: error.message } : classifyProviderError(sdk, error, ctx);
          if (!failure.retryable) throw new JauntGenerationError(failure.message, failure.code, failure.hint ? { hint: failure.hint } : {});
          if (retry >= llm.maxRetries) {
            throw new JauntGenerationError(
              `provider kept failing after ${retry + 1} request(s) to ${endpoint.baseUrl}: ${failure.reason}`,
              "generation.provider_unavailable",
              { hint: "try again later, or raise [llm] max_retries / timeout_seconds" },
            );
          }
          const delay = backoffDelay(retry + 1, backoff, "retryAfterMs" in failure ? failure.retryAfterMs : undefined);
          options.onRetry?.(retry + 1, delay, failure.reason);
          await sleep(delay, options.signal);
        }
      }
    },
  };
}
