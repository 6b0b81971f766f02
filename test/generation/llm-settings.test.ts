import { afterEach, expect, test } from "bun:test";
import { JauntConfigError } from "@jaunt/runtime";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { estimateCost, priceOf } from "../../src/generation/cost.ts";
import { generateModule } from "../../src/generation/generate-module.ts";
import { backoffDelay, serverWaitLimit } from "../../src/generation/llm/backoff.ts";
import { parseRetryAfter } from "../../src/generation/llm/wait-time.ts";
import { DEFAULT_BASE_URL, resolveEndpoint } from "../../src/generation/llm/endpoint.ts";
import { mergedEnv, parseEnvFile } from "../../src/generation/llm/env-file.ts";
import { redactText, redactUrl } from "../../src/generation/llm/redact.ts";
import { slugInput, testLlmConfig, testSettings } from "../support/generation-project.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test(".env parsing: quotes, comments, export, escapes", () => {
  const env = parseEnvFile(`# comment\nexport A=1\nB = "two # not a comment"\nC='single $x'\nD=plain # trailing\nE="line\\nbreak"\n\nbad line\nF=`);
  expect(env).toEqual({ A: "1", B: "two # not a comment", C: "single $x", D: "plain", E: "line\nbreak", F: "" });
});

test(".env lines are read as Bun itself reads them: `KEY: value` (a blank after the colon), dotted and dashed names", async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
  dirs.push(root);
  const lines = ["COLON_KEY: sk-colon", "NO_BLANK:value", "BLANK_BEFORE :value", "export SPACED : \"x y\"", "A.B-C=1", "TRAIL: v # note", "PLAIN=p"];
  writeFileSync(path.join(root, ".env"), `${lines.join("\n")}\n`);
  const names = ["COLON_KEY", "NO_BLANK", "BLANK_BEFORE", "SPACED", "A.B-C", "TRAIL", "PLAIN"];
  // Bun's own loader is the judge (it loads the working folder's .env for `bun run`).
  const child = Bun.spawn([process.execPath, "-e", `console.log(JSON.stringify(${JSON.stringify(names)}.map((n) => process.env[n] ?? null)))`], { cwd: root, env: { PATH: process.env.PATH ?? "" }, stdout: "pipe" });
  const bun: unknown = JSON.parse(await new Response(child.stdout).text());
  const ours = parseEnvFile(lines.join("\n"));
  expect(JSON.stringify(names.map((n) => ours[n] ?? null))).toBe(JSON.stringify(bun));
  expect(ours.COLON_KEY).toBe("sk-colon");
});

test("the process env wins over the project's .env", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
  dirs.push(root);
  writeFileSync(path.join(root, ".env"), "K=from-file\nONLY_FILE=x\n");
  expect(mergedEnv(root, { K: "from-process" })).toMatchObject({ K: "from-process", ONLY_FILE: "x" });
  expect(mergedEnv(path.join(root, "missing"), {})).toEqual({});
});

test("base URL precedence: [llm] base_url > JAUNT_LLM_BASE_URL > OPENAI_BASE_URL > OpenAI", () => {
  const env = { JAUNT_TEST_KEY: "k", JAUNT_LLM_BASE_URL: "http://j/v1", OPENAI_BASE_URL: "http://o/v1" };
  expect(resolveEndpoint(testLlmConfig({ baseUrl: "http://c/v1" }), env).baseUrl).toBe("http://c/v1");
  expect(resolveEndpoint(testLlmConfig(), env).baseUrlSource).toBe("JAUNT_LLM_BASE_URL");
  expect(resolveEndpoint(testLlmConfig(), { ...env, JAUNT_LLM_BASE_URL: undefined }).baseUrl).toBe("http://o/v1");
  expect(resolveEndpoint(testLlmConfig(), { JAUNT_TEST_KEY: "k" }).baseUrl).toBe(DEFAULT_BASE_URL);
  // local servers need no key
  expect(resolveEndpoint(testLlmConfig({ baseUrl: "http://localhost:11434/v1" }), {}).apiKey).toBe("jaunt-no-key");
});

