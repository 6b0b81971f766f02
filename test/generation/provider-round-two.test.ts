/**
 * The second round of provider behaviours, each a kind, replayed through the
 * real `openai` client against the fake server: the server's own wait in
 * every form, truncation in every finish_reason dialect, a context-size
 * error inside a 5xx, a reset in the middle of the body, a body that is not
 * in its content-encoding, and a proxy's HTML page in place of the API.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { isTruncation } from "../../src/generation/llm/finish-reason.ts";
import { generateModule } from "../../src/generation/generate-module.ts";
import type { GenerationEvent, GenerationResult } from "../../src/generation/types.ts";
import { fence, startFakeLlm, type FakeReply } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, TEST_KEY, testSettings, type SpecProject } from "../support/generation-project.ts";

let project: SpecProject;
beforeAll(() => {
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC });
});
afterAll(() => project.cleanup());

const MAX_RETRIES = 4;
type Retry = Extract<GenerationEvent, { type: "provider_retry" }>;

async function run(replies: readonly FakeReply[] | ((n: number) => FakeReply), attempts = 2) {
  const llm = startFakeLlm({ requireKey: TEST_KEY });
  try {
    if (typeof replies === "function") {
      let n = 0;
      llm.respond(() => replies(n++));
    } else llm.script("src/slug", replies);
    const events: GenerationEvent[] = [];
    const started = performance.now();
    const result = await generateModule(slugInput(), testSettings(project.root, llm.url, { noCache: true, attempts }, { maxRetries: MAX_RETRIES }), { onEvent: (e) => events.push(e) });
    const retries = events.flatMap((e): Retry[] => (e.type === "provider_retry" ? [e] : []));
    const invalid = events.flatMap((e) => (e.type === "invalid" ? e.diagnostics : []));
    return { result, requests: llm.requests.length, retries, invalid, ms: performance.now() - started };
  } finally {
    await llm.stop();
  }
}

function failure(result: GenerationResult) {
  if (result.ok) throw new Error(`expected a failure, got ok after ${result.attempts} attempt(s)`);
  return result.error;
}

const always = (reply: FakeReply) => () => reply;
/** `reply` for the first `n` requests, then the good answer. */
const first = (n: number, reply: FakeReply) => (i: number) => (i < n ? reply : fence(SLUG_GOOD));

describe("the server's own wait", () => {
  // Test settings cap a server's wait at 300 ms (production: 60 s, and the request timeout).
  test.each([
    ["Azure's retry-after-ms", { status: 429, headers: { "retry-after-ms": "250" } }, 250, "retry-after-ms header"],
    ["Gemini's RetryInfo.retryDelay in the body", { json: [{ error: { code: 429, message: "Resource has been exhausted (e.g. check quota).", status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "0.25s" }] } }], status: 429 }, 250, "RetryInfo.retryDelay in the body"],
    ["the exhausted limit's x-ratelimit-reset-tokens", { status: 429, headers: { "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "250ms", "x-ratelimit-remaining-requests": "59", "x-ratelimit-reset-requests": "1m30s" } }, 250, "x-ratelimit-reset-tokens header"],
    ["'Please try again in 250ms' in the message", { status: 429, message: "Rate limit reached for gpt-4o-mini in organization org-x on tokens per min (TPM): Limit 200000, Used 199800, Requested 900. Please try again in 250ms." }, 250, "the server's message"],
    ["Retry-After on an error inside a 200", { json: { error: { code: 429, message: "Rate limited by upstream. Please retry in 0.25s." } } }, 250, "the server's message"],
  ] satisfies [string, FakeReply, number, string][])("%s is honoured, once, and said with its source", async (_name, reply, ms, source) => {
    const { result, requests, retries, ms: took } = await run(first(1, reply));
    expect(result.ok).toBe(true);
    expect(requests).toBe(2);
    expect(retries.map((r) => [r.delayMs, r.waitSource])).toEqual([[ms, source]]);
    expect(took).toBeGreaterThanOrEqual(ms - 10);
  });

  test("a wait longer than Jaunt waits ends the request at once: one request, the wait, its source, and the provider's words", async () => {
    const quota = { json: [{ error: { code: 429, message: "You exceeded your current quota, please check your plan and billing details.", status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "12s" }] } }], status: 429 } satisfies FakeReply;
    const { result, requests, retries } = await run(always(quota));
    expect(requests).toBe(1);
    expect(retries).toEqual([]);
    const error = failure(result);
    expect(error.code).toBe("generation.retry_later");
    expect(error.fatal).toBe(true);
    expect(error.message).toContain("You exceeded your current quota");
    expect(error.message).toContain("the server asks for 12 s before the next request (RetryInfo.retryDelay in the body), longer than Jaunt waits (300 ms)");
    expect(error.hint).toContain("run again once the server's limit has reset");
  });

  test("without a wait from the server, Jaunt's own backoff applies and names no source", async () => {
    const { retries } = await run(first(1, { status: 503, message: "Service Unavailable" }));
    expect(retries).toHaveLength(1);
    expect(retries[0]?.waitSource).toBeUndefined();
    expect(retries[0]?.delayMs).toBeLessThanOrEqual(20);
  });
});

