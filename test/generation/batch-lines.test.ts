/** Batch API files: request lines out, output and error lines in (OpenAI's documented shapes). */
import { expect, test } from "bun:test";
import { batchCustomId, batchRequestLine, readBatchResults } from "../../src/generation/batch/batch-lines.ts";
import type { Endpoint } from "../../src/generation/llm/endpoint.ts";
import { testLlmConfig } from "../support/generation-project.ts";

const ENDPOINT: Endpoint = { baseUrl: "https://api.openai.com/v1", displayUrl: "https://api.openai.com/v1", baseUrlSource: "default", apiKey: "sk-test-SECRET-abcdef", keyIsPlaceholder: false };

test("a request line carries the custom_id, the chat route and the first-attempt body, without stream", () => {
  const llm = testLlmConfig({ model: "gpt-5-mini", maxTokens: 2000, temperature: undefined });
  const id = batchCustomId("src/slug", "0123456789abcdef0123");
  expect(id).toBe("src/slug#0123456789abcdef");
  const line: unknown = JSON.parse(batchRequestLine(id, llm, ENDPOINT.baseUrl, [{ role: "system", content: "s" }, { role: "user", content: "u" }]));
  expect(line).toEqual({
    custom_id: id,
    method: "POST",
    url: "/v1/chat/completions",
    body: { model: "gpt-5-mini", messages: [{ role: "system", content: "s" }, { role: "user", content: "u" }], max_completion_tokens: 2000 },
  });
});

test("output and error lines become answers or reasons in the provider's words", () => {
  const completion = { id: "c", object: "chat.completion", created: 0, model: "gpt-5-mini", choices: [{ index: 0, message: { role: "assistant", content: "```ts\nexport {};\n```" }, finish_reason: "stop" }], usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } };
  const output = [
    JSON.stringify({ id: "r1", custom_id: "src/a#1", response: { status_code: 200, request_id: "q", body: completion }, error: null }),
    JSON.stringify({ id: "r2", custom_id: "src/b#2", response: { status_code: 400, request_id: "q", body: { error: { message: "Invalid model gpt-9", type: "invalid_request_error" } } }, error: null }),
    "not json",
  ].join("\n");
  const errors = JSON.stringify({ id: "r3", custom_id: "src/c#3", response: null, error: { code: "batch_expired", message: "This request could not be executed before the completion window expired." } });
  const results = readBatchResults([output, errors], testLlmConfig(), ENDPOINT);
  expect(results.get("src/a#1")).toEqual({ ok: true, answer: { text: "```ts\nexport {};\n```", finishReason: "stop", truncated: false, usage: { promptTokens: 120, completionTokens: 30 } } });
  expect(results.get("src/b#2")).toEqual({ ok: false, reason: "HTTP 400: Invalid model gpt-9" });
  expect(results.get("src/c#3")).toEqual({ ok: false, reason: "batch_expired: This request could not be executed before the completion window expired." });
  expect(results.size).toBe(3);
});
