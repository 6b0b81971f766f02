/**
 * Errors a candidate cannot fix. The type check sees the spec module (and
 * the project's configuration) too; an error there is what the user's own
 * `tsc` / `bun check` reports whatever the model writes, so it is never
 * dropped and never charged to the model:
 * - an error located in the spec module is a spec error (exit 2), named at
 *   its `file:line:col` in TypeScript's words;
 * - an error about the project's compiler options (JSX without the `jsx`
 *   option, an option TypeScript rejects) is a config error (exit 2) naming
 *   the fix.
 * Both stop the run once instead of failing every attempt.
 */
import path from "node:path";
import { JauntConfigError, JauntDiscoveryError } from "@jaunt/runtime";
import type { Diagnostic } from "../types.ts";

/** TypeScript's codes for "the project's compiler options do not allow this" (JSX not enabled). */
const JSX_OPTION_CODES = new Set(["TS17004", "TS6142"]);

/** A type error TypeScript reports at `file` (project-relative). */
export interface LocatedDiagnostic extends Diagnostic {
  readonly file: string;
}

/** Throw the config error for diagnostics about the project's `jsx` option, anywhere in the check. */
export function assertJsxConfigured(diagnostics: readonly LocatedDiagnostic[], tsconfig: string | undefined, root: string): void {
  const found = diagnostics.find((d) => JSX_OPTION_CODES.has(d.code));
  if (!found) return;
  const where = tsconfig ? path.relative(root, tsconfig) || "tsconfig.json" : "tsconfig.json";
  throw new JauntConfigError(`the project's TypeScript settings do not allow JSX, so no .tsx module can type-check (${found.file}:${found.line ?? 1}:${found.column ?? 1}: ${found.code}: ${found.message.split("\n")[0]})`, "config.jsx_not_enabled", {
    hint: `set "jsx" in compilerOptions of ${where} (e.g. "jsx": "react-jsx", with "jsxImportSource" for your JSX library); your own tsc and editor need the same`,
  });
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
    hint: `fix ${specFile} first (\`bun check ${specFile}\` reports the same); Jaunt checks generated code against it`,
  });
}
