/** Exponential backoff with full jitter, honouring (and capping) `Retry-After`. */

export interface BackoffSettings {
  readonly baseMs: number;
  readonly maxMs: number;
  /** Longest honoured `Retry-After`; default RETRY_AFTER_CAP_MS. */
  readonly retryAfterCapMs?: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 500, maxMs: 20_000 };
/** A server may ask for a longer wait than this; we wait at most this long per retry. */
export const RETRY_AFTER_CAP_MS = 60_000;

/**
 * `Retry-After` as milliseconds: delta-seconds (`"2"`, `"0.5"`) or an HTTP date.
 * Undefined when absent or unparseable; never negative; capped.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms), RETRY_AFTER_CAP_MS);
}

/** Delay before provider retry number `retry` (1-based). */
export function backoffDelay(retry: number, settings: BackoffSettings, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, settings.retryAfterCapMs ?? RETRY_AFTER_CAP_MS);
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2); // "equal jitter": never less than half the step
}

/** Sleep that ends early (rejecting) on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
