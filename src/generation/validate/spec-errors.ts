/**
 * Errors a candidate cannot fix. The type check sees the spec module (and
 * the project's configuration) too; an error there is what the user's own
 * `tsc` / `bun check` reports whatever the model writes, so it is never
 * dropped and never charged to the model:
 * - an error located in the spec module is a spec error (exit 2), named at
 *   its `file:line:col` in TypeScript's words;
 * - an error about the project's compiler options is a config error
 *   (jsx-option.ts, project-semantics.ts).
 * Both stop the run once instead of failing every attempt.
 */
import { JauntDiscoveryError } from "@jaunt/runtime";
import type { Diagnostic } from "../types.ts";

/** "declared but never read": what noUnusedLocals/noUnusedParameters report on a stub's parameters. */
const UNUSED = new Set(["TS6133", "TS6196", "TS6198"]);

/** A type error TypeScript reports at `file` (project-relative). */
export interface LocatedDiagnostic extends Diagnostic {
  readonly file: string;
}

/**
 * Throw a spec error (exit 2) when TypeScript reports errors located in the
 * spec module itself: the user's own type check reports them too.
 */
export function assertSpecTypeChecks(diagnostics: readonly LocatedDiagnostic[], specFile: string): void {
  const own = diagnostics.filter((d) => d.file === specFile);
  const first = own[0];
  if (first === undefined) return;
  const lines = own.slice(0, 3).map((d) => `${d.file}:${d.line ?? 1}:${d.column ?? 1}: error ${d.code}: ${d.message.replace(/\n/g, " ")}`);
  const more = own.length > 3 ? ` (and ${own.length - 3} more)` : "";
  throw new JauntDiscoveryError(`the spec module does not type-check, so no implementation can: ${lines.join("; ")}${more}`, "discovery.spec_type_error", {
    location: { file: first.file, line: first.line ?? 1, column: first.column ?? 1 },
    hint: `fix ${specFile} first (\`bun check ${specFile}\` reports the same); Jaunt checks generated code against it${own.some((d) => UNUSED.has(d.code)) ? ". A stub's parameters are unused: under noUnusedParameters/noUnusedLocals name them with a leading _ (or turn the option off for spec modules)" : ""}`,
  });
}
