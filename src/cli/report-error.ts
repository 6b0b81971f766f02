/**
 * The one place that turns an error ending a command into what the user sees
 * and the exit code (DESIGN §6). Core code only throws.
 */
import { JauntError, type SourceLocation } from "@jaunt/runtime";
import { paint } from "./output.ts";

export interface ErrorReport {
  readonly exitCode: number;
  /** Human text for stderr (ends with a newline). */
  readonly text: string;
  /** The same error as data, for `--json`. */
  readonly json: {
    readonly ok: false;
    readonly error: {
      readonly code: string;
      readonly name: string;
      readonly message: string;
      readonly exitCode: number;
      readonly location?: SourceLocation;
      readonly hint?: string;
    };
  };
}

/** `file:line:col` (as much as is known). */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

/** Describe `error`; unexpected (non-Jaunt) errors are internal errors, exit 1. */
export function reportError(error: unknown, options: { verbose: boolean }): ErrorReport {
  const jaunt = error instanceof JauntError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const exitCode = jaunt?.exitCode ?? 1;
  const lines: string[] = [];
  const where = jaunt?.location ? `${formatLocation(jaunt.location)}: ` : "";
  lines.push(`${paint("31;1", "error")}: ${where}${jaunt ? message : `internal error: ${message}`}`);
  if (jaunt?.hint) lines.push(`  ${paint("36", "hint")}: ${jaunt.hint}`);
  if (!jaunt) lines.push("  this is a bug in Jaunt; rerun with --verbose and report it with the stack trace");
  if (options.verbose && error instanceof Error && error.stack) lines.push(paint("2", error.stack));
  return {
    exitCode,
    text: `${lines.join("\n")}\n`,
    json: {
      ok: false,
      error: {
        code: jaunt?.code ?? "internal",
        name: error instanceof Error ? error.name : "Error",
        message,
        exitCode,
        ...(jaunt?.location ? { location: jaunt.location } : {}),
        ...(jaunt?.hint ? { hint: jaunt.hint } : {}),
      },
    },
  };
}
