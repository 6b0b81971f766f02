/** The one-paragraph result of `jaunt test`: passed, or the failures that remain in the runner's words. */
import { errorLine } from "./console-errors.ts";
import type { TestRunResult } from "./types.ts";

/** Failures listed in the message (the rest are counted; `--json` has them all). */
const LISTED = 5;

function firstLine(text: string): string {
  return (text.split("\n").find((line) => line.trim() !== "") ?? text).trim();
}

/** `tests passed (2 file(s))`, or `tests failed: …` with each remaining failure on its own line. */
export function testMessage(run: TestRunResult, rounds: number): string {
  const after = rounds > 0 ? ` after ${rounds} repair round(s)` : "";
  if (run.timedOut !== undefined && run.runnerError !== undefined) return `${run.runnerError}${after}`;
  if (run.runnerError !== undefined) return `tests failed: the test run itself failed${after}: ${run.runnerError}`;
  const failed = run.tests.filter((t) => t.status === "failed");
  if (failed.length === 0 && run.unloaded.length === 0) return `tests passed (${run.files.length} file(s))${after}`;
  const lines = [
    ...run.unloaded.map((u) => `  ${u.file}: did not load: ${errorLine(u.error)}`),
    ...failed.map((t) => {
      const values = t.expected !== undefined || t.received !== undefined ? ` (expected ${t.expected ?? "?"}, received ${t.received ?? "?"})` : ` (${firstLine(t.message ?? "failed")})`;
      return `  ${t.file}: ${t.name}${values}${t.counterexample === undefined ? "" : ` counterexample ${t.counterexample}`}`;
    }),
  ];
  const shown = lines.slice(0, LISTED);
  if (lines.length > LISTED) shown.push(`  … and ${lines.length - LISTED} more (--json lists every test)`);
  const counts = [failed.length > 0 ? `${failed.length} failing test(s)` : "", run.unloaded.length > 0 ? `${run.unloaded.length} file(s) that did not load` : ""].filter(Boolean).join(", ");
  return `tests failed: ${counts}${after}\n${shown.join("\n")}`;
}
