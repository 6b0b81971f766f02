/**
 * How long the server asked Jaunt to wait before the next request, in every
 * form servers use, and where it said so:
 * - `retry-after-ms` (Azure OpenAI): milliseconds;
 * - `retry-after` (RFC 9110 §10.2.3): delta-seconds or an HTTP date;
 * - `RetryInfo.retryDelay` in the error body (Google APIs, Gemini's OpenAI
 *   endpoint): a protobuf Duration in JSON, `"12s"`, `"0.5s"`;
 * - `x-ratelimit-reset-requests` / `-tokens` (OpenAI, Groq, xAI …): a duration
 *   like `"1m30s"` or `"6ms"`; `anthropic-ratelimit-*-reset`, `x-ratelimit-reset`,
 *   `ratelimit-reset`: RFC 3339 times, epoch seconds or seconds. When the
 *   `…-remaining-…` headers say which limit ran out, that limit's reset counts;
 * - the error message itself: "Please try again in 20s", "retry in 41.6s".
 * The first form present wins, in that order.
 */
import { isRecord } from "../../support/is-record.ts";

export interface ServerWait {
  /** Milliseconds, never negative. */
  readonly ms: number;
  /** Where the server said it: `retry-after-ms header`, `RetryInfo.retryDelay in the body` … */
  readonly source: string;
}

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, "µs": 0.001, ns: 0.000001 };

/** `"1m30s"`, `"6ms"`, `"0.5s"`, `"2h1m"`, `"12s"` as milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+$/.test(trimmed)) return undefined;
  let ms = 0;
  for (const [, value, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) ms += Number(value) * (UNIT_MS[unit ?? "s"] ?? 1000);
  return ms;
}

/** `Retry-After`: delta-seconds (`"2"`, `"0.5"`) or an HTTP date. */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/** A rate-limit reset value: a duration, seconds, epoch seconds, or a date. */
function parseReset(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  const duration = parseDuration(trimmed);
  if (duration !== undefined) return duration;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    return n > 1e9 ? Math.max(0, n * 1000 - now) : n * 1000; // epoch seconds, or seconds from now
  }
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** `retryDelay` of a RetryInfo detail anywhere in an error body (Google APIs' `error.details[]`). */
function retryInfoDelay(body: unknown, depth = 0): number | undefined {
  if (depth > 4) return undefined;
  if (Array.isArray(body)) {
    for (const item of body) {
      const found = retryInfoDelay(item, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  if (typeof body.retryDelay === "string") return parseDuration(body.retryDelay);
  for (const key of ["error", "details"]) {
    const found = retryInfoDelay(body[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const RESET_HEADER = /^(?:x-)?ratelimit-reset(?:-(.+))?$|^anthropic-ratelimit-(.+)-reset$/;

/** The longest reset among the limits that ran out (or among all, when none says so). */
function rateLimitReset(headers: Headers, now: number): ServerWait | undefined {
  const resets: { name: string; ms: number; exhausted: boolean }[] = [];
  headers.forEach((value, name) => {
    const match = RESET_HEADER.exec(name.toLowerCase());
    if (!match) return;
    const ms = parseReset(value, now);
    if (ms === undefined) return;
    // x-ratelimit-reset-tokens ↔ x-ratelimit-remaining-tokens; anthropic-ratelimit-tokens-reset ↔ …-tokens-remaining
    const remaining = headers.get(name.replace(/reset(?=-|$)/, "remaining"));
    resets.push({ name, ms, exhausted: remaining !== null && Number(remaining.trim()) === 0 });
  });
  const exhausted = resets.filter((r) => r.exhausted);
  const pool = exhausted.length > 0 ? exhausted : resets;
  const longest = pool.sort((a, b) => b.ms - a.ms)[0];
  return longest ? { ms: longest.ms, source: `${longest.name} header` } : undefined;
}

const WAIT_IN_WORDS = /\b(?:try again|retry|retrying|wait)\s+(?:in|after)\s+(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\b/i;

/** "Please try again in 20s", "Please retry in 41.6s", "try again in 120ms". */
function waitInWords(words: string): number | undefined {
  const match = WAIT_IN_WORDS.exec(words);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = (match[2] ?? "s").toLowerCase();
  return unit.startsWith("ms") || unit.startsWith("milli") ? value : unit.startsWith("m") ? value * 60_000 : value * 1000;
}

/**
 * The wait the server asked for: from `headers` (undefined when the wait came
 * inside a 200), the parsed error `body`, or the error's `words`.
 */
export function serverWait(headers: Headers | undefined, body: unknown, words: string, now = Date.now()): ServerWait | undefined {
  const retryAfterMs = headers?.get("retry-after-ms");
  if (retryAfterMs && /^\d+(\.\d+)?$/.test(retryAfterMs.trim())) return { ms: Number(retryAfterMs.trim()), source: "retry-after-ms header" };
  const retryAfter = headers?.get("retry-after");
  const fromRetryAfter = retryAfter ? parseRetryAfter(retryAfter, now) : undefined;
  if (fromRetryAfter !== undefined) return { ms: fromRetryAfter, source: "retry-after header" };
  const fromBody = retryInfoDelay(body);
  if (fromBody !== undefined) return { ms: fromBody, source: "RetryInfo.retryDelay in the body" };
  const fromReset = headers ? rateLimitReset(headers, now) : undefined;
  if (fromReset) return fromReset;
  const fromWords = waitInWords(words);
  return fromWords === undefined ? undefined : { ms: fromWords, source: "the server's message" };
}

/** `350 ms`, `12 s`, `1 min 30 s`, `2 h`. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (Math.round(s) < 60) return `${s >= 10 ? Math.round(s) : Number(s.toFixed(1))} s`;
  const seconds = Math.round(s);
  if (seconds < 3600) {
    const rest = seconds % 60;
    return rest === 0 ? `${seconds / 60} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  const minutes = Math.round(s / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}
