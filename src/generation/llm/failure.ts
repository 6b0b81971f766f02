/** What a failed request is, how often it may be tried again, and the error that ends the attempt. */
import { JauntGenerationError } from "@jaunt/runtime";
import type { TokenUsage } from "../types.ts";
import type { ServerWait } from "./wait-time.ts";

/**
 * How many more requests a failure merits:
 * - `backoff`: transient (429, 5xx, timeouts, cut-off bodies) — up to `[llm] max_retries`, with backoff;
 * - `once`: the same prompt may fare better on a second sample (refusal, content filter,
 *   reasoning without an answer, an empty or unreadable answer) — one more request at most;
 * - `never`: the same request cannot succeed (bad key, quota, unknown model, rejected request).
 */
export type RetryPolicy = "backoff" | "once" | "never";

export interface ProviderFailure {
  /** `generation.*` code. */
  readonly code: string;
  /** The whole story for the user, in the provider's own words (already redacted). */
  readonly message: string;
  /** Short form for retry lines: `HTTP 529`, `refusal`, `request timed out after 120s`. */
  readonly reason: string;
  readonly retry: RetryPolicy;
  readonly hint?: string;
  /** The wait the server asked for before the next request, and where it said so (unbounded: the client bounds it). */
  readonly wait?: ServerWait;
  /** A request parameter the server named as unsupported (HTTP 400/422). */
  readonly rejectedParam?: string;
}

/** Codes after which every other module would fail the same way: the run stops scheduling. */
export const FATAL_PROVIDER_CODES: ReadonlySet<string> = new Set([
  "generation.auth_failed",
  "generation.model_not_found",
  "generation.request_rejected",
  "generation.quota_exhausted",
  "generation.server_unreachable",
  "generation.proxy_rejected",
  "generation.retry_later",
]);

/** The failure that ended a completion, with the tokens its requests were billed. */
export class ProviderError extends JauntGenerationError {
  /** Usage reported by every response of this completion, failed ones included. */
  readonly usage: TokenUsage;
  /** Requests made for this completion. */
  readonly requests: number;
  constructor(failure: Pick<ProviderFailure, "code" | "message" | "hint">, usage: TokenUsage, requests: number) {
    super(failure.message, failure.code, failure.hint ? { hint: failure.hint } : {});
    this.usage = usage;
    this.requests = requests;
  }
}
