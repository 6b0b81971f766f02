/** A missing API key is one config error (exit 2) before anything is written, not a failure per module. */
import { afterAll, expect, test } from "bun:test";
import { startFakeLlm } from "../support/fake-llm.ts";
import { createE2eProject, IMPLEMENTATIONS, SPECS } from "./project.ts";

const project = createE2eProject({
  ...SPECS,
  "jaunt.toml": `version = 1\n[llm]\nmodel = "gpt-4o-mini"\napi_key_env = "JAUNT_E2E_MISSING_KEY"\n`,
});
const llm = startFakeLlm({ defaults: IMPLEMENTATIONS, requireKey: "from-dotenv" });
afterAll(async () => {
  project.cleanup();
  await llm.stop();
});

test("jaunt build without the key exits 2 naming the variable, once, and writes nothing", async () => {
  // A remote endpoint (OpenAI's default; never contacted): it needs a key, unlike a loopback server.
  const result = await project.jaunt(["build"], { JAUNT_E2E_MISSING_KEY: "", JAUNT_LLM_BASE_URL: "https://api.openai.com/v1" });
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain("environment variable JAUNT_E2E_MISSING_KEY is not set");
  expect(result.stderr.match(/JAUNT_E2E_MISSING_KEY is not set/g)?.length).toBe(1);
  expect(result.stderr).not.toContain("FAILED");
  expect(project.exists("src/__generated__")).toBe(false);
});

test("an empty variable falls back to the key in the project's .env, which never shows in output", async () => {
  project.write(".env", "JAUNT_E2E_MISSING_KEY=from-dotenv\n");
  // The fake server answers 401 unless the bearer token is the .env key.
  const result = await project.jaunt(["build", "--json"], { JAUNT_E2E_MISSING_KEY: "", JAUNT_LLM_BASE_URL: llm.url });
  expect(result.stderr).not.toContain("is not set");
  expect(result.exitCode).toBe(0);
  expect(project.exists("src/__generated__/other.ts")).toBe(true);
  expect(result.stdout).not.toContain("from-dotenv");
  expect(result.stderr).not.toContain("from-dotenv");
}, 60_000);
