/**
 * Failures that arrive inside a 200 or in an unexpected body, through the real
 * `openai` client against the fake server: each is named in the provider's
 * words, retried only when another request can help, and its tokens counted.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { generateModule } from "../../src/generation/generate-module.ts";
import type { GenerationEvent, GenerationResult } from "../../src/generation/types.ts";
import { fence, startFakeLlm, type FakeLlm, type FakeLlmOptions, type FakeReply, type FakeUsage } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, TEST_KEY, testSettings, type SpecProject } from "../support/generation-project.ts";

let project: SpecProject;
beforeAll(() => {
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC });
});
afterAll(() => project.cleanup());

const BILLED: FakeUsage = { prompt_tokens: 1000, completion_tokens: 200 };
const MAX_RETRIES = 4;

interface Run {
  readonly result: GenerationResult;
  readonly requests: number;
  readonly retries: Extract<GenerationEvent, { type: "provider_retry" }>[];
  readonly llm: FakeLlm;
}

/** One module generated against a fresh fake server answering `replies` (repeated to cover every retry). */
async function run(replies: readonly FakeReply[], server: FakeLlmOptions = {}, url = (u: string) => u): Promise<Run> {
  const llm = startFakeLlm(server);
  try {
    llm.script("src/slug", replies);
    const events: GenerationEvent[] = [];
    const result = await generateModule(slugInput(), testSettings(project.root, url(llm.url), { noCache: true }, { maxRetries: MAX_RETRIES }), { onEvent: (e) => events.push(e) });
    const retries = events.flatMap((e) => (e.type === "provider_retry" ? [e] : []));
    expect(JSON.stringify({ result, events })).not.toContain(TEST_KEY);
    return { result, requests: llm.requests.length, retries, llm };
  } finally {
    await llm.stop();
  }
}

const always = (reply: FakeReply): FakeReply[] => Array.from({ length: MAX_RETRIES + 2 }, () => reply);

function failure(result: GenerationResult) {
  if (result.ok) throw new Error(`expected a failure, got ok after ${result.attempts} attempt(s)`);
  return result.error;
}

test("an error object inside a 200 is named in the provider's words; a 404 code is not retried and stops the run", async () => {
  const { result, requests } = await run(always({ json: { error: { message: "No endpoints found for this model", code: 404 } } }));
  expect(requests).toBe(1);
  const error = failure(result);
  expect(error.code).toBe("generation.model_not_found");
  expect(error.fatal).toBe(true);
  expect(error.message).toContain("No endpoints found for this model");
  expect(error.message).toContain("inside an HTTP 200 response");
});

test("an error inside a 200 with a retryable code (429, 5xx) is retried, and the retry can succeed", async () => {
  const { result, requests, retries } = await run([{ json: { error: { message: "Provider returned error", code: 502, metadata: { raw: "upstream overloaded", provider_name: "Acme" } } } }, fence(SLUG_GOOD)]);
  expect(result.ok).toBe(true);
  expect(requests).toBe(2);
  expect(retries.map((r) => r.reason)).toEqual(["HTTP 502"]);
  expect(retries[0]?.detail).toContain("Acme: upstream overloaded");
});

test("a server reached without /v1 answering 200 {error: 'Unexpected endpoint or method'} gets the /v1 hint", async () => {
  const lmStudio = { unknownRoute: { json: { error: "Unexpected endpoint or method. (POST /chat/completions)" } } } satisfies FakeLlmOptions;
  const { result, requests, llm } = await run([], lmStudio, (u) => u.replace(/\/v1$/, ""));
  expect(llm.requests[0]?.path).toBe("/chat/completions");
  expect(requests).toBe(1);
  const error = failure(result);
  expect(error.message).toContain("Unexpected endpoint or method");
  expect(error.hint).toContain("/v1");
});

