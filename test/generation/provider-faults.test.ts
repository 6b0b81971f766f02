import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateModule } from "../../src/generation/generate-module.ts";
import type { GenerationEvent } from "../../src/generation/types.ts";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, TEST_KEY, testSettings, type SpecProject } from "../support/generation-project.ts";

let llm: FakeLlm;
let project: SpecProject;
const logs: string[] = [];

beforeAll(() => {
  llm = startFakeLlm({ requireKey: TEST_KEY });
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC });
});
afterAll(async () => {
  await llm.stop();
  project.cleanup();
});

async function run(maxRetries = 3, timeoutSeconds = 5) {
  const events: GenerationEvent[] = [];
  const result = await generateModule(slugInput(), testSettings(project.root, llm.url, { noCache: true }, { maxRetries, timeoutSeconds }), {
    onEvent: (e) => {
      events.push(e);
      logs.push(JSON.stringify(e));
    },
  });
  logs.push(JSON.stringify(result));
  return { result, retries: events.filter((e) => e.type === "provider_retry") };
}

test("429 with Retry-After (seconds) is retried after the requested delay", async () => {
  llm.script("src/slug", [{ status: 429, retryAfter: "0.2" }, fence(SLUG_GOOD)]);
  const started = performance.now();
  const { result, retries } = await run();
  expect(result.ok).toBe(true);
  expect(retries).toHaveLength(1);
  expect(retries[0]?.type === "provider_retry" && retries[0].delayMs).toBe(200);
  expect(performance.now() - started).toBeGreaterThanOrEqual(190);
});

test("Retry-After as an HTTP date is honoured; a wait beyond the limit ends the request at once, naming the wait and where it came from", async () => {
  llm.script("src/slug", [{ status: 503, retryAfter: new Date(Date.now() + 250).toUTCString() }, fence(SLUG_GOOD)]);
  const soon = await run();
  expect(soon.result.ok).toBe(true);
  expect(soon.retries[0]?.type === "provider_retry" && soon.retries[0].waitSource).toBe("retry-after header");
  const before = llm.requests.length;
  llm.script("src/slug", [{ status: 503, retryAfter: new Date(Date.now() + 3_600_000).toUTCString() }]);
  const { result, retries } = await run();
  expect(llm.requests.length - before).toBe(1);
  expect(retries).toHaveLength(0);
  expect(!result.ok && result.error.code).toBe("generation.retry_later");
  expect(!result.ok && result.error.fatal).toBe(true);
  expect(!result.ok && result.error.message).toMatch(/the server asks for (59 min 5\d s|1 h) before the next request \(retry-after header\), longer than Jaunt waits \(300 ms\)/);
});

test("500, malformed JSON and empty choices are retried; provider retries are not validation attempts", async () => {
  llm.script("src/slug", [{ status: 500 }, { malformed: true }, { emptyChoices: true }, fence(SLUG_GOOD)]);
  const { result, retries } = await run();
  expect(result.ok && result.attempts).toBe(1);
  expect(retries.map((r) => (r.type === "provider_retry" ? r.reason : ""))).toEqual(["HTTP 500", "malformed JSON response", "response has no choices"]);
});

test("a hang past the timeout is retried, and retries are bounded", async () => {
  llm.script("src/slug", [{ hang: true }, { status: 500 }, { status: 502 }]);
  const started = performance.now();
  const { result, retries } = await run(2, 0.3);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe("generation.provider_unavailable");
  expect(result.error.message).toContain("(after 3 requests)");
  expect(retries[0]?.type === "provider_retry" && retries[0].reason).toBe("request timed out after 0.3s");
  expect(performance.now() - started).toBeLessThan(3000);
});

test("401 fails fast, names the key variable, and never echoes the key", async () => {
  const before = llm.requests.length;
  const { result } = await generateModule(slugInput(), testSettings(project.root, llm.url, { noCache: true, env: { JAUNT_TEST_KEY: "sk-wrong-key-abcdefghijkl" } })).then((r) => ({ result: r }));
  expect(llm.requests.length - before).toBe(1);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe("generation.auth_failed");
  expect(result.error.fatal).toBe(true);
  expect(result.error.message).toContain("JAUNT_TEST_KEY");
  expect(result.error.message).not.toContain("sk-wrong-key-abcdefghijkl");
});

test("404 (unknown model) fails fast naming the model and base URL", async () => {
  llm.script("src/slug", [{ status: 404, message: "The model `nope` does not exist" }]);
  const before = llm.requests.length;
  const { result } = await run();
  expect(llm.requests.length - before).toBe(1);
  expect(!result.ok && result.error.code).toBe("generation.model_not_found");
  expect(!result.ok && result.error.message).toContain(`model "gpt-4o-mini"`);
  expect(!result.ok && result.error.message).toContain(llm.url);
});

test("the API key appears only in the Authorization header: never in bodies, events, results or caches", async () => {
  llm.script("src/slug", [fence(SLUG_GOOD)]);
  const cached = await generateModule(slugInput(), testSettings(project.root, llm.url));
  expect(cached.ok).toBe(true);
  const cacheDir = path.join(project.root, ".jaunt/cache");
  const cacheText = readdirSync(cacheDir).map((f) => readFileSync(path.join(cacheDir, f), "utf8")).join("\n");
  expect(cacheText).toContain("slugify");
  expect(cacheText).not.toContain(TEST_KEY);
  expect(llm.requests.length).toBeGreaterThan(5);
  for (const r of llm.requests) {
    expect(r.rawBody).not.toContain(TEST_KEY);
    if (r.headers.authorization === `Bearer ${TEST_KEY}`) continue;
    expect(JSON.stringify(r.headers)).not.toContain(TEST_KEY);
  }
  expect(logs.join("\n")).not.toContain(TEST_KEY);
});
