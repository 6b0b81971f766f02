/** `jaunt test` repair rounds end to end: the fake LLM answers the builder, the tester and the judge. */
import { expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { fence } from "../support/fake-llm.ts";
import { REPO_ROOT } from "../support/cli.ts";
import { propertySeed } from "../../src/generation/properties/extract.ts";
import { llmProjects } from "./llm-projects.ts";
import { startWatch } from "./watch-process.ts";
import type { E2eProject } from "./project.ts";

const SLUG_SPEC = `import * as jaunt from "@jaunt/runtime";

/** Lowercase; every run of characters other than a-z and 0-9 becomes one "-"; no "-" at either end. */
export const slugify = jaunt.magic(function slugify(title: string): string {
  return jaunt.todo();
});
`;
const TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { slugify } from "../src/slug";

/** slugify("Hello World") is "hello-world". */
export const slugifyBasics = jaunt.test(function slugifyBasics() {
  slugify;
});
`;
const RIGHT = `export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}`;
/** Type-correct and wrong: keeps the case. */
const KEEPS_CASE = `export function slugify(title: string): string {
  return title.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}`;
const testAnswer = (expected: string): string => `import { describe, expect, test } from "bun:test";
import { slugify } from "../../src/slug";

describe("slugifyBasics", () => {
  test("joins words with a dash", () => {
    expect(slugify("Hello World")).toBe(${JSON.stringify(expected)});
  });
});
`;

const { llm, project } = llmProjects({ defaults: { "src/slug": RIGHT, "tests/slug": testAnswer("hello-world") } });
const files = { "src/slug.ts": SLUG_SPEC, "tests/slug.ts": TEST_SPEC };

interface Report {
  exitCode: number;
  message: string;
  tests: { file: string; name: string; status: string; message?: string }[];
  repairs: { round: number; module: string; side: string; reason: string; tests: string[]; decidedBy: string; outcome?: string }[];
  repairTokens: { promptTokens: number };
  warnings: string[];
}

async function jsonRun(p: E2eProject, args: readonly string[] = []): Promise<{ exitCode: number; report: Report; stderr: string }> {
  const result = await p.jaunt(["test", "--json", ...args]);
  let report: Report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(`no JSON (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  }
  return { exitCode: result.exitCode, report, stderr: result.stderr };
}

/** Requests for `module` in this test only. */
const since = (mark: number, module: string) => llm.requests.slice(mark).filter((r) => r.module === module);

test("a wrong implementation that passes the build is repaired after its generated test fails: the builder's second request carries the test and the values", async () => {
  const p = project(files);
  const mark = llm.requests.length;
  llm.script("src/slug", [fence(KEEPS_CASE)]);
  llm.script("judge:tests/slug", ['VERDICT: implementation\nThe spec says "Lowercase", and the implementation keeps the case.']);
  const { exitCode, report, stderr } = await jsonRun(p);
  expect(exitCode, stderr).toBe(0);
  const builds = since(mark, "src/slug");
  expect(builds).toHaveLength(2);
  const repairPrompt = builds[1]?.messages.find((m) => m.role === "user")?.content ?? "";
  expect(repairPrompt).toContain("## Failing tests (repair round 1)");
  expect(repairPrompt).toContain("slugifyBasics > joins words with a dash");
  expect(repairPrompt).toContain('Expected: "hello-world"');
  expect(repairPrompt).toContain('Received: "Hello-World"');
  expect(repairPrompt).toContain('expect(slugify("Hello World")).toBe("hello-world")');
  expect(repairPrompt).toContain("Do not special-case the tests' inputs");
  expect(since(mark, "tests/slug")).toHaveLength(1);
  expect(report.repairs).toEqual([
    { round: 1, module: "src/slug", side: "implementation", reason: 'The spec says "Lowercase", and the implementation keeps the case.', tests: ["slugifyBasics > joins words with a dash"], decidedBy: "judge", outcome: "repaired" },
  ]);
  expect(report.tests).toEqual([{ file: "tests/__generated__/slug.test.ts", name: "slugifyBasics > joins words with a dash", status: "passed" }]);
  expect(report.repairTokens.promptTokens).toBeGreaterThan(0);
  expect(stderr).toContain('repair 1/2: src/slug ← 1 failing test (judge: implementation — "The spec says');
  expect(p.read("src/__generated__/slug.ts")).toContain("toLowerCase()");
  // The judge saw the spec, the failing test's code and the implementation.
  const judged = since(mark, "judge:tests/slug")[0]?.messages[0]?.content ?? "";
  expect(judged).toContain("Lowercase; every run");
  expect(judged).toContain('toBe("hello-world")');
  expect(judged).toContain('title.replace(/[^A-Za-z0-9]+/g, "-")');
  // Repaired for good: the next run builds nothing and passes.
  const again = await p.jaunt(["test"]);
  expect(again.exitCode).toBe(0);
  expect(since(mark, "src/slug")).toHaveLength(2);
}, 120_000);

