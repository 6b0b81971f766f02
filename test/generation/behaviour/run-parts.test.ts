import { afterAll, describe, expect, test } from "bun:test";
import { childEnv, secretEnvNames } from "../../../src/generation/behaviour/run/child-env.ts";
import { readJunit } from "../../../src/generation/behaviour/tests/junit-report.ts";
import { createE2eProject } from "../../e2e/project.ts";
import { testLlmConfig } from "../../support/generation-project.ts";

const project = createE2eProject({ ".env": "OPENAI_API_KEY=sk-from-dotenv\nexport DB_PASSWORD='hunter2'\n# COMMENTED=1\n", ".env.local": "STRIPE_KEY=sk_live\nCOLON_TOKEN: c\n", ".env.production": "PROD_TOKEN=t\n" });
afterAll(() => project.cleanup());

describe("childEnv", () => {
  test("strips the secret variables, every name of the .env files Bun loads and Jaunt's endpoint variables; keeps the rest", () => {
    const env = childEnv(project.root, ["MY_KEY", "TEAM_CACHE_TOKEN"], {
      PATH: "/usr/bin",
      HOME: "/home/me",
      MY_KEY: "sk-secret",
      OPENAI_API_KEY: "sk-other",
      DB_PASSWORD: "hunter2",
      JAUNT_LLM_BASE_URL: "http://x",
      COMMENTED: "kept",
      STRIPE_KEY: "sk_live",
      COLON_TOKEN: "c",
      PROD_TOKEN: "t",
      TEAM_CACHE_TOKEN: "bearer",
      JAUNT_REMOTE_CACHE_TOKEN: "bearer-default",
      JAUNT_REMOTE_CACHE_SIGNATURE_KEY: "signing-key",
      EMPTY: undefined,
    }, { EXTRA: "1" });
    // NODE_ENV unset: Bun's mode is "development", so .env.production is not loaded and its names stay.
    expect(env).toEqual({ PATH: "/usr/bin", HOME: "/home/me", COMMENTED: "kept", PROD_TOKEN: "t", EXTRA: "1" });
    expect(childEnv(project.root, ["MY_KEY"], { NODE_ENV: "production", PROD_TOKEN: "t", PATH: "/usr/bin" })).toEqual({ NODE_ENV: "production", PATH: "/usr/bin" });
  });

  test("secretEnvNames: the API key and the remote cache token, as the config names them", () => {
    const config = { llm: testLlmConfig({ apiKeyEnv: "MY_KEY" }), cache: { remoteUrl: undefined, team: "t", remoteTokenEnv: "TEAM_CACHE_TOKEN", readOnly: false, timeoutMs: 1000 } };
    expect(secretEnvNames(config)).toEqual(["MY_KEY", "TEAM_CACHE_TOKEN"]);
  });
});

// What `bun test --reporter=junit` writes (Bun 1.4), with a describe block, a failure, an error and a skip.
const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="bun test" tests="4" assertions="2" failures="2" skipped="1" time="0.1">
  <testsuite name="tests/a.test.ts" file="tests/a.test.ts" tests="4" assertions="2" failures="2" skipped="1" time="0.05" hostname="vm">
    <testsuite name="grp" file="tests/a.test.ts" line="3" tests="3" assertions="2" failures="2" skipped="0" time="0.001" hostname="vm">
      <testcase name="passes" classname="grp" time="0.001" file="tests/a.test.ts" line="4" assertions="1" />
      <testcase name="fails &amp; &quot;quotes&quot;" classname="grp" time="0.0004" file="tests/a.test.ts" line="5" assertions="1">
        <failure type="AssertionError" message="expect(received).toBe(expected)&#10;&#10;Expected: 5&#10;Received: 21&#10;">AssertionError: expect(received).toBe(expected)&#10;&#10;Expected: 5&#10;Received: 21&#10;&#10;      at f (src/__generated__/spec.ts:3:40)&#10;      at tests/a.test.ts:5:36&#10;</failure>
      </testcase>
      <testcase name="errors" classname="grp" time="0.0001" file="tests/a.test.ts" line="6" assertions="0">
        <failure type="ReferenceError" message="notDefined is not defined">ReferenceError: notDefined is not defined&#10;      at tests/a.test.ts:6:24&#10;</failure>
      </testcase>
    </testsuite>
    <testcase name="later" classname="" time="0" file="tests/a.test.ts" line="9" assertions="0">
      <skipped />
    </testcase>
  </testsuite>
</testsuites>`;

describe("readJunit", () => {
  test("test cases with describe paths, lines, statuses and failures (entities decoded)", () => {
    const cases = readJunit(JUNIT);
    expect(cases.map((c) => [c.file, c.line, c.name, c.status])).toEqual([
      ["tests/a.test.ts", 4, "grp > passes", "passed"],
      ["tests/a.test.ts", 5, 'grp > fails & "quotes"', "failed"],
      ["tests/a.test.ts", 6, "grp > errors", "failed"],
      ["tests/a.test.ts", 9, "later", "skipped"],
    ]);
    expect(cases[1]?.failure).toEqual({
      type: "AssertionError",
      message: "expect(received).toBe(expected)\n\nExpected: 5\nReceived: 21\n",
      stack: "AssertionError: expect(received).toBe(expected)\n\nExpected: 5\nReceived: 21\n\n      at f (src/__generated__/spec.ts:3:40)\n      at tests/a.test.ts:5:36\n",
    });
  });

  test("an empty or missing report has no cases", () => {
    expect(readJunit("")).toEqual([]);
  });
});