describe("truncation in every dialect", () => {
  test("finish reasons that mean the token limit, and ones that do not", () => {
    for (const reason of ["length", "MAX_TOKENS", "max_tokens", "max_output_tokens", "max_completion_tokens", "model_length", "max-tokens", "FINISH_REASON_MAX_TOKENS", "model_context_window_exceeded"]) expect(isTruncation(reason)).toBe(true);
    for (const reason of ["stop", "STOP", "end_turn", "eos_token", "tool_calls", "content_filter", "", null]) expect(isTruncation(reason)).toBe(false);
  });

  const CUT = `Here is the module:\n\n\`\`\`ts\n${SLUG_GOOD.slice(0, 120)}`;
  test.each(["MAX_TOKENS", "max_tokens", "max_output_tokens", "model_length"])("a cut answer with finish_reason %p is reported as truncation, not a syntax error", async (reason) => {
    const { result, invalid, requests } = await run([{ content: CUT, finishReason: reason }, { content: CUT, finishReason: reason }]);
    expect(requests).toBe(2);
    expect(invalid.map((d) => d.code)).toEqual(["jaunt/truncated-output", "jaunt/truncated-output"]);
    expect(invalid[0]?.message).toContain(`cut off at the output token limit (finish_reason "${reason}")`);
    expect(failure(result).hint).toContain("raise [llm] max_tokens");
  });

  test("an empty answer cut off at the limit (max_tokens) is truncation, not 'an empty message'; the next attempt can succeed", async () => {
    const { result, invalid } = await run([{ content: "", finishReason: "max_tokens" }, fence(SLUG_GOOD)]);
    expect(result.ok).toBe(true);
    expect(invalid.map((d) => d.code)).toEqual(["jaunt/truncated-output"]);
  });

  test("DeepSeek's insufficient_system_resource (the server stopped mid-answer) is retried", async () => {
    const { result, retries } = await run(first(1, { content: CUT, finishReason: "insufficient_system_resource" }));
    expect(result.ok).toBe(true);
    expect(retries.map((r) => r.reason)).toEqual(["server out of resources mid-answer"]);
  });
});

describe("the provider's words before the status class", () => {
  test("llama.cpp's 500 'Context size has been exceeded.' is the context window: one request, its hint", async () => {
    const { result, requests } = await run(always({ json: { error: { code: 500, message: "Context size has been exceeded.", type: "server_error" } }, status: 500 }));
    expect(requests).toBe(1);
    const error = failure(result);
    expect(error.code).toBe("generation.context_exceeded");
    expect(error.fatal).toBe(false);
    expect(error.message).toContain("(HTTP 500): Context size has been exceeded.");
    expect(error.hint).toContain("context window");
    expect(error.hint).not.toContain("busy");
  });

  test("a 504 'context deadline exceeded' from a Go gateway is still a timeout, retried", async () => {
    const { result, requests } = await run(first(1, { status: 504, message: "upstream request failed: context deadline exceeded" }));
    expect(result.ok).toBe(true);
    expect(requests).toBe(2);
  });

  test("a context overflow said inside a 200 (LM Studio) is the context window too", async () => {
    const words = "Trying to keep the first 6035 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough.";
    const { result, requests } = await run(always({ json: { error: words } }));
    expect(requests).toBe(1);
    expect(failure(result).code).toBe("generation.context_exceeded");
  });
});

describe("transport faults keep the status and the server's words", () => {
  const RESET: FakeReply = { resetAfter: '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Here' };
  test("a reset in the middle of the body is retried like a dropped connection", async () => {
    const { result, requests, retries } = await run(first(1, RESET));
    expect(result.ok).toBe(true);
    expect(requests).toBe(2);
    expect(retries[0]?.reason).toBe("connection dropped mid-answer (ECONNRESET)");
    expect(retries[0]?.detail).toContain("(HTTP 200) closed the connection before the whole answer arrived");
  });

  test("a reset on every request ends after max_retries with the status it had", async () => {
    const { result, requests } = await run(always(RESET));
    expect(requests).toBe(MAX_RETRIES + 1);
    const error = failure(result);
    expect(error.code).toBe("generation.provider_unavailable");
    expect(error.message).toContain("(HTTP 200) closed the connection before the whole answer arrived");
    expect(error.message).toContain(`(after ${MAX_RETRIES + 1} requests)`);
  });

  test("a 502 labelled gzip whose body is not gzip keeps its status and words", async () => {
    const { result, requests } = await run(always({ raw: JSON.stringify({ error: { message: "upstream connect error" } }), status: 502, contentType: "application/json", headers: { "content-encoding": "gzip" } }));
    expect(requests).toBe(MAX_RETRIES + 1);
    const error = failure(result);
    expect(error.code).toBe("generation.provider_unavailable");
    expect(error.message).toContain("(HTTP 502): upstream connect error (the body is labelled content-encoding gzip but is not in that encoding)");
    expect(error.message).not.toContain("ZlibError");
  });

  test("compressed answers are decoded (gzip), and a plain answer mislabelled gzip is still read", async () => {
    const body = (content: string) => JSON.stringify({ id: "x", object: "chat.completion", created: 0, model: "m", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] });
    const gz = await run([{ raw: body(fence(SLUG_GOOD)), contentType: "application/json", gzip: true }]);
    expect(gz.result.ok).toBe(true);
    const mislabelled = await run([{ raw: body(fence(SLUG_GOOD)), contentType: "application/json", headers: { "content-encoding": "gzip" } }]);
    expect(mislabelled.result.ok).toBe(true);
  });
});