test("a wrong test is repaired through the judge: the tester is asked again with the failure, the implementation is not", async () => {
  const p = project(files);
  const mark = llm.requests.length;
  llm.script("tests/slug", [fence(testAnswer("hello_world"))]);
  llm.script("judge:tests/slug", ['VERDICT: test\nThe spec says runs become "-", not "_".']);
  const { exitCode, report, stderr } = await jsonRun(p);
  expect(exitCode, stderr).toBe(0);
  expect(since(mark, "src/slug")).toHaveLength(1);
  const testerCalls = since(mark, "tests/slug");
  expect(testerCalls).toHaveLength(2);
  const prompt = testerCalls[1]?.messages.find((m) => m.role === "user")?.content ?? "";
  expect(prompt).toContain("## Failing tests to correct (repair round 1)");
  expect(prompt).toContain('Expected: "hello_world"');
  // The tester never sees the implementation's code.
  expect(prompt).not.toContain("toLowerCase()");
  expect(report.repairs.map((r) => [r.module, r.side, r.outcome])).toEqual([["tests/slug", "test", "repaired"]]);
}, 120_000);

test("both sides always wrong: the rounds are bounded and the run exits 4 with the last failures", async () => {
  const p = project(files, "[test]\nrepair_rounds = 2\n");
  const mark = llm.requests.length;
  llm.script("judge:tests/slug", ["VERDICT: implementation\nIt keeps the case."]);
  llm.script("src/slug", Array.from({ length: 5 }, () => fence(KEEPS_CASE)));
  const { exitCode, report } = await jsonRun(p);
  expect(exitCode).toBe(4);
  // The build, then each round's two attempts: the failing test gates the repaired candidate, which fails it again.
  expect(since(mark, "src/slug")).toHaveLength(5);
  // The same question (same spec, test, failure and implementation) is answered from the cache the second time.
  expect(since(mark, "judge:tests/slug")).toHaveLength(1);
  expect(report.repairs.map((r) => [r.round, r.outcome])).toEqual([[1, "failed"], [2, "failed"]]);
  expect(report.warnings.join("\n")).toContain('repair 1: src/slug could not be regenerated: src/slug: no valid module after 2 attempt(s)');
  expect(report.warnings.join("\n")).toContain('the generated test this repair must make pass "slugifyBasics > joins words with a dash" failed');
  expect(report.message).toContain("tests failed: 1 failing test(s) after 2 repair round(s)");
  expect(report.message).toContain('slugifyBasics > joins words with a dash (expected "hello-world", received "Hello-World")');
  expect(report.tests[0]?.status).toBe("failed");
}, 180_000);

test("a test module that does not load is regenerated once, never blamed on the implementation; still broken → exit 4 in the runner's words", async () => {
  const p = project(files);
  const mark = llm.requests.length;
  const broken = `import { expect, test } from "bun:test";
import { slugify } from "../../src/slug";

const pattern = new RegExp("(unclosed");

test("slugifyBasics", () => {
  expect(pattern.test(slugify("Hello World"))).toBe(false);
});
`;
  llm.script("tests/slug", [fence(broken), fence(broken)]);
  const { exitCode, report } = await jsonRun(p);
  expect(exitCode).toBe(4);
  expect(since(mark, "src/slug")).toHaveLength(1);
  expect(since(mark, "judge:tests/slug")).toHaveLength(0);
  const calls = since(mark, "tests/slug");
  expect(calls).toHaveLength(2);
  expect(calls[1]?.messages.find((m) => m.role === "user")?.content).toContain("## Your test file did not load (repair round 1)");
  expect(report.repairs).toHaveLength(1);
  expect(report.repairs[0]).toMatchObject({ module: "tests/slug", side: "test", decidedBy: "runner" });
  expect(report.message).toContain("tests/__generated__/slug.test.ts: did not load");
  expect(report.message).toMatch(/regular expression/i);
}, 120_000);

