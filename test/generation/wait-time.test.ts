/** The server's wait in every form it is sent, and which form wins. */
import { expect, test } from "bun:test";
import { formatWait, parseDuration, serverWait } from "../../src/generation/llm/wait-time.ts";

const now = Date.parse("2026-01-01T00:00:00Z");
const headers = (h: Record<string, string>) => new Headers(h);

test("durations as rate-limit headers and protobuf JSON write them", () => {
  expect(parseDuration("1m30s")).toBe(90_000);
  expect(parseDuration("6ms")).toBe(6);
  expect(parseDuration("0.5s")).toBe(500);
  expect(parseDuration("12s")).toBe(12_000);
  expect(parseDuration("2h1m")).toBe(7_260_000);
  expect(parseDuration("soon")).toBeUndefined();
  expect(parseDuration("12")).toBeUndefined();
});

test("Azure's retry-after-ms wins over Retry-After; Retry-After as seconds or a date", () => {
  expect(serverWait(headers({ "retry-after-ms": "1500", "retry-after": "2" }), undefined, "", now)).toEqual({ ms: 1500, source: "retry-after-ms header" });
  expect(serverWait(headers({ "retry-after": "2" }), undefined, "", now)).toEqual({ ms: 2000, source: "retry-after header" });
  expect(serverWait(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), undefined, "", now)).toEqual({ ms: 3000, source: "retry-after header" });
  expect(serverWait(headers({ "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" }), undefined, "", now)?.ms).toBe(0);
  expect(serverWait(headers({ "retry-after": "soon" }), undefined, "", now)).toBeUndefined();
});

test("Gemini's RetryInfo.retryDelay in the error body, also array-wrapped", () => {
  const error = { code: 429, status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [] }, { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "12s" }] };
  expect(serverWait(headers({}), error, "", now)).toEqual({ ms: 12_000, source: "RetryInfo.retryDelay in the body" });
  expect(serverWait(undefined, [{ error }], "", now)?.ms).toBe(12_000);
  expect(serverWait(headers({ "retry-after": "3" }), error, "", now)?.source).toBe("retry-after header");
});

test("x-ratelimit-reset-*: the limit that ran out counts; otherwise the longest; dates and epoch seconds too", () => {
  const both = { "x-ratelimit-reset-requests": "1m30s", "x-ratelimit-reset-tokens": "6ms" };
  expect(serverWait(headers({ ...both, "x-ratelimit-remaining-tokens": "0", "x-ratelimit-remaining-requests": "12" }), undefined, "", now)).toEqual({ ms: 6, source: "x-ratelimit-reset-tokens header" });
  expect(serverWait(headers(both), undefined, "", now)).toEqual({ ms: 90_000, source: "x-ratelimit-reset-requests header" });
  expect(serverWait(headers({ "anthropic-ratelimit-requests-reset": "2026-01-01T00:00:20Z", "anthropic-ratelimit-requests-remaining": "0" }), undefined, "", now)).toEqual({ ms: 20_000, source: "anthropic-ratelimit-requests-reset header" });
  expect(serverWait(headers({ "x-ratelimit-reset": String(now / 1000 + 7) }), undefined, "", now)?.ms).toBe(7000);
  expect(serverWait(headers({ "ratelimit-reset": "4" }), undefined, "", now)?.ms).toBe(4000);
});

test("a wait said only in the message: 'Please try again in 20s', 'retry in 41.6s', '120ms'", () => {
  expect(serverWait(headers({}), {}, "Rate limit reached for gpt-4o. Please try again in 20s.", now)).toEqual({ ms: 20_000, source: "the server's message" });
  expect(serverWait(undefined, {}, "Quota exceeded. Please retry in 41.6s.", now)?.ms).toBeCloseTo(41_600);
  expect(serverWait(undefined, {}, "Please try again in 120ms.", now)?.ms).toBe(120);
  expect(serverWait(undefined, {}, "try again in 2 minutes", now)?.ms).toBe(120_000);
  expect(serverWait(undefined, {}, "Overloaded", now)).toBeUndefined();
});

test("waits are said the way people read them", () => {
  expect([350, 1500, 12_000, 59_600, 90_000, 3_599_700, 3_600_000, 5_400_000, 86_370_000].map(formatWait)).toEqual(["350 ms", "1.5 s", "12 s", "1 min", "1 min 30 s", "1 h", "1 h", "1 h 30 min", "24 h"]);
});
