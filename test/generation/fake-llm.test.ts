import { afterAll, beforeAll, expect, test } from "bun:test";
import OpenAI from "openai";
import { generateModule } from "../../src/generation/generate-module.ts";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, testSettings, type SpecProject } from "../support/generation-project.ts";

let llm: FakeLlm;
let project: SpecProject;
beforeAll(() => {
  llm = startFakeLlm({ defaults: { "src/slug": SLUG_GOOD } });
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC });
});
afterAll(async () => {
  await llm.stop();
  project.cleanup();
});

test("the fake server speaks the OpenAI protocol to the real client: models and completions", async () => {
  const client = new OpenAI({ apiKey: "x", baseURL: llm.url, maxRetries: 0 });
  const models = await client.models.list();
  expect(models.data.map((m) => m.id)).toEqual(["fake-model"]);
  const answer = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "# Implement module `src/slug`" }] });
  expect(answer.choices[0]?.message.content).toBe(fence(SLUG_GOOD));
  expect(answer.usage?.prompt_tokens).toBe(8);
  expect(llm.requestsFor("src/slug").at(-1)?.headers["content-type"]).toContain("application/json");
});

test("default answers serve e2e builds; a responder can answer anything else", async () => {
  const result = await generateModule(slugInput(), testSettings(project.root, llm.url, { noCache: true }));
  expect(result.ok).toBe(true);
  llm.respond((r) => (r.module === "src/other" ? "from responder" : undefined));
  const client = new OpenAI({ apiKey: "x", baseURL: llm.url, maxRetries: 0 });
  const answer = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "# Implement module `src/other`" }] });
  expect(answer.choices[0]?.message.content).toBe("from responder");
  const unknown = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
  expect(unknown instanceof OpenAI.APIError && unknown.status).toBe(418);
});

test("an abort during a hanging request rejects promptly", async () => {
  llm.script("src/slug", [{ hang: true }]);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error("stop now")), 100);
  const started = performance.now();
  const outcome = await generateModule(slugInput(), testSettings(project.root, llm.url, { noCache: true }), { signal: controller.signal }).catch((e: unknown) => e);
  expect(outcome instanceof Error && outcome.message).toBe("stop now");
  expect(performance.now() - started).toBeLessThan(2000);
});

test("per-request delay applies to every reply", async () => {
  const slow = startFakeLlm({ delayMs: 150, defaults: { "src/slug": SLUG_GOOD } });
  try {
    const started = performance.now();
    const client = new OpenAI({ apiKey: "x", baseURL: slow.url, maxRetries: 0 });
    await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "# Implement module `src/slug`" }] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  } finally {
    await slow.stop();
  }
});
