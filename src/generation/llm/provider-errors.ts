/** Sort provider failures into "retry with backoff" and "stop now, with a useful message". */
import type * as OpenAISdk from "openai";
import { parseRetryAfter } from "./backoff.ts";
import type { Endpoint } from "./endpoint.ts";

export type OpenAIModule = typeof OpenAISdk;

export type ProviderFailure =
  | { readonly retryable: true; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly retryable: false; readonly code: string; readonly message: string; readonly hint?: string };

export interface FailureContext {
  readonly endpoint: Endpoint;
  readonly model: string;
  readonly apiKeyEnv: string;
  readonly timeoutSeconds: number;
}

/** Remove the API key (and anything that looks like a secret key) from text shown to users. */
export function redact(text: string, apiKey: string): string {
  let out = apiKey.length >= 4 ? text.split(apiKey).join("***") : text;
  out = out.replace(/\bsk-[A-Za-z0-9_*-]{6,}/g, "sk-***");
  return out;
}

export function classifyProviderError(sdk: OpenAIModule, error: unknown, ctx: FailureContext): ProviderFailure {
  const where = `${ctx.endpoint.baseUrl} (from ${ctx.endpoint.baseUrlSource})`;
  if (error instanceof sdk.APIConnectionTimeoutError) return { retryable: true, reason: `request timed out after ${ctx.timeoutSeconds}s` };
  if (error instanceof sdk.APIConnectionError) return { retryable: true, reason: `cannot connect to ${ctx.endpoint.baseUrl}` };
  if (error instanceof sdk.APIError && typeof error.status === "number") {
    const status = error.status;
    const detail = redact(error.message, ctx.endpoint.apiKey).slice(0, 300);
    if (status === 401 || status === 403) {
      return {
        retryable: false,
        code: "generation.auth_failed",
        message: `${where} rejected the API key from ${ctx.apiKeyEnv} (HTTP ${status}): ${detail}`,
        hint: `check ${ctx.apiKeyEnv} (environment or the project's .env) and that [llm] base_url points at the right server`,
      };
    }
    if (status === 404) {
      return {
        retryable: false,
        code: "generation.model_not_found",
        message: `model "${ctx.model}" or the chat completions endpoint was not found at ${where} (HTTP 404): ${detail}`,
        hint: "check [llm] model and [llm] base_url (it usually ends in /v1)",
      };
    }
    if (status === 408 || status === 409 || status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(error.headers?.get("retry-after"));
      return retryAfterMs === undefined ? { retryable: true, reason: `HTTP ${status}` } : { retryable: true, reason: `HTTP ${status}`, retryAfterMs };
    }
    return { retryable: false, code: "generation.request_rejected", message: `${where} rejected the request for model "${ctx.model}" (HTTP ${status}): ${detail}` };
  }
  if (error instanceof SyntaxError) return { retryable: true, reason: "malformed JSON response" };
  const message = error instanceof Error ? error.message : String(error);
  return { retryable: false, code: "generation.provider_failed", message: `request to ${where} failed: ${redact(message, ctx.endpoint.apiKey).slice(0, 300)}` };
}
