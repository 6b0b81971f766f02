/**
 * Read the JUnit XML report `bun test --reporter=junit` writes into per-test
 * results with the details repairs need. The XML itself is read by the
 * behaviour stage's reader (`generation/behaviour/tests/junit-report.ts`),
 * one reader for both uses; this adds expected/received values, a fast-check
 * counterexample and the stack frames (failure-details.ts). Files that did
 * not load, and files with no tests, are absent from the report (measured
 * with Bun 1.4.5).
 */
import { readJunit } from "../../generation/behaviour/tests/junit-report.ts";
import { failureDetails } from "./failure-details.ts";
import type { TestCaseResult } from "./types.ts";

/**
 * Every test case in a bun JUnit report, in report order.
 * @throws Error when `xml` is not a bun test report (no `<testsuites>` element).
 */
export function parseJunitReport(xml: string): TestCaseResult[] {
  if (!/<testsuites[\s>]/.test(xml)) throw new Error("not a bun test JUnit report (no <testsuites> element)");
  return readJunit(xml).map((c) => {
    const base = { file: c.file, name: c.name, status: c.status, ...(c.line === undefined || !Number.isInteger(c.line) ? {} : { line: c.line }) };
    return c.failure ? { ...base, ...failureDetails(c.failure.type, c.failure.message, c.failure.stack) } : base;
  });
}
