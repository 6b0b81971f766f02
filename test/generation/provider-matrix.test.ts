/**
 * The tested matrix of docs/providers.md: for each provider, the settings the
 * page gives (base URL path, key variable) reach the right route with the
 * right key through the real `openai` client, and the quirks the page lists —
 * replayed as that provider sends them — are handled as it says.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { LlmConfig } from "../../src/config/types.ts";
import { generateModule } from "../../src/generation/generate-module.ts";
import { initialShape } from "../../src/generation/llm/request-shape.ts";
import type { GenerationResult, RetryNotice } from "../../src/generation/types.ts";
import { fence, startFakeLlm, type FakeLlm, type FakeLlmOptions, type FakeReply } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, testSettings, type SpecProject } from "../support/generation-project.ts";

let project: SpecProject;
beforeAll(() => {
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC });
});
afterAll(() => project.cleanup());

interface Provider {
  /** Path of the documented base_url (`/openai/v1/` for Azure …). */
  readonly basePath: string;
  /** The documented api_key_env; undefined for keyless local servers. */
  readonly keyEnv?: string;
  /** Local servers are reached on localhost. */
  readonly local?: boolean;
  /** The path the user configured, when it differs from where the server listens (a base_url missing /v1). */
  readonly configuredPath?: string;
}

const KEY = "provider-key-0123456789";

async function run(provider: Provider, replies: readonly FakeReply[], llm: Partial<LlmConfig> = {}, server: FakeLlmOptions = {}): Promise<{ result: GenerationResult; fake: FakeLlm; retries: RetryNotice[] }> {
  const fake = startFakeLlm({ basePath: provider.basePath, defaults: { "src/slug": SLUG_GOOD }, ...server });
  try {
    fake.script("src/slug", replies);
    const origin = new URL(fake.url).origin;
    const url = `${provider.local ? origin.replace("127.0.0.1", "localhost") : origin}${provider.configuredPath ?? provider.basePath}`;
    const env = provider.keyEnv ? { [provider.keyEnv]: KEY } : {};
    const settings = testSettings(project.root, url, { noCache: true, env }, { apiKeyEnv: provider.keyEnv ?? "OPENAI_API_KEY", maxRetries: 3, ...llm });
    const retries: RetryNotice[] = [];
    const result = await generateModule(slugInput(), settings, { onEvent: (e) => void (e.type === "provider_retry" && retries.push(e)) });
    const route = `${(provider.configuredPath ?? provider.basePath).replace(/\/+$/, "")}/chat/completions`;
    for (const request of fake.requests) {
      expect(request.path).toBe(route);
      expect(request.headers.authorization).toBe(`Bearer ${provider.keyEnv ? KEY : "jaunt-no-key"}`);
    }
    return { result, fake, retries };
  } finally {
    await fake.stop();
  }
}

const error = (result: GenerationResult) => (result.ok ? undefined : result.error);
const json = (status: number, body: unknown): FakeReply => ({ raw: JSON.stringify(body), status, contentType: "application/json" });

