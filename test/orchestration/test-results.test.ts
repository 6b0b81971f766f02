/** Reading bun test's JUnit report and console output back into per-test results, from real bun runs. */
import { afterAll, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseJunitReport } from "../../src/orchestration/test-results/junit.ts";
import { readRun, runTests } from "../../src/orchestration/test-results/run-tests.ts";
import { repairFailure } from "../../src/orchestration/repair/failure-context.ts";

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-results-")));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const write = (file: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};

write("src/__generated__/text.ts", `export function shout(s: string): string {
  if (s === "") throw new RangeError("empty input");
  return s.toUpperCase();
}
`);
write("tests/__generated__/text.test.ts", `import { describe, expect, test } from "bun:test";
import { shout } from "../../src/__generated__/text";

describe("shout & <friends>", () => {
  test("lowercases", () => {
    expect(shout("ab")).toBe("ab");
  });
  test("keeps \\"quotes\\"", () => {
    expect(shout("a")).toBe("A");
  });
});
test("empty throws TypeError", () => {
  expect(shout("")).toBe("");
});
test.skip("later", () => {});
`);
write("tests/__generated__/broken.test.ts", `import { test } from "bun:test";
import { nope } from "./missing-module";
test("never", () => { void nope; });
`);

test("a real run: each test's file, name, status, expected/received, stack; a file that does not load is named with bun's words", async () => {
  const files = ["tests/__generated__/text.test.ts", "tests/__generated__/broken.test.ts"];
  const run = await runTests({ root, files, bunArgs: [], output: "stderr", limits: { timeoutSeconds: 60, secretEnvNames: ["JAUNT_TEST_KEY"] } });
  expect(run.bunExitCode).toBe(1);
  expect(run.runnerError).toBeUndefined();
  const byName = new Map(run.tests.map((t) => [t.name, t]));
  expect([...byName.keys()]).toEqual(["shout & <friends> > lowercases", 'shout & <friends> > keeps "quotes"', "empty throws TypeError", "later"]);
  const lowercases = byName.get("shout & <friends> > lowercases");
  expect(lowercases).toMatchObject({ file: files[0], status: "failed", line: 5, expected: '"ab"', received: '"AB"' });
  expect(lowercases?.message).toContain("expect(received).toBe(expected)");
  expect(byName.get('shout & <friends> > keeps "quotes"')?.status).toBe("passed");
  expect(byName.get("later")?.status).toBe("skipped");
  const thrown = byName.get("empty throws TypeError");
  expect(thrown?.message).toBe("RangeError: empty input");
  expect(thrown?.stack?.[0]).toEqual({ fn: "shout", file: "src/__generated__/text.ts", line: 2, column: expect.any(Number) });
  // The repair view: the test's own code, and the first frame inside the implementation with its line.
  if (!thrown) throw new Error("no result for the throwing test");
  const failure = await repairFailure(root, thrown, new Set(["src/__generated__/text.ts"]));
  expect(failure.code).toBe('test("empty throws TypeError", () => {\n  expect(shout("")).toBe("");\n})');
  expect(failure.frame).toMatch(/^src\/__generated__\/text\.ts:2:\d+ \(in shout\): `if \(s === ""\) throw new RangeError\("empty input"\);`$/);
  expect(run.unloaded).toHaveLength(1);
  expect(run.unloaded[0]?.file).toBe(files[1]);
  expect(run.unloaded[0]?.error).toContain("Cannot find module './missing-module'");
}, 30_000);

test("a counterexample from fast-check's failure message is kept", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="bun test" tests="1"><testsuite name="p.test.ts" file="p.test.ts" tests="1">
<testcase name="never --" classname="" file="p.test.ts" line="4"><failure type="Error" message="Property failed after 1 tests&#10;{ seed: 1234, path: &quot;0:1:4&quot;, endOnFailure: true }&#10;Counterexample: [&quot;  &quot;]&#10;Shrunk 2 time(s)">Error: Property failed&#10;      at p.test.ts:5:6&#10;</failure></testcase>
</testsuite></testsuites>`;
  const [result] = parseJunitReport(xml);
  expect(result?.counterexample).toBe('["  "]');
  expect(result?.message).toStartWith("Error: Property failed after 1 tests");
});

test("a crash or a missing report is a runner error, never a test failure", () => {
  expect(readRun(134, ["a.test.ts"], undefined, "panic: oh no\n").runnerError).toContain("bun test exited 134 without writing its report:\npanic: oh no");
  expect(readRun(1, ["a.test.ts"], "<testsuites></testsuites>", "something odd\n").runnerError).toContain("bun test failed without a failing test");
  expect(() => parseJunitReport("not xml")).toThrow("not a bun test JUnit report");
});

test("no file loads: bun writes no report, and each file's error is read from its console", () => {
  const stderr = `\ntests/__generated__/slug.test.ts:\n\n# Unhandled error between tests\n-------------------------------\n10 | const pattern = new RegExp("(unclosed");\nSyntaxError: Invalid regular expression: missing )\n-------------------------------\n\n 0 pass\n 1 fail\n 1 error\n`;
  const run = readRun(1, ["tests/__generated__/slug.test.ts"], undefined, stderr);
  expect(run.runnerError).toBeUndefined();
  expect(run.unloaded).toEqual([{ file: "tests/__generated__/slug.test.ts", error: '10 | const pattern = new RegExp("(unclosed");\nSyntaxError: Invalid regular expression: missing )' }]);
});
