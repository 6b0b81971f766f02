/**
 * Config problems are collected, not thrown one at a time, so a user fixing
 * jaunt.toml sees every mistake in one run. This file turns the list into one
 * `JauntConfigError`.
 */
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import type { KeyLines } from "./key-lines.ts";

export type ProblemCode =
  | "config.unknown_key"
  | "config.wrong_type"
  | "config.bad_value"
  | "config.missing_key"
  | "config.unsupported_version";

/** One thing wrong with jaunt.toml, at a key path. */
export interface ConfigProblem {
  readonly code: ProblemCode;
  /** Key path the problem is about (used to find its line). */
  readonly path: readonly string[];
  readonly message: string;
}

interface PlacedProblem extends ConfigProblem {
  readonly line: number | undefined;
}

/** Attach lines and sort by line (problems without a line last, order kept otherwise). */
function place(problems: readonly ConfigProblem[], lines: KeyLines): PlacedProblem[] {
  const placed = problems.map((problem) => ({ ...problem, line: lines.lineOf(problem.path) }));
  return placed.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}

/**
 * The error for a non-empty problem list: each problem on its own line as
 * `jaunt.toml:LINE: problem`. The code is the problems' shared code, or
 * `config.invalid` when they differ; `location` is the first problem's line.
 */
export function configProblemsError(problems: readonly ConfigProblem[], configFile: string, lines: KeyLines): JauntConfigError {
  const placed = place(problems, lines);
  const name = path.basename(configFile);
  const listed = placed.map((problem) => `${name}${problem.line === undefined ? "" : `:${problem.line}`}: ${problem.message}`);
  const codes = new Set(placed.map((problem) => problem.code));
  const [onlyCode] = codes;
  const count = placed.length === 1 ? "1 problem" : `${placed.length} problems`;
  const first = placed[0];
  return new JauntConfigError(`invalid ${name} (${count}):\n${listed.join("\n")}`, codes.size === 1 && onlyCode ? onlyCode : "config.invalid", {
    location: first?.line === undefined ? { file: configFile } : { file: configFile, line: first.line },
    hint: "fix the keys above; docs/configuration.md describes every key of jaunt.toml",
  });
}