describe("OpenAI", () => {
  const openai: Provider = { basePath: "/v1", keyEnv: "OPENAI_API_KEY" };
  test("max_completion_tokens for api.openai.com, max_tokens elsewhere", () => {
    expect(initialShape("https://api.openai.com/v1").tokensField).toBe("max_completion_tokens");
    expect(initialShape("https://example.openai.azure.com/openai/v1/").tokensField).toBe("max_tokens");
  });
  test("429 with x-ratelimit-reset-tokens: the exhausted limit's reset is waited once", async () => {
    const limited: FakeReply = { status: 429, message: "Rate limit reached for gpt-4.1-mini on tokens per min (TPM)", headers: { "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "200ms", "x-ratelimit-remaining-requests": "499", "x-ratelimit-reset-requests": "120ms" } };
    const { result, fake } = await run(openai, [limited, fence(SLUG_GOOD)]);
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.at ?? 0).toBeGreaterThanOrEqual((fake.requests[0]?.at ?? 0) + 190);
  });
  test("429 insufficient_quota: quota exhausted, one request", async () => {
    const { result, fake } = await run(openai, [{ status: 429, code: "insufficient_quota", message: "You exceeded your current quota" }]);
    expect(error(result)?.code).toBe("generation.quota_exhausted");
    expect(fake.requests).toHaveLength(1);
  });
});

describe("Azure OpenAI (v1)", () => {
  const azure: Provider = { basePath: "/openai/v1/", keyEnv: "AZURE_OPENAI_API_KEY" };
  test("o-series/gpt-5 reject max_tokens: switched to max_completion_tokens once", async () => {
    const rejectParams = { max_tokens: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead." };
    const { result, fake } = await run(azure, [], { maxTokens: 8000, model: "o4-mini" }, { rejectParams });
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });
  test("429 with retry-after-ms is waited as asked, once", async () => {
    const { result, fake, retries } = await run(azure, [{ status: 429, message: "Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded call rate limit.", headers: { "retry-after-ms": "200", "retry-after": "1" } }, fence(SLUG_GOOD)]);
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(retries.map((r) => [r.delayMs, r.waitSource])).toEqual([[200, "retry-after-ms header"]]);
    expect(fake.requests[1]?.at ?? 0).toBeGreaterThanOrEqual((fake.requests[0]?.at ?? 0) + 190);
  });
  test("finish_reason content_filter is named, one more request at most", async () => {
    const filtered: FakeReply = { content: "", finishReason: "content_filter" };
    const { result, fake } = await run(azure, [filtered, filtered, filtered]);
    expect(error(result)?.code).toBe("generation.content_filtered");
    expect(fake.requests).toHaveLength(2);
  });
});

describe("OpenRouter", () => {
  const openrouter: Provider = { basePath: "/api/v1", keyEnv: "OPENROUTER_API_KEY" };
  test("an upstream error inside a 200 (code 502, metadata.raw) is retried and can succeed", async () => {
    const { result, fake } = await run(openrouter, [{ json: { error: { code: 502, message: "Provider returned error", metadata: { raw: "upstream timeout", provider_name: "Acme" } } } }, fence(SLUG_GOOD)]);
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });
  test("'No endpoints found' inside a 200 is not retried; 402 (credits) is quota", async () => {
    const missing = await run(openrouter, [{ json: { error: { code: 404, message: "No endpoints found for this model" } } }]);
    expect(error(missing.result)?.message).toContain("No endpoints found for this model");
    expect(missing.fake.requests).toHaveLength(1);
    const broke = await run(openrouter, [{ status: 402, message: "Insufficient credits. Add more using https://openrouter.ai/credits" }]);
    expect(error(broke.result)?.code).toBe("generation.quota_exhausted");
  });
});

describe("Ollama", () => {
  const ollama: Provider = { basePath: "/v1", local: true };
  test("no key needed on localhost; a thinking model's `reasoning` without an answer is named", async () => {
    const ok = await run(ollama, [fence(SLUG_GOOD)]);
    expect(ok.result.ok).toBe(true);
    const thinking: FakeReply = { message: { content: "", reasoning: "Okay, the user wants a slug…" }, finishReason: "length" };
    const { result } = await run(ollama, [thinking, thinking]);
    expect(error(result)?.code).toBe("generation.reasoning_only");
  });
  test("a 500 from a model that does not fit in memory ends with the server's words", async () => {
    const { result } = await run(ollama, Array.from({ length: 4 }, () => ({ status: 500, message: "model requires more system memory (5.0 GiB) than is available (3.1 GiB)" })));
    expect(error(result)?.message).toContain("model requires more system memory");
  });
});

describe("LM Studio", () => {
  test("a base_url without /v1 (200 'Unexpected endpoint or method') gets the /v1 hint", async () => {
    const lmStudio: Provider = { basePath: "/v1", configuredPath: "", local: true };
    const { result, fake } = await run(lmStudio, [], {}, { unknownRoute: { json: { error: "Unexpected endpoint or method. (POST /chat/completions)" } } });
    expect(error(result)?.message).toContain("Unexpected endpoint or method");
    expect(error(result)?.hint).toContain("/v1");
    expect(fake.requests).toHaveLength(1);
  });
});

describe("vLLM", () => {
  const vllm: Provider = { basePath: "/v1", keyEnv: "VLLM_API_KEY" };
  test("its error shape {object: 'error', message} is quoted", async () => {
    const words = "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.";
    const { result } = await run(vllm, [json(400, { object: "error", message: words, type: "BadRequestError", param: null, code: 400 })]);
    expect(error(result)?.message).toContain(words);
  });
  test("max_tokens goes out as max_tokens (older vLLM forbids max_completion_tokens), with stream: false", async () => {
    const rejectParams = { max_completion_tokens: "[{'type': 'extra_forbidden', 'loc': ('body', 'max_completion_tokens'), 'msg': 'Extra inputs are not permitted'}]" };
    const { result, fake } = await run(vllm, [], { maxTokens: 1000 }, { rejectParams });
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(1);
    expect(JSON.parse(fake.requests[0]?.rawBody ?? "{}")).toMatchObject({ max_tokens: 1000, stream: false });
  });
});

describe("llama.cpp server", () => {
  const llamacpp: Provider = { basePath: "/v1", local: true };
  test("500 'Context size has been exceeded.' is the context window: one request, no busy hint", async () => {
    const { result, fake } = await run(llamacpp, [json(500, { error: { code: 500, message: "Context size has been exceeded.", type: "server_error" } })]);
    expect(error(result)?.code).toBe("generation.context_exceeded");
    expect(error(result)?.hint).toContain("--ctx-size");
    expect(fake.requests).toHaveLength(1);
  });
  test("503 'Loading model' is retried until the model is loaded", async () => {
    const loading = json(503, { error: { code: 503, message: "Loading model", type: "unavailable_error" } });
    const { result, fake } = await run(llamacpp, [loading, loading, fence(SLUG_GOOD)]);
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(3);
  });
});

describe("Gemini (OpenAI compatibility)", () => {
  const gemini: Provider = { basePath: "/v1beta/openai/", keyEnv: "GEMINI_API_KEY" };
  test("429 RESOURCE_EXHAUSTED with RetryInfo.retryDelay in the body is waited as asked", async () => {
    const exhausted = json(429, [{ error: { code: 429, message: "Resource has been exhausted (e.g. check quota).", status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "0.2s" }] } }]);
    const { result, fake } = await run(gemini, [exhausted, fence(SLUG_GOOD)], { model: "gemini-2.5-flash" });
    expect(result.ok).toBe(true);
    expect(fake.requests[1]?.at ?? 0).toBeGreaterThanOrEqual((fake.requests[0]?.at ?? 0) + 190);
  });
  test("finish_reason MAX_TOKENS with a cut answer is truncation", async () => {
    const cut: FakeReply = { content: `\`\`\`ts\n${SLUG_GOOD.slice(0, 150)}`, finishReason: "MAX_TOKENS" };
    const { result } = await run(gemini, [cut, cut], { model: "gemini-2.5-flash" });
    expect(error(result)?.message).toContain('cut off at the output token limit (finish_reason "MAX_TOKENS")');
  });
  test("base_url ending in /v1beta/openai/ works; its array-wrapped errors are quoted", async () => {
    const ok = await run(gemini, [fence(SLUG_GOOD)], { model: "gemini-2.5-flash" });
    expect(ok.result.ok).toBe(true);
    const words = "API key not valid. Please pass a valid API key.";
    const { result } = await run(gemini, [json(400, [{ error: { code: 400, message: words, status: "INVALID_ARGUMENT" } }])]);
    expect(error(result)?.message).toContain(words);
  });
});