test("--no-repair runs the tests once: no judge, no regeneration, exit 4", async () => {
  const p = project(files);
  const mark = llm.requests.length;
  llm.script("src/slug", [fence(KEEPS_CASE)]);
  const { exitCode, report } = await jsonRun(p, ["--no-repair"]);
  expect(exitCode).toBe(4);
  expect(since(mark, "src/slug")).toHaveLength(1);
  expect(since(mark, "judge:tests/slug")).toHaveLength(0);
  expect(report.repairs).toEqual([]);
}, 120_000);

test("[build] max_cost stops the repairs before the judge is asked", async () => {
  // gpt-4o-mini: the build and the test generation alone cost more than this cap.
  const p = project(files, "max_cost = 0.00001\n");
  const mark = llm.requests.length;
  llm.script("src/slug", [fence(KEEPS_CASE)]);
  const { exitCode, report } = await jsonRun(p);
  expect(exitCode).toBe(4);
  expect(since(mark, "judge:tests/slug")).toHaveLength(0);
  expect(since(mark, "src/slug")).toHaveLength(1);
  expect(report.warnings.join("\n")).toContain("stopped repairing: estimated cost reached [build] max_cost");
}, 120_000);

const PROPERTY_TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { slugify } from "../src/slug";

/**
 * slugify keeps slugs clean.
 * @property for every title, slugify(title) never contains "--"
 */
export const slugifyClean = jaunt.test(function slugifyClean() {
  slugify;
});
`;
const LAW = 'for every title, slugify(title) never contains "--"';
const propertyAnswer = (seed: number): string => `import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { slugify } from "../../src/slug";

describe("slugifyClean", () => {
  test("never contains a double dash", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "!") }), (title) => {
        expect(slugify(title).includes("--")).toBe(false);
      }),
      { seed: ${seed}, numRuns: 100 },
    );
  });
});
`;
/** One "-" per character: "a  b" becomes "a--b". */
const DASH_PER_CHAR = `export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]/g, "-").replace(/^-+|-+$/g, "");
}`;

function withFastCheck(p: E2eProject): void {
  fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, "node_modules/fast-check")), path.join(p.root, "node_modules/fast-check"));
}

test("a @property becomes a seeded fast-check property; its shrunk counterexample goes to the builder", async () => {
  const p = project({ ...files, "tests/slug.ts": PROPERTY_TEST_SPEC });
  withFastCheck(p);
  const mark = llm.requests.length;
  const seed = propertySeed("tests/slug:slugifyClean", LAW);
  llm.script("tests/slug", [fence(propertyAnswer(seed))]);
  llm.script("src/slug", [fence(DASH_PER_CHAR)]);
  llm.script("judge:tests/slug", ["VERDICT: implementation\nThe spec says every run becomes one \"-\"."]);
  const { exitCode, report, stderr } = await jsonRun(p);
  expect(exitCode, stderr).toBe(0);
  const testerPrompt = since(mark, "tests/slug")[0]?.messages.find((m) => m.role === "user")?.content ?? "";
  expect(testerPrompt).toContain("## Properties to test with fast-check");
  expect(testerPrompt).toContain(`${LAW} — seed ${seed}, numRuns 100`);
  const repairPrompt = since(mark, "src/slug")[1]?.messages.find((m) => m.role === "user")?.content ?? "";
  expect(repairPrompt).toMatch(/Counterexample \(shrunk by fast-check\): \["[a !]*"\]/);
  expect(report.repairs[0]).toMatchObject({ module: "src/slug", side: "implementation" });
}, 120_000);

test("a @property without fast-check installed: exit 2 naming `bun add -d fast-check`, before any request", async () => {
  const p = project({ ...files, "tests/slug.ts": PROPERTY_TEST_SPEC });
  const mark = llm.requests.length;
  const result = await p.jaunt(["test"]);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain("bun add -d fast-check");
  expect(result.stderr).toContain("tests/slug:slugifyClean has a @property line");
  expect(llm.requests.length).toBe(mark);
}, 60_000);

test("evidence first: a test that contradicts the spec's own @example is repaired with no judge call", async () => {
  const withExample = SLUG_SPEC.replace(' at either end. */', ' at either end.\n * @example\n * slugify("Hello World") // => "hello-world"\n */');
  expect(withExample).toContain("@example");
  const p = project({ ...files, "src/slug.ts": withExample });
  const mark = llm.requests.length;
  llm.script("tests/slug", [fence(testAnswer("hello_world"))]);
  const { exitCode, report, stderr } = await jsonRun(p);
  expect(exitCode, stderr).toBe(0);
  expect(since(mark, "judge:tests/slug")).toHaveLength(0);
  expect(since(mark, "tests/slug")).toHaveLength(2);
  expect(report.repairs).toHaveLength(1);
  expect(report.repairs[0]).toMatchObject({ module: "tests/slug", side: "test", decidedBy: "evidence" });
  expect(report.repairs[0]?.reason).toContain(`the test expects "hello_world" where the spec's example says "hello-world" (src/slug.ts:5: slugify("Hello World") // => "hello-world")`);
}, 120_000);