describe("a proxy's page instead of the API", () => {
  const page = (title: string) =>
    `<!DOCTYPE html>\n<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->\n<html lang="en-US"><head><title>${title}</title><meta charset="UTF-8" /></head><body><h1>${title}</h1><p>Please enable cookies.</p></body></html>`;
  const cloudflare = { "content-type": "text/html; charset=UTF-8", server: "cloudflare", "cf-ray": "8a1b2c3d4e5f6789-AMS" };

  test("Cloudflare's 520 page: retried, named by status and title, not by its first bytes", async () => {
    const { result, requests } = await run(always({ raw: page("example.com | 520: Web server is returning an unknown error"), status: 520, contentType: "text/html; charset=UTF-8", headers: cloudflare }));
    expect(requests).toBe(MAX_RETRIES + 1);
    const error = failure(result);
    expect(error.message).toContain('a proxy or gateway (server: cloudflare) answered for');
    expect(error.message).toContain('instead of the model (HTTP 520, an HTML page): its page says "example.com | 520: Web server is returning an unknown error"');
    expect(error.message).not.toContain("<!DOCTYPE");
  });

  test("Cloudflare's 403 'Just a moment...' challenge is not blamed on the API key: one request, stops the run", async () => {
    const { result, requests } = await run(always({ raw: page("Just a moment..."), status: 403, contentType: "text/html; charset=UTF-8", headers: cloudflare }));
    expect(requests).toBe(1);
    const error = failure(result);
    expect(error.code).toBe("generation.proxy_rejected");
    expect(error.fatal).toBe(true);
    expect(error.message).toContain('its page says "Just a moment..."');
    expect(`${error.message} ${error.hint}`).not.toMatch(/API key|JAUNT_TEST_KEY/);
    expect(error.hint).toContain("the proxy refused the request before it reached the model");
  });

  test("nginx's 413 page is the proxy's body-size limit, not the model's context window", async () => {
    const nginx = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
    const { result, requests } = await run(always({ raw: nginx, status: 413, contentType: "text/html", headers: { server: "nginx/1.25.3" } }));
    expect(requests).toBe(1);
    const error = failure(result);
    expect(error.code).toBe("generation.request_too_large");
    expect(error.fatal).toBe(false);
    expect(error.message).toContain('(server: nginx/1.25.3)');
    expect(error.message).toContain('its page says "413 Request Entity Too Large"');
    expect(error.hint).toContain("client_max_body_size");
    expect(`${error.message} ${error.hint}`).not.toContain("context window");
  });

  test("JSON labelled text/html is the server's own error, not a proxy's page", async () => {
    const { result } = await run(always({ raw: JSON.stringify({ error: { message: "Invalid API key in request" } }), status: 401, contentType: "text/html" }));
    expect(failure(result).code).toBe("generation.auth_failed");
    expect(failure(result).message).toContain("(HTTP 401): Invalid API key in request");
  });

  test("a 413 in the provider's JSON words is judged by those words", async () => {
    const tooBig = await run(always({ json: { type: "error", error: { type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes." } }, status: 413 }));
    expect(failure(tooBig.result).code).toBe("generation.request_too_large");
    const context = await run(always({ status: 413, message: "prompt is too long: 215000 tokens > 200000 maximum" }));
    expect(failure(context.result).code).toBe("generation.context_exceeded");
  });
});

test("a socket error of a dropped connection thrown outside the SDK's connection errors is retried, not 'provider failed'", async () => {
  const sdk = await import("openai");
  const { resolveEndpoint } = await import("../../src/generation/llm/endpoint.ts");
  const { classifyThrown } = await import("../../src/generation/llm/transport-errors.ts");
  const { testLlmConfig } = await import("../support/generation-project.ts");
  const endpoint = resolveEndpoint(testLlmConfig({ baseUrl: "http://127.0.0.1:9/v1" }), { JAUNT_TEST_KEY: TEST_KEY });
  const ctx = { endpoint, model: "m", apiKeyEnv: "JAUNT_TEST_KEY", timeoutSeconds: 10 };
  const reset = Object.assign(new TypeError("ECONNRESET: The socket connection was closed unexpectedly."), { code: "ECONNRESET" });
  expect(classifyThrown(sdk, reset, ctx)).toMatchObject({ retry: "backoff", reason: "connection dropped (ECONNRESET)" });
  expect(classifyThrown(sdk, new TypeError("Invalid URL"), ctx)).toMatchObject({ retry: "never", code: "generation.provider_failed" });
});