describe("Anthropic (OpenAI SDK compatibility)", () => {
  test("base_url /v1/ works; 529 overloaded_error is retried", async () => {
    const anthropic: Provider = { basePath: "/v1/", keyEnv: "ANTHROPIC_API_KEY" };
    const overloaded = json(529, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    const { result, fake } = await run(anthropic, [overloaded, fence(SLUG_GOOD)], { model: "claude-sonnet-4-5" });
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });
});

describe("DeepSeek", () => {
  const deepseek: Provider = { basePath: "/v1", keyEnv: "DEEPSEEK_API_KEY" };
  test("deepseek-reasoner's reasoning_content is not the answer; content is", async () => {
    const { result } = await run(deepseek, [{ message: { content: fence(SLUG_GOOD), reasoning_content: "```ts\nexport const draft = 1;\n```" } }], { model: "deepseek-reasoner" });
    expect(result.ok && result.code).not.toContain("draft");
    expect(result.ok).toBe(true);
  });
  test("finish_reason insufficient_system_resource (stopped mid-answer) is retried", async () => {
    const { result, fake } = await run(deepseek, [{ content: "```ts\nexport function slug", finishReason: "insufficient_system_resource" }, fence(SLUG_GOOD)]);
    expect(result.ok && result.attempts).toBe(1); // a provider retry, not a validation attempt spent on a cut answer
    expect(fake.requests).toHaveLength(2);
  });
  test("402 Insufficient Balance is quota, not retried", async () => {
    const { result, fake } = await run(deepseek, [json(402, { error: { message: "Insufficient Balance", type: "unknown_error", code: "invalid_request_error" } })]);
    expect(error(result)?.code).toBe("generation.quota_exhausted");
    expect(fake.requests).toHaveLength(1);
  });
});

describe("Qwen (DashScope, OpenAI compatible mode)", () => {
  const qwen: Provider = { basePath: "/compatible-mode/v1", keyEnv: "DASHSCOPE_API_KEY" };
  test("'Range of input length should be [1, 30720]' is the context window: one request", async () => {
    const tooLong = json(400, { error: { message: "<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 30720]", type: "invalid_request_error", param: null, code: "invalid_parameter_error" } });
    const { result, fake } = await run(qwen, [tooLong], { model: "qwen-plus" });
    expect(error(result)?.code).toBe("generation.context_exceeded");
    expect(fake.requests).toHaveLength(1);
  });
});

describe("xAI", () => {
  const xai: Provider = { basePath: "/v1", keyEnv: "XAI_API_KEY" };
  test("a connection reset in the middle of the answer is retried", async () => {
    const { result, fake } = await run(xai, [{ resetAfter: '{"id":"a","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"```ts' }, fence(SLUG_GOOD)], { model: "grok-4" });
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });
});

describe("a model behind Cloudflare or nginx", () => {
  const proxied: Provider = { basePath: "/v1", keyEnv: "OPENAI_API_KEY" };
  const page = (title: string) => `<!DOCTYPE html>\n<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->\n<html lang="en-US"><head><title>${title}</title></head><body></body></html>`;
  test("Cloudflare's 403 challenge page names the proxy and the page, not the key: one request", async () => {
    const { result, fake } = await run(proxied, [{ raw: page("Just a moment..."), status: 403, contentType: "text/html; charset=UTF-8", headers: { server: "cloudflare" } }]);
    expect(error(result)?.code).toBe("generation.proxy_rejected");
    expect(error(result)?.message).toContain('(server: cloudflare)');
    expect(error(result)?.message).not.toContain("OPENAI_API_KEY");
    expect(fake.requests).toHaveLength(1);
  });
  test("a 502 from nginx whose body is labelled gzip but is not: the status and page survive", async () => {
    const bad: FakeReply = { raw: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", status: 502, contentType: "text/html", headers: { "content-encoding": "gzip", server: "nginx" } };
    const { result } = await run(proxied, [bad, bad, bad, bad]);
    expect(error(result)?.message).toContain('(server: nginx) answered for');
    expect(error(result)?.message).toContain('(HTTP 502, an HTML page): its page says "502 Bad Gateway" (after 4 requests)');
  });
});
