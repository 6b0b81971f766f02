import { afterAll, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { testEnv } from "../../src/orchestration/test-results/test-env.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-env-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test("generated tests get the project's .env files and the process env, without the API key variables", () => {
  fs.writeFileSync(path.join(root, ".env"), "MY_KEY=sk-from-dotenv\nDATABASE_URL=postgres://a\nLEVEL=env\n");
  fs.writeFileSync(path.join(root, ".env.test"), "LEVEL=test\n");
  fs.writeFileSync(path.join(root, ".env.local"), "LOCAL=1\n");
  const env = testEnv(root, { apiKeyEnv: "MY_KEY" }, { PATH: "/bin", OPENAI_API_KEY: "sk-proc", MY_KEY: "sk-proc-2", LEVEL: "process" });
  expect(env.MY_KEY).toBeUndefined();
  expect(env.OPENAI_API_KEY).toBeUndefined();
  expect(env).toMatchObject({ PATH: "/bin", DATABASE_URL: "postgres://a", LEVEL: "process", LOCAL: "1" });
  expect(testEnv(root, { apiKeyEnv: "MY_KEY" }, {}).LEVEL).toBe("test");
});
