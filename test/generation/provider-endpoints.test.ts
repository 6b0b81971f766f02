/**
 * Messages about the endpoint itself: credentials in a base URL never shown,
 * a refused connection named as "nothing is listening" with the setting that
 * chose the URL, and a 401 that tells a placeholder key from a rejected one.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { JauntConfigError } from "@jaunt/runtime";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateModule } from "../../src/generation/generate-module.ts";
import { resolveEndpoint } from "../../src/generation/llm/endpoint.ts";
import { rejectedParameter } from "../../src/generation/llm/error-words.ts";
import { classifyThrown } from "../../src/generation/llm/transport-errors.ts";
import type { GenerationEvent, GenerationResult } from "../../src/generation/types.ts";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, TEST_KEY, testLlmConfig, testSettings, type SpecProject } from "../support/generation-project.ts";

let project: SpecProject;
let llm: FakeLlm;
beforeAll(() => {
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC });
  llm = startFakeLlm();
});
afterAll(async () => {
  await llm.stop();
  project.cleanup();
});

const USER_SECRET = "tok3n-USERINFO-secret";
const QUERY_SECRET = "QUERY-secret-value";
const withCredentials = (url: string): string => `${url.replace("http://", `http://gateway-user:${USER_SECRET}@`)}?key=${QUERY_SECRET}&api-version=2025-04-01`;

function failure(result: GenerationResult) {
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

/** A port nothing listens on: bind one, then close it. */
function closedPort(): number {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
  const port = server.port ?? 0;
  server.stop(true);
  return port;
}

test("a base URL with userinfo and ?key= is redacted in errors, events, results and cache files", async () => {
  const url = withCredentials(llm.url);
  const events: GenerationEvent[] = [];
  llm.script("src/slug", [{ status: 503, message: `upstream ${url} busy` }, { status: 404, message: "no such model" }]);
  const failed = await generateModule(slugInput(), testSettings(project.root, url, { noCache: true }), { onEvent: (e) => events.push(e) });
  const error = failure(failed);
  expect(error.message).toContain(`http://***@127.0.0.1:`);
  expect(error.message).toContain("key=***&api-version=2025-04-01");
  llm.script("src/slug", [fence(SLUG_GOOD)]);
  const built = await generateModule(slugInput(), testSettings(project.root, url), { onEvent: (e) => events.push(e) });
  expect(built.ok).toBe(true);
  const cacheDir = path.join(project.root, ".jaunt/cache");
  const cacheText = readdirSync(cacheDir).map((f) => readFileSync(path.join(cacheDir, f), "utf8")).join("\n");
  const everything = JSON.stringify({ failed, built, events }) + cacheText;
  expect(events.some((e) => e.type === "provider_retry" && e.detail.includes("upstream http://***@"))).toBe(true);
  for (const secret of [USER_SECRET, QUERY_SECRET, TEST_KEY]) expect(everything).not.toContain(secret);
});

test("the missing-key error shows the base URL redacted", async () => {
  const error = await generateModule(slugInput(), testSettings(project.root, `https://me:${USER_SECRET}@gateway.example/v1`, { env: {}, noCache: true })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JauntConfigError);
  expect(error instanceof Error && error.message).toContain("https://***@gateway.example/v1");
  expect(error instanceof Error && error.message).not.toContain(USER_SECRET);
});

test("a refused connection to localhost: 'nothing is listening', which setting named it, no retries, stops the run", async () => {
  const events: GenerationEvent[] = [];
  const url = `http://localhost:${closedPort()}/v1`;
  const result = await generateModule(slugInput(), testSettings(project.root, url, { noCache: true, env: { JAUNT_TEST_KEY: TEST_KEY } }, { maxRetries: 4 }), { onEvent: (e) => events.push(e) });
  const error = failure(result);
  expect(error.code).toBe("generation.server_unreachable");
  expect(error.fatal).toBe(true);
  expect(error.message).toContain(`nothing is listening at ${url} (from [llm] base_url)`);
  expect(error.hint).toContain("start the local server");
  expect(`${error.message} ${error.hint}`).not.toContain("try again later");
  expect(events.filter((e) => e.type === "provider_retry")).toHaveLength(0);
});

test("the setting named is the one that chose the URL (JAUNT_LLM_BASE_URL here)", async () => {
  const url = `http://127.0.0.1:${closedPort()}/v1`;
  const result = await generateModule(slugInput(), testSettings(project.root, "", { noCache: true, env: { JAUNT_TEST_KEY: TEST_KEY, JAUNT_LLM_BASE_URL: url } }, { baseUrl: undefined }));
  expect(failure(result).message).toContain(`${url} (from JAUNT_LLM_BASE_URL)`);
});

test("a 401 from a local server when the key variable is unset says a placeholder went out, not that the key was rejected", async () => {
  const guarded = startFakeLlm({ requireKey: "server-side-key" });
  try {
    const local = guarded.url.replace("127.0.0.1", "localhost");
    const unset = failure(await generateModule(slugInput(), testSettings(project.root, local, { noCache: true, env: {} })));
    expect(guarded.requests[0]?.headers.authorization).toBe("Bearer jaunt-no-key");
    expect(unset.code).toBe("generation.auth_failed");
    expect(unset.message).toContain("JAUNT_TEST_KEY is not set, so Jaunt sent only a placeholder");
    expect(unset.message).not.toContain("rejected the API key");
    expect(unset.message).toContain("Incorrect API key provided");
    const wrong = failure(await generateModule(slugInput(), testSettings(project.root, local, { noCache: true })));
    expect(wrong.message).toContain("rejected the API key from JAUNT_TEST_KEY");
    expect(wrong.message).not.toContain(TEST_KEY);
  } finally {
    await guarded.stop();
  }
});

test("a rejected parameter is found from the error's param, or from the words of servers that send none", () => {
  const sent = ["stream", "temperature", "max_tokens"];
  expect(rejectedParameter({ param: "max_tokens" }, "whatever", sent)).toBe("max_tokens");
  expect(rejectedParameter({}, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", sent)).toBe("max_tokens");
  expect(rejectedParameter({}, "body.max_tokens: Extra inputs are not permitted", sent)).toBe("max_tokens");
  // a bad value is not an unsupported parameter: nothing to switch
  expect(rejectedParameter({}, "max_tokens is too large: 100000", sent)).toBeUndefined();
  expect(rejectedParameter({ param: "messages" }, "Unsupported value in messages", sent)).toBeUndefined();
});

test("with no base_url set, a failure names OpenAI's URL as the default and the hint names [llm] base_url, never a setting called 'default'", async () => {
  const sdk = await import("openai");
  const endpoint = resolveEndpoint(testLlmConfig({ baseUrl: undefined }), { JAUNT_TEST_KEY: TEST_KEY });
  const ctx = { endpoint, model: "gpt-5.2", apiKeyEnv: "JAUNT_TEST_KEY", timeoutSeconds: 10 };
  const dns = new sdk.APIConnectionError({ cause: Object.assign(new Error("getaddrinfo ENOTFOUND api.openai.com"), { code: "ENOTFOUND" }) });
  const failure = classifyThrown(sdk, dns, ctx);
  expect(failure.message).toContain("https://api.openai.com/v1 (the default; [llm] base_url is not set)");
  expect(failure.hint).toContain("check the host name in [llm] base_url");
  expect(`${failure.message} ${failure.hint}`).not.toMatch(/\bin default\b|from default/);
});