test("a refusal is named with its text, costs one more request at most, and its tokens are counted", async () => {
  const { result, requests } = await run(always({ message: { content: null, refusal: "I can't help with that request." }, usage: BILLED }));
  expect(requests).toBe(2);
  const error = failure(result);
  expect(error.code).toBe("generation.refused");
  expect(error.fatal).toBe(false);
  expect(error.message).toContain("I can't help with that request.");
  expect(result.usage).toEqual({ promptTokens: 2000, completionTokens: 400 });
  // gpt-4o-mini: $0.15 in / $0.60 out per million tokens
  expect(result.costUsd).toBeCloseTo((2000 * 0.15 + 400 * 0.6) / 1_000_000, 10);
});

test("finish_reason content_filter is named as the provider's filter, one more request at most", async () => {
  const { result, requests } = await run(always({ content: "", finishReason: "content_filter", usage: BILLED }));
  expect(requests).toBe(2);
  const error = failure(result);
  expect(error.code).toBe("generation.content_filtered");
  expect(error.message).toContain('finish_reason "content_filter"');
  expect(result.usage.promptTokens).toBe(2000);
});

test("a reasoning model that returns only reasoning_content: 'raise max_tokens or pick a non-reasoning model'", async () => {
  const { result, requests } = await run(always({ message: { content: "", reasoning_content: "First, slugs are lowercase..." }, finishReason: "stop", usage: BILLED }));
  expect(requests).toBe(2);
  const error = failure(result);
  expect(error.code).toBe("generation.reasoning_only");
  expect(error.message).toContain("the model returned reasoning but no answer");
  expect(error.message).toContain("raise max_tokens or pick a non-reasoning model");
  expect(result.usage.completionTokens).toBe(400);
});

test("429 insufficient_quota is not retried, says 'quota exhausted — check billing' and stops the run", async () => {
  const quota = { status: 429, code: "insufficient_quota", message: "You exceeded your current quota, please check your plan and billing details." } as const;
  const { result, requests, retries } = await run(always(quota));
  expect(requests).toBe(1);
  expect(retries).toHaveLength(0);
  const error = failure(result);
  expect(error.code).toBe("generation.quota_exhausted");
  expect(error.fatal).toBe(true);
  expect(error.message).toContain("quota exhausted — check billing");
  expect(error.message).toContain("You exceeded your current quota");
});

test("content as an array of parts: the text parts are the answer, thinking parts are dropped", async () => {
  const { result, requests } = await run([{ message: { content: [{ type: "thinking", thinking: "```ts\nexport const wrong = 1;\n```" }, { type: "text", text: fence(SLUG_GOOD) }] } }]);
  expect(requests).toBe(1);
  expect(result.ok && result.code).toContain("export function slugify");
  expect(result.ok && result.code).not.toContain("wrong");
});

test("Jaunt sends stream: false, and reads a server-sent event stream anyway when a server streams regardless", async () => {
  const honours = await run([], { streamUnlessDisabled: true, defaults: { "src/slug": SLUG_GOOD } });
  expect(honours.result.ok).toBe(true);
  expect(honours.requests).toBe(1);
  expect(JSON.parse(honours.llm.requests[0]?.rawBody ?? "{}")).toMatchObject({ stream: false });
  const streams = await run([{ sse: fence(SLUG_GOOD), usage: { prompt_tokens: 900, completion_tokens: 150 } }]);
  expect(streams.result.ok).toBe(true);
  expect(streams.requests).toBe(1);
  expect(streams.result.usage).toEqual({ promptTokens: 900, completionTokens: 150 });
});

test("a JSON completion followed by a `data: [DONE]` trailer is read as the completion", async () => {
  const { result, requests } = await run([{ content: fence(SLUG_GOOD), trailer: true, usage: BILLED }]);
  expect(requests).toBe(1);
  expect(result.ok).toBe(true);
  expect(result.usage).toEqual({ promptTokens: 1000, completionTokens: 200 });
});

