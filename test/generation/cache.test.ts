import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cacheKey, clearCache } from "../../src/generation/cache/response-cache.ts";
import { generateModule } from "../../src/generation/generate-module.ts";
import { renderMessages } from "../../src/generation/prompts/render-messages.ts";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, testLlmConfig, testSettings, type SpecProject } from "../support/generation-project.ts";

let llm: FakeLlm;
let project: SpecProject;
beforeAll(() => {
  llm = startFakeLlm();
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC });
});
afterAll(async () => {
  await llm.stop();
  project.cleanup();
});

const cacheDir = () => path.join(project.root, ".jaunt/cache");
const WRONG = SLUG_GOOD.replace("(title: string): string", "(title: string): number").replace("return slug;", "return slug.length;");

test("a module that needed a retry is cached under its first request, then served (re-validated) and offline", async () => {
  llm.script("src/slug", [fence(WRONG), fence(SLUG_GOOD)]);
  const first = await generateModule(slugInput(), testSettings(project.root, llm.url));
  expect(first.ok && first.attempts).toBe(2);
  const files = readdirSync(cacheDir());
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^[0-9a-f]{64}\.json$/);

  const before = llm.requests.length;
  const hit = await generateModule(slugInput(), testSettings(project.root, llm.url));
  expect(hit.ok && hit.cached).toBe(true);
  expect(hit.ok && hit.code).toBe(SLUG_GOOD);
  expect(hit.ok && hit.usage).toEqual({ promptTokens: 0, completionTokens: 0 });
  const offline = await generateModule(slugInput(), testSettings(project.root, "http://127.0.0.1:9/v1", { offline: true }));
  expect(offline.ok && offline.cached).toBe(true);
  expect(llm.requests.length).toBe(before);
});

test("a cached answer that no longer validates is a miss: re-asked online, an error offline", async () => {
  // The spec changes its declared return type, but the prompt (and key) stay the same via a stale input.
  const key = cacheKey(testLlmConfig(), renderMessages(slugInput(), testSettings(project.root, llm.url).prompts));
  const file = path.join(cacheDir(), `${key}.json`);
  const entry: unknown = JSON.parse(readFileSync(file, "utf8"));
  writeFileSync(file, JSON.stringify({ ...(typeof entry === "object" ? entry : {}), code: WRONG }));

  const offline = await generateModule(slugInput(), testSettings(project.root, llm.url, { offline: true }));
  expect(offline.ok).toBe(false);
  if (offline.ok) return;
  expect(offline.error.code).toBe("generation.offline_miss");
  expect(offline.error.message).toStartWith("src/slug: offline and its cached answer no longer validates:\n- ");
  expect(offline.error.attempts[0]?.source).toBe("cache");

  llm.script("src/slug", [fence(SLUG_GOOD)]);
  const online = await generateModule(slugInput(), testSettings(project.root, llm.url));
  expect(online.ok && !online.cached && online.attempts).toBe(1);
  expect(readFileSync(file, "utf8")).toContain("return slug;");
});

test("offline with no cache entry names the module", async () => {
  const other = slugInput({ module: "src/other", specFile: "src/other.ts", generatedFile: "src/__generated__/other.ts" });
  const result = await generateModule(other, testSettings(project.root, llm.url, { offline: true }));
  expect(!result.ok && result.error.code).toBe("generation.offline_miss");
  expect(!result.ok && result.error.message).toBe("src/other: offline and no cached answer");
});

test("the key ignores base URL and API key but not the model, temperature or messages", () => {
  const messages = renderMessages(slugInput(), testSettings(project.root, llm.url).prompts);
  const a = cacheKey(testLlmConfig({ baseUrl: "http://a/v1" }), messages);
  expect(cacheKey(testLlmConfig({ baseUrl: "http://b/v1", apiKeyEnv: "OTHER" }), messages)).toBe(a);
  expect(cacheKey(testLlmConfig({ model: "gpt-4o" }), messages)).not.toBe(a);
  expect(cacheKey(testLlmConfig({ temperature: 0.7 }), messages)).not.toBe(a);
  expect(cacheKey(testLlmConfig({ maxTokens: 100 }), messages)).not.toBe(a);
  expect(cacheKey(testLlmConfig(), [...messages, { role: "user", content: "x" }])).not.toBe(a);
});

test("clearCache removes the cache folder", async () => {
  expect(existsSync(cacheDir())).toBe(true);
  await clearCache(project.root);
  expect(existsSync(cacheDir())).toBe(false);
  await clearCache(project.root); // idempotent
});
