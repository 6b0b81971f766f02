/**
 * Rules for generated tests: a test file must assert what the spec says and
 * run every test it registers.
 * - Snapshots assert nothing the spec says: `toMatchSnapshot()` and an empty
 *   `toMatchInlineSnapshot()` record whatever the code returns (bun writes a
 *   `__snapshots__/` file into the generated folder, or fills the inline
 *   snapshot by rewriting the generated test, which then reads as edited; under
 *   `CI=true` they fail instead). An inline snapshot that already carries its
 *   value is an exact expectation and stays.
 * - Focused, skipped, todo and expected-to-fail tests (`test.only`,
 *   `describe.skip`, `test.todo`, `test.failing`, `xit`, `fdescribe` …) let
 *   `bun test` pass while documented behaviour never ran. `test.if(cond)` /
 *   `test.skipIf(cond)` stay: they skip where a platform cannot run a test.
 * - A file must register at least one test that runs.
 */
import type * as TS from "typescript";
import type { Diagnostic } from "../types.ts";
import { calleeChain, callsIn, SUITE_CALLS, TEST_CALLS } from "./test-calls.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

const RECORDING_SNAPSHOTS = new Set(["toMatchSnapshot", "toThrowErrorMatchingSnapshot"]);
const INLINE_SNAPSHOTS = new Set(["toMatchInlineSnapshot", "toThrowErrorMatchingInlineSnapshot"]);
/** Modifiers that keep a test running (or skip it only where a condition says so). */
const RUNNING_MODIFIERS = new Set(["each", "if", "skipIf", "concurrent", "serial"]);
const NOT_RUNNING: Readonly<Record<string, string>> = {
  only: "focuses the run on some tests (the others never run, or the run fails under CI)",
  skip: "skips the test",
  todo: "registers a test that never runs",
  todoIf: "registers a test that never runs",
  failing: "passes only when the test fails",
};
const SHORTHANDS: Readonly<Record<string, string>> = { xit: "skip", xtest: "skip", xdescribe: "skip", fit: "only", ftest: "only", fdescribe: "only" };

/** Diagnostics for a generated test file (`file` is the candidate). */
export function testFileDiagnostics(ts: TypeScriptApi, file: TS.SourceFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let registered = 0;
  for (const call of callsIn(ts, file)) {
    const at = positionOf(ts, file, call);
    const snapshot = snapshotMatcher(ts, call);
    if (snapshot) {
      diagnostics.push({ ...at, code: "jaunt/snapshot-test", message: `\`${snapshot}()\` records whatever the code returns instead of checking what the spec says (bun writes it into a __snapshots__ file or into the generated test itself); assert the exact expected value the spec gives, e.g. \`expect(actual).toEqual(expected)\`` });
      continue;
    }
    const mocked = calleeChain(ts, call.expression)?.join(".");
    if ((mocked === "jest.mock" || mocked === "vi.mock") && call.arguments.length < 2) {
      diagnostics.push({ ...at, code: "jaunt/automock", message: `\`${mocked}(path)\` without a factory asks for an automatic mock, which bun does not make; pass the module's replacement: \`mock.module(path, () => ({ … }))\`` });
      continue;
    }
    // The outermost call of a chain registers the test: `test.only.each(rows)(…)` is reported once.
    if (ts.isCallExpression(call.parent) && call.parent.expression === call) continue;
    const chain = calleeChain(ts, call.expression);
    const head = chain?.[0];
    if (!chain || head === undefined) continue;
    const short = SHORTHANDS[head];
    const modifier = short ?? chain.slice(1).find((m) => NOT_RUNNING[m] !== undefined);
    const registers = TEST_CALLS.has(head) || SUITE_CALLS.has(head);
    if (modifier !== undefined && (short !== undefined || registers)) {
      const written = chain.join(".");
      diagnostics.push({ ...at, code: "jaunt/test-not-run", message: `\`${written}(…)\` ${NOT_RUNNING[modifier] ?? "does not run the test"}, so \`bun test\` would pass while that behaviour never ran; register every test with plain \`test(…)\` / \`describe(…)\` (\`test.skipIf(condition)\` only where a platform cannot run it)` });
      continue;
    }
    if (TEST_CALLS.has(head) && chain.slice(1).every((m) => RUNNING_MODIFIERS.has(m))) registered++;
  }
  if (registered === 0 && diagnostics.length === 0) diagnostics.push({ code: "jaunt/no-tests", message: "the file defines no tests; add `test(...)` cases for every test spec" });
  return diagnostics;
}

/** The snapshot matcher `call` uses when it records rather than compares, else undefined. */
function snapshotMatcher(ts: TypeScriptApi, call: TS.CallExpression): string | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const name = call.expression.name.text;
  if (RECORDING_SNAPSHOTS.has(name)) return name;
  // `toMatchInlineSnapshot(\`"hello-world"\`)` compares against the value it carries.
  const carriesValue = call.arguments.some((a) => ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a) || ts.isTemplateExpression(a));
  return INLINE_SNAPSHOTS.has(name) && !carriesValue ? name : undefined;
}