test("a body that is not a chat completion is reported with its content type and, for a web page, what its title says", async () => {
  const { result, requests } = await run(always({ raw: "<!doctype html><html><title>Sign in to the gateway</title></html>", contentType: "text/html; charset=utf-8" }));
  expect(requests).toBe(2);
  const error = failure(result);
  expect(error.code).toBe("generation.bad_response");
  expect(error.message).toContain("content-type text/html; charset=utf-8");
  expect(error.message).toContain('an HTML page "Sign in to the gateway" (content-type text/html; charset=utf-8, 65 bytes)');
});

test("a retried 5xx ends with the server's last message, not just the status", async () => {
  const { result, requests, retries } = await run(always({ status: 500, message: "model requires more system memory (5.0 GiB) than is available (3.1 GiB)" }));
  expect(requests).toBe(MAX_RETRIES + 1);
  expect(retries.map((r) => `${r.retry} of ${r.maxRetries}`)).toEqual(["1 of 4", "2 of 4", "3 of 4", "4 of 4"]);
  const error = failure(result);
  expect(error.code).toBe("generation.provider_unavailable");
  expect(error.message).toContain("model requires more system memory (5.0 GiB) than is available");
  expect(error.message).toContain("after 5 requests");
  expect(error.hint).not.toContain("try again later");
});

test("a non-JSON error page is named by its status and what it says; a plain-text one is quoted", async () => {
  const { result } = await run(always({ raw: "<html><head><title>502 Bad Gateway</title></head></html>", status: 502, contentType: "text/html" }));
  expect(failure(result).message).toContain('instead of the model (HTTP 502, an HTML page): its page says "502 Bad Gateway"');
  const text = await run(always({ raw: "upstream connect error or disconnect/reset before headers. reset reason: overflow", status: 503, contentType: "text/plain" }));
  expect(failure(text.result).message).toContain("(HTTP 503): content-type text/plain, 81 bytes: upstream connect error or disconnect/reset before headers");
});

test("usage reported with an HTTP error is counted too", async () => {
  const { result } = await run(always({ status: 400, message: "Invalid 'messages[1].role'", usage: BILLED }));
  expect(failure(result).code).toBe("generation.request_rejected");
  expect(result.usage).toEqual({ promptTokens: 1000, completionTokens: 200 });
});

test("a prompt too large for the model is that module's failure, in the server's words, not the run's", async () => {
  const words = "This model's maximum context length is 8192 tokens. However, your messages resulted in 9100 tokens.";
  const { result, requests } = await run(always({ status: 400, message: words }));
  expect(requests).toBe(1);
  const error = failure(result);
  expect(error.code).toBe("generation.context_exceeded");
  expect(error.fatal).toBe(false);
  expect(error.message).toContain(words);
  expect(error.hint).toContain("split the spec module");
});

test("an empty message is named and costs one more request at most", async () => {
  const { result, requests } = await run(always({ content: "   " }));
  expect(requests).toBe(2);
  expect(failure(result).message).toContain("answered with an empty message");
});

test("an error next to empty choices, or in a choice with finish_reason 'error', is the failure that is reported", async () => {
  const besideEmpty = await run(always({ json: { choices: [], error: { message: "Upstream rate limit", code: 429 } } }));
  expect(besideEmpty.retries.map((r) => r.reason)[0]).toBe("HTTP 429");
  expect(failure(besideEmpty.result).message).toContain("Upstream rate limit");
  const inChoice = await run(always({ json: { choices: [{ index: 0, message: { role: "assistant", content: "" }, finish_reason: "error", error: { message: "Model crashed mid-answer", code: 400 } }], usage: BILLED } }));
  expect(inChoice.requests).toBe(1);
  expect(failure(inChoice.result).message).toContain("Model crashed mid-answer");
  expect(inChoice.result.usage.promptTokens).toBe(1000);
});

test("403 names the model and access, not a rejected key; not retried", async () => {
  const { result, requests } = await run(always({ status: 403, message: "Project does not have access to model gpt-4o-mini" }));
  expect(requests).toBe(1);
  const error = failure(result);
  expect(error.message).toContain('refused model "gpt-4o-mini"');
  expect(error.message).toContain("Project does not have access to model");
  expect(error.hint).toContain("lack access");
});