test("jaunt watch --test runs the same repair rounds", async () => {
  const p = project(files);
  const mark = llm.requests.length;
  llm.script("src/slug", [fence(KEEPS_CASE)]);
  llm.script("judge:tests/slug", ['VERDICT: implementation\nThe spec says "Lowercase".']);
  const watch = startWatch(p.root, ["--test"]);
  try {
    const repair = await watch.waitFor((e) => e.type === "repair", { timeoutMs: 60_000 });
    expect(repair).toMatchObject({ rounds: 2, record: { round: 1, module: "src/slug", side: "implementation", decidedBy: "judge" } });
    const tests = await watch.waitFor((e) => e.type === "tests", { timeoutMs: 60_000 });
    expect(tests).toMatchObject({ bunExitCode: 0, failed: 0, repairs: 1, message: "tests passed (1 file(s)) after 1 repair round(s)" });
    expect(since(mark, "src/slug")).toHaveLength(2);
    expect(p.read("src/__generated__/slug.ts")).toContain("toLowerCase()");
  } finally {
    expect(await watch.interrupt()).toBe(0);
  }
}, 120_000);

test("generated tests run without Jaunt's API key and without the project's .env values", async () => {
  const p = project(files);
  p.write(".env", "JAUNT_E2E_KEY=sk-in-dotenv\nSERVICE_URL=http://localhost:1\n");
  llm.script("tests/slug", [
    fence(`import { expect, test } from "bun:test";
import { slugify } from "../../src/slug";

test("slugifyBasics", () => {
  expect(slugify("Hello World")).toBe("hello-world");
  expect(process.env.JAUNT_E2E_KEY).toBeUndefined();
  expect(process.env.SERVICE_URL).toBeUndefined();
});
`),
  ]);
  const result = await p.jaunt(["test", "--no-repair"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
}, 120_000);

test("evidence first: an implementation in place that fails the user's own test is repaired with no judge call", async () => {
  const p = project(files);
  const mark = llm.requests.length;
  llm.script("src/slug", [fence(KEEPS_CASE)]);
  const first = await p.jaunt(["test", "--no-repair"]);
  expect(first.exitCode).toBe(4);
  // The user writes a test of their own afterwards; the implementation in place fails it.
  p.write("tests/own.test.ts", `import { expect, test } from "bun:test";\nimport { slugify } from "../src/slug";\n\ntest("own: lowercase", () => {\n  expect(slugify("A B")).toBe("a-b");\n});\n`);
  const { exitCode, report, stderr } = await jsonRun(p);
  expect(exitCode, stderr).toBe(0);
  expect(since(mark, "judge:tests/slug")).toHaveLength(0);
  expect(since(mark, "src/slug")).toHaveLength(2);
  expect(report.repairs[0]).toMatchObject({ module: "src/slug", side: "implementation", decidedBy: "evidence" });
  expect(report.repairs[0]?.reason).toContain("it fails the user's own checks");
  expect(report.repairs[0]?.reason).toContain("own: lowercase");
}, 120_000);

test("a run the time limit stops is a runner problem: nothing is judged or repaired", async () => {
  const p = project(files);
  const mark = llm.requests.length;
  llm.script("tests/slug", [fence(`import { expect, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\ntest("slugifyBasics", () => {\n  expect(slugify("Hello World")).toBe("hello-world");\n  while (true) {}\n});\n`)]);
  const { exitCode, report } = await jsonRun(p, ["--timeout", "3"]);
  expect(exitCode).toBe(4);
  expect(report.message).toStartWith("tests timed out after 3 s");
  expect(report.repairs).toEqual([]);
  expect(since(mark, "judge:tests/slug")).toHaveLength(0);
  expect(since(mark, "tests/slug")).toHaveLength(1);
  expect(since(mark, "src/slug")).toHaveLength(1);
}, 120_000);
