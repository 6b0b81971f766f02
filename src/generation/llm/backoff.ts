/**
 * Delays between provider retries: exponential backoff with jitter, or the
 * wait the server asked for (see wait-time.ts) when it is within bounds.
 */

export interface BackoffSettings {
  readonly baseMs: number;
  readonly maxMs: number;
  /** Longest server-requested wait honoured; default SERVER_WAIT_CAP_MS. */
  readonly retryAfterCapMs?: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 500, maxMs: 20_000 };
/** The longest wait Jaunt honours for a server (docs/providers.md): a longer one ends the request instead. */
export const SERVER_WAIT_CAP_MS = 60_000;

/**
 * The longest server-requested wait worth honouring: the cap, and no more than
 * one request's time (`timeoutSeconds`), so a wait never outlasts what a
 * single request may take.
 */
export function serverWaitLimit(settings: BackoffSettings, timeoutSeconds: number): number {
  return Math.min(settings.retryAfterCapMs ?? SERVER_WAIT_CAP_MS, timeoutSeconds * 1000);
}

/** Delay before provider retry number `retry` (1-based); `serverWaitMs`, when given, is used as is (the caller bounds it). */
export function backoffDelay(retry: number, settings: BackoffSettings, serverWaitMs?: number, random = Math.random): number {
  if (serverWaitMs !== undefined) return Math.round(serverWaitMs);
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
