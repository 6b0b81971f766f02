/**
 * `jaunt test` runs only generated tests that can be trusted, and runs them
 * safely: a snapshot test, a focused/skipped/todo test and a test leaving
 * fake timers on are rejected (and retried with the reason); a test that
 * never ends is stopped by the time limit with its whole process tree
 * (exit 4, nothing left running); the tests never see Jaunt's secrets.
 */
import { expect, test } from "bun:test";
import { fence } from "../support/fake-llm.ts";
import { llmProjects } from "./llm-projects.ts";
import { API_KEY_ENV, IMPLEMENTATIONS, SLUG_TEST_ANSWER, SLUG_TEST_SPEC, SPECS } from "./project.ts";

const { llm, project } = llmProjects({ defaults: IMPLEMENTATIONS });
const FILES = { ...SPECS, "tests/slug.ts": SLUG_TEST_SPEC };
const HEAD = 'import { expect, jest, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\n';

/** Is process `pid` still running? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("a snapshot test is rejected and retried with the reason; the good retry runs", async () => {
  const p = project(FILES);
  llm.script("tests/slug", [fence(`${HEAD}test("slugify", () => {\n  expect(slugify("Hello World")).toMatchSnapshot();\n});`), fence(SLUG_TEST_ANSWER)]);
  const result = await p.jaunt(["test"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  const requests = llm.requestsFor("tests/slug");
  expect(requests.length).toBe(2);
  expect(requests[1]?.messages.at(-1)?.content ?? "").toMatch(/jaunt\/snapshot-test: `toMatchSnapshot\(\)` records whatever the code returns/);
  expect(p.exists("tests/__generated__/__snapshots__")).toBe(false);
  expect(p.read("tests/__generated__/slug.test.ts")).not.toContain("toMatchSnapshot");
}, 90_000);

test("test.only, test.skip and test.todo are rejected: no 'tests passed' while behaviour never ran", async () => {
  const p = project(FILES);
  const only = `${HEAD}test.only("slugify", () => {\n  expect(slugify("Hello World")).toBe("hello-world");\n});\ntest("other", () => expect(slugify("a b")).toBe("a-b"));`;
  const skipAndTodo = `${HEAD}test.skip("slugify", () => {\n  expect(slugify("Hello World")).toBe("hello-world");\n});\ntest.todo("unicode");`;
  llm.script("tests/slug", [fence(only), fence(skipAndTodo)]);
  const result = await p.jaunt(["test"]);
  expect(result.exitCode).toBe(3);
  expect(result.stdout).toContain("test generation failed");
  const said = result.stdout + result.stderr;
  expect(said).toMatch(/jaunt\/test-not-run/);
  expect(said).toMatch(/test\.skip|test\.todo/);
  expect(p.exists("tests/__generated__/slug.test.ts")).toBe(false);
}, 90_000);

test("fake timers left on at a test file's top level are rejected; the retry restores them", async () => {
  const p = project(FILES);
  const leaking = `${HEAD}jest.useFakeTimers();\n\ntest("slugify", () => {\n  expect(slugify("Hello World")).toBe("hello-world");\n});`;
  const restored = `import { afterEach, beforeEach, expect, jest, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\nbeforeEach(() => jest.useFakeTimers());\nafterEach(() => jest.useRealTimers());\n\ntest("slugify", () => {\n  expect(slugify("Hello World")).toBe("hello-world");\n});`;
  llm.script("tests/slug", [fence(leaking), fence(restored)]);
  const result = await p.jaunt(["test"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  expect(llm.requestsFor("tests/slug").at(-1)?.messages.at(-1)?.content ?? "").toMatch(/`jest\.useFakeTimers\(…\)` runs while the file is collected/);
}, 90_000);

test("a test that never ends is stopped by the time limit: exit 4 naming the file, no process left behind", async () => {
  const p = project({ ...FILES, "tests/other.ts": SLUG_TEST_SPEC.replace("slugifyBasics", "slugifyMore").replace("slugifyBasics()", "slugifyMore()") });
  const pidFile = `${p.root}/grandchild.pid`;
  const hangs = `import { expect, test } from "bun:test";\nimport { writeFileSync } from "node:fs";\nimport { slugify } from "../../src/slug";\n\ntest("never ends", () => {\n  const child = Bun.spawn(["sleep", "300"]);\n  writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));\n  expect(slugify("Hello World")).toBe("hello-world");\n  while (true) {}\n});`;
  llm.setDefault("tests/slug", hangs);
  llm.setDefault("tests/other", SLUG_TEST_ANSWER);
  const started = performance.now();
  const result = await p.jaunt(["test", "--timeout", "4"]);
  const seconds = (performance.now() - started) / 1000;
  expect(result.exitCode, result.stdout + result.stderr).toBe(4);
  expect(result.stdout).toMatch(/tests timed out after 4 s: stopped bun test and every process it started while running tests\/__generated__\/(slug|other)\.test\.ts/);
  expect(result.stdout).toContain("tests/__generated__/slug.test.ts");
  expect(seconds).toBeLessThan(60);
  const pid = Number(p.read("grandchild.pid"));
  expect(pid).toBeGreaterThan(0);
  // The tree is stopped before jaunt exits: the `sleep` the test started is gone.
  expect(alive(pid)).toBe(false);

  const json = await p.jaunt(["test", "--no-build", "--json", "--timeout", "3"]);
  expect(json.exitCode).toBe(4);
  const report = JSON.parse(json.stdout) as { timedOut?: { seconds: number; running: string[] } };
  expect(report.timedOut?.seconds).toBe(3);
  expect(report.timedOut?.running).toEqual(["tests/__generated__/slug.test.ts"]);
  expect(alive(Number(p.read("grandchild.pid")))).toBe(false);
}, 180_000);

test("generated tests run without the API key variable, the remote cache's token and signing key, and the project's .env values", async () => {
  const p = project(FILES);
  p.write(".env", "DB_PASSWORD=hunter2-from-dotenv\nSHARED=from-dotenv\n");
  const out = `${p.root}/seen.json`;
  const spy = `import { expect, test } from "bun:test";\nimport { writeFileSync } from "node:fs";\nimport { slugify } from "../../src/slug";\n\ntest("env", () => {\n  writeFileSync(${JSON.stringify(out)}, JSON.stringify({ key: process.env.JAUNT_E2E_KEY ?? null, db: process.env.DB_PASSWORD ?? null, shared: process.env.SHARED ?? null, mine: process.env.MY_SETTING ?? null, token: process.env.JAUNT_REMOTE_CACHE_TOKEN ?? null, signing: process.env.JAUNT_REMOTE_CACHE_SIGNATURE_KEY ?? null }));\n  expect(slugify("Hello World")).toBe("hello-world");\n});`;
  llm.script("tests/slug", [fence(spy)]);
  const result = await p.jaunt(["test"], { MY_SETTING: "kept", SHARED: "exported-by-the-user", JAUNT_REMOTE_CACHE_TOKEN: "team-token", JAUNT_REMOTE_CACHE_SIGNATURE_KEY: "team-signing-key" });
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  // A name the project's .env sets counts as the file's even when also exported (Bun's .env values cannot be compared).
  expect(JSON.parse(p.read("seen.json"))).toEqual({ key: null, db: null, shared: null, mine: "kept", token: null, signing: null });
  expect(API_KEY_ENV.JAUNT_E2E_KEY).not.toBe("");
}, 90_000);