test("a missing key is a config error naming the variable and .env, before any request", async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
  dirs.push(root);
  const settings = testSettings(root, "https://api.example.com/v1", { env: {}, noCache: true });
  const error = await generateModule(slugInput(), settings).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JauntConfigError);
  expect(error instanceof JauntConfigError && error.code).toBe("config.missing_api_key");
  expect(error instanceof JauntConfigError && error.message).toContain("JAUNT_TEST_KEY is not set");
  expect(error instanceof JauntConfigError && error.hint).toContain("project's .env");
});

test("Retry-After parsing: seconds, HTTP date, garbage (bounds are the client's: see serverWaitLimit)", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  expect(parseRetryAfter("2", now)).toBe(2000);
  expect(parseRetryAfter("0.5", now)).toBe(500);
  expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
  expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
  expect(parseRetryAfter("soon", now)).toBeUndefined();
  expect(parseRetryAfter("86400", now)).toBe(86_400_000);
});

test("backoff grows exponentially with jitter, is capped, and prefers the server's wait; that wait is bounded by the cap and the request timeout", () => {
  const s = { baseMs: 100, maxMs: 1000 };
  expect(backoffDelay(1, s, undefined, () => 0)).toBe(50);
  expect(backoffDelay(1, s, undefined, () => 1)).toBe(100);
  expect(backoffDelay(3, s, undefined, () => 1)).toBe(400);
  expect(backoffDelay(10, s, undefined, () => 1)).toBe(1000);
  expect(backoffDelay(1, s, 7000)).toBe(7000);
  expect(serverWaitLimit(s, 120)).toBe(60_000);
  expect(serverWaitLimit(s, 30)).toBe(30_000);
  expect(serverWaitLimit({ ...s, retryAfterCapMs: 500 }, 120)).toBe(500);
});

test("cost estimates use the built-in table, prefixes/dates, and overrides", () => {
  expect(estimateCost("gpt-4o-mini", { promptTokens: 1_000_000, completionTokens: 1_000_000 })).toBeCloseTo(0.75);
  expect(priceOf("openai/gpt-4o-2024-08-06")).toEqual({ input: 2.5, output: 10 });
  expect(estimateCost("llama3.1:8b", { promptTokens: 10, completionTokens: 10 })).toBeUndefined();
  expect(estimateCost("llama3.1:8b", { promptTokens: 1000, completionTokens: 0 }, { "llama3.1:8b": { input: 1, output: 1 } })).toBeCloseTo(0.001);
});

test("redactText removes the key and sk- style secrets", () => {
  expect(redactText("bad key sk-live-abcdefghijklmnop here", "zzzz")).toBe("bad key sk-*** here");
  expect(redactText("the key was my-secret-key!", "my-secret-key")).toBe("the key was ***!");
  expect(redactText("sent Authorization: Bearer abc.def-123456")).toBe("sent Authorization: Bearer ***");
});

test("redactUrl hides userinfo and secret query values, keeps the rest readable", () => {
  expect(redactUrl("https://user:token@gateway.example/v1")).toBe("https://***@gateway.example/v1");
  expect(redactUrl("https://gw.example/v1?key=abc123&api-version=2025-04-01-preview&x-goog-api-key=zz")).toBe(
    "https://gw.example/v1?key=***&api-version=2025-04-01-preview&x-goog-api-key=***",
  );
  expect(redactUrl("http://localhost:11434/v1")).toBe("http://localhost:11434/v1");
  expect(redactUrl("https://api.example.com")).toBe("https://api.example.com");
  expect(redactUrl("https://generativelanguage.googleapis.com/v1beta/openai/")).toBe("https://generativelanguage.googleapis.com/v1beta/openai/");
  expect(redactUrl("not a url //me:pw@host")).toBe("not a url //***@host");
  // URLs inside free text (a provider echoing the request URL)
  expect(redactText("POST https://me:pw@gw.example/v1/chat/completions?token=t0k failed")).toBe("POST https://***@gw.example/v1/chat/completions?token=*** failed");
});
