/**
 * A server that names an unsupported parameter: Jaunt switches what it can
 * express another way (max_tokens ↔ max_completion_tokens, its own
 * stream: false) once, says so, and reuses the shape; a value the user set
 * and the model rejects fails at once in the provider's words.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { LlmConfig } from "../../src/config/types.ts";
import { generateModule } from "../../src/generation/generate-module.ts";
import type { GenerationEvent, GenerationResult, GenerationSettings } from "../../src/generation/types.ts";
import { startFakeLlm, type FakeLlmOptions } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, testSettings, type SpecProject } from "../support/generation-project.ts";

let project: SpecProject;
beforeAll(() => {
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC });
});
afterAll(() => project.cleanup());

const AZURE_O_SERIES = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
const VLLM_EXTRA = "[{'type': 'extra_forbidden', 'loc': ('body', 'max_completion_tokens'), 'msg': 'Extra inputs are not permitted'}]";

async function run(server: FakeLlmOptions, llm: Partial<LlmConfig>, overrides: Partial<GenerationSettings> = {}) {
  const fake = startFakeLlm({ defaults: { "src/slug": SLUG_GOOD }, ...server });
  try {
    const events: GenerationEvent[] = [];
    const result: GenerationResult = await generateModule(slugInput(), testSettings(project.root, fake.url, { noCache: true, ...overrides }, llm), { onEvent: (e) => events.push(e) });
    const bodies = fake.requests.map((r): Record<string, unknown> => JSON.parse(r.rawBody));
    return { result, bodies, reshaped: events.flatMap((e) => (e.type === "request_reshaped" ? [e] : [])) };
  } finally {
    await fake.stop();
  }
}

test("max_tokens rejected (Azure OpenAI v1, o-series): one switch to max_completion_tokens, announced, then remembered", async () => {
  const first = await run({ rejectParams: { max_tokens: AZURE_O_SERIES } }, { maxTokens: 4000 });
  expect(first.result.ok).toBe(true);
  expect(first.bodies.map((b) => [b.max_tokens, b.max_completion_tokens])).toEqual([
    [4000, undefined],
    [undefined, 4000],
  ]);
  expect(first.reshaped).toHaveLength(1);
  expect(first.reshaped[0]?.note).toContain("sending [llm] max_tokens as max_completion_tokens");
  // The learned shape, handed to later modules of the run, costs no second rejection.
  const later = await run({ rejectParams: { max_tokens: AZURE_O_SERIES } }, { maxTokens: 4000 }, { requestShape: first.reshaped[0]?.shape });
  expect(later.bodies).toHaveLength(1);
  expect(later.bodies[0]?.max_completion_tokens).toBe(4000);
});

test("max_completion_tokens rejected (a server that knows only max_tokens): switched back the other way", async () => {
  const { result, bodies } = await run({ rejectParams: { max_completion_tokens: VLLM_EXTRA } }, { maxTokens: 2000 }, { requestShape: { tokensField: "max_completion_tokens", streamFalse: true } });
  expect(result.ok).toBe(true);
  expect(bodies.map((b) => b.max_tokens)).toEqual([undefined, 2000]);
});

test("a server that rejects both names fails after one switch, in its own words", async () => {
  const { result, bodies } = await run({ rejectParams: { max_tokens: AZURE_O_SERIES, max_completion_tokens: VLLM_EXTRA } }, { maxTokens: 2000 });
  expect(bodies).toHaveLength(2);
  expect(!result.ok && result.error.code).toBe("generation.request_rejected");
  expect(!result.ok && result.error.message).toContain("Extra inputs are not permitted");
  expect(!result.ok && result.error.hint).toContain("[llm] max_tokens is set in jaunt.toml");
});

test("Jaunt's own stream: false is dropped when a server rejects it", async () => {
  const { result, bodies, reshaped } = await run({ rejectParams: { stream: "Unrecognized request argument supplied: stream" } }, {});
  expect(result.ok).toBe(true);
  expect(bodies.map((b) => "stream" in b)).toEqual([true, false]);
  expect(reshaped[0]?.note).toContain("stream");
});

test("a temperature the user set and the model rejects fails at once, naming the setting", async () => {
  const words = "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.";
  const { result, bodies } = await run({ rejectParams: { temperature: words } }, { temperature: 0 });
  expect(bodies).toHaveLength(1);
  expect(!result.ok && result.error.message).toContain(words);
  expect(!result.ok && result.error.hint).toContain("[llm] temperature is set in jaunt.toml");
  expect(!result.ok && result.error.fatal).toBe(true);
});

test("no max_tokens or temperature goes out unless the user set it", async () => {
  const { bodies } = await run({}, { temperature: undefined, maxTokens: undefined });
  expect(Object.keys(bodies[0] ?? {}).sort()).toEqual(["messages", "model", "stream"]);
});

test("stream and max_tokens rejected by the same server: each is reshaped once", async () => {
  const { result, bodies, reshaped } = await run({ rejectParams: { stream: "Unrecognized request argument supplied: stream", max_tokens: AZURE_O_SERIES } }, { maxTokens: 100 });
  expect(result.ok).toBe(true);
  expect(reshaped).toHaveLength(2);
  expect(bodies.at(-1)).toMatchObject({ max_completion_tokens: 100 });
  expect(bodies.at(-1)).not.toHaveProperty("stream");
  expect(bodies).toHaveLength(3);
});
