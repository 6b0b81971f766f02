/**
 * All discovery problems of one run, thrown together: users fix a batch of
 * mistakes per run instead of one per run.
 */
import { JauntDiscoveryError } from "@jaunt/runtime";
import type { DiscoveryProblemData } from "./types.ts";

/** One problem as carried by the error (`location` in the JauntError shape). */
export interface DiscoveryProblem {
  readonly message: string;
  readonly location: { readonly file: string; readonly line: number; readonly column: number };
  readonly hint: string;
}

/** One warning or problem as a line: `file:line:col: message (fix: hint)`. */
export function formatProblem(p: DiscoveryProblemData): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message} (fix: ${p.hint})`;
}

function byPosition(a: DiscoveryProblemData, b: DiscoveryProblemData): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}

/**
 * A JauntDiscoveryError listing several problems, one per line as
 * `file:line:col: message` followed by an indented hint. Its own `location`
 * and `hint` are those of the first problem, so single-problem reporting
 * stays natural.
 */
export class JauntDiscoveryProblemsError extends JauntDiscoveryError {
  readonly problems: readonly DiscoveryProblem[];

  constructor(problems: readonly DiscoveryProblemData[]) {
    const sorted = [...problems].sort(byPosition);
    const first = sorted[0];
    const lines = sorted.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}\n    hint: ${p.hint}`);
    const message = sorted.length === 1 && first
      ? first.message
      : `${sorted.length} problems in spec files:\n${lines.join("\n")}`;
    super(message, "discovery.invalid", {
      ...(first && sorted.length === 1 ? { location: { file: first.file, line: first.line, column: first.column }, hint: first.hint } : {}),
      ...(sorted.length > 1 ? { hint: "fix each problem above; all were found in one pass" } : {}),
    });
    this.problems = sorted.map((p) => ({ message: p.message, location: { file: p.file, line: p.line, column: p.column }, hint: p.hint }));
  }
}
