/**
 * The repair sections of the builder's and tester's prompts (`jaunt test`
 * repair rounds) and the property-test instructions of the tester's prompt.
 * Measured on published repair loops, assertion failures are fixed far more
 * often when the model sees the expected/received values and the failing
 * test's own code than when told only that a test failed, so both go in.
 */
import type { PropertyInput, RepairFailure, RepairFeedback } from "../types.ts";

/** The current module shown in a repair prompt is cut to this many chars. */
const CURRENT_CODE_LIMIT = 12_000;
/** At most this many failing tests are shown (the rest are counted). */
const FAILURES_SHOWN = 8;

function fenced(code: string): string {
  const shown = code.length > CURRENT_CODE_LIMIT ? `${code.slice(0, CURRENT_CODE_LIMIT)}\n// … (cut)` : code.trimEnd();
  return ["```ts", shown, "```"].join("\n");
}

/** One failing test: name, where, its code, the failure, expected/received, counterexample, and (implementation side) the frame. */
export function failureBlock(failure: RepairFailure, withFrame: boolean): string {
  const lines = [`### \`${failure.test}\` (${failure.file}${failure.line === undefined ? "" : `:${failure.line}`})`];
  if (failure.code) lines.push(fenced(failure.code));
  lines.push(`Failure: ${failure.message}`);
  if (failure.expected !== undefined) lines.push(`Expected: ${failure.expected}`);
  if (failure.received !== undefined) lines.push(`Received: ${failure.received}`);
  if (failure.counterexample !== undefined) lines.push(`Counterexample (shrunk by fast-check): ${failure.counterexample}`);
  if (withFrame && failure.frame) lines.push(`First stack frame inside the implementation: ${failure.frame}`);
  return lines.join("\n");
}

/** The failing tests, the first FAILURES_SHOWN of them in full. */
export function failuresList(failures: readonly RepairFailure[], withFrame: boolean): string {
  const shown = failures.slice(0, FAILURES_SHOWN).map((f) => failureBlock(f, withFrame));
  if (failures.length > FAILURES_SHOWN) shown.push(`(${failures.length - FAILURES_SHOWN} more failing test(s) not shown)`);
  return shown.join("\n\n");
}

/** The repair section for the module's prompt (rendered where `{{previous_errors}}` goes); empty without a repair. */
export function repairSection(repair: RepairFeedback | undefined): string {
  if (!repair) return "";
  const why = repair.reason ? ` (${repair.reason})` : "";
  if (repair.side === "implementation") {
    return [
      "",
      `## Failing tests (repair round ${repair.round})`,
      `Your module was written, but tests of its spec fail, and the implementation was found to contradict the spec${why}. Fix the behaviour the spec describes. Do not special-case the tests' inputs or values: every other input must follow the spec too. Return the complete corrected module.`,
      "",
      failuresList(repair.failures, true),
      "",
      ...(repair.currentCode === undefined ? [] : ["Your current module (the one that fails):", fenced(repair.currentCode), ""]),
    ].join("\n");
  }
  if (repair.loadError !== undefined) {
    return [
      "",
      `## Your test file did not load (repair round ${repair.round})`,
      "bun test could not load the test file you wrote; no test in it ran. The runner said:",
      "```",
      repair.loadError,
      "```",
      "Return a complete test file that loads: import only what exists, and check what the test specs describe.",
      "",
      ...(repair.currentCode === undefined ? [] : ["Your current test file:", fenced(repair.currentCode), ""]),
    ].join("\n");
  }
  return [
    "",
    `## Failing tests to correct (repair round ${repair.round})`,
    `These tests fail, and they were found to expect something the spec does not say${why}. Correct them so they check exactly what the specs say, with exact expected values; keep the tests that pass. You still see only the public API of the code under test.`,
    "",
    failuresList(repair.failures, false),
    "",
    ...(repair.currentCode === undefined ? [] : ["Your current test file:", fenced(repair.currentCode), ""]),
  ].join("\n");
}

/** The property-test instructions of a test module's prompt; empty when its specs have no `@property` line. */
export function propertiesSection(properties: readonly PropertyInput[] | undefined): string {
  if (!properties || properties.length === 0) return "";
  return [
    "",
    "## Properties to test with fast-check",
    'Write each property below as its own `test(...)` with fast-check (`import fc from "fast-check";`):',
    "`fc.assert(fc.property(<arbitraries>, (<values>) => { <check, with expect or a boolean> }), { seed: <seed>, numRuns: <numRuns> })` — with exactly the seed and numRuns given, so a failure reproduces. Use `fc.asyncProperty` for async code. Choose arbitraries that cover every input the property speaks of, including edge cases.",
    ...properties.map((p) => `- from \`${p.ref}\`: ${p.text} — seed ${p.seed}, numRuns ${p.numRuns}`),
    "",
  ].join("\n");
}
