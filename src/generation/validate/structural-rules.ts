/**
 * The structural rules a candidate must pass before the type check, in one
 * list: a new rule plugs in here as one more entry.
 */
import path from "node:path";
import type * as TS from "typescript";
import type { Diagnostic, GenerationInput } from "../types.ts";
import { ambientDiagnostics } from "./ambient-rules.ts";
import { clockDiagnostics } from "./clock-rules.ts";
import { exportDiagnostics } from "./export-rules.ts";
import { importDiagnostics } from "./import-rules.ts";
import { specifierDiagnostics } from "./specifier-rules.ts";
import { stubDiagnostics } from "./stub-rules.ts";
import { suppressionDiagnostics } from "./suppression-rules.ts";
import { testFileDiagnostics } from "./test-rules.ts";
import { topLevelDiagnostics } from "./top-level-rules.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";
import { propertyDiagnostics } from "../properties/property-rules.ts";

export interface RuleContext {
  readonly ts: TypeScriptApi;
  /** The candidate, parsed. */
  readonly file: TS.SourceFile;
  readonly code: string;
  readonly input: GenerationInput;
  /** The spec module, parsed. */
  readonly specFile: TS.SourceFile;
}

export type StructuralRule = (context: RuleContext) => Diagnostic[];

export const STRUCTURAL_RULES: readonly StructuralRule[] = [
  ({ ts, file, input, specFile }) => exportDiagnostics(ts, file, input.specs, specFile),
  ({ ts, file, input }) => importDiagnostics(ts, file, input),
  ({ ts, file, input }) => specifierDiagnostics(ts, file, input),
  ({ ts, file, input, specFile }) => topLevelDiagnostics(ts, file, { kind: input.kind, callable: callableFrom(ts, input, specFile) }),
  ({ code }) => suppressionDiagnostics(code),
  ({ ts, file }) => stubDiagnostics(ts, file),
  ({ ts, file, specFile }) => ambientDiagnostics(ts, file, specFile),
  ({ ts, file, input }) => (input.kind === "test" ? [...testFileDiagnostics(ts, file), ...clockDiagnostics(ts, file)] : []),
  ({ code, input }) => propertyDiagnostics(code, input),
];

/**
 * Modules generated code may call at import time: project files (relative
 * specifiers) and the packages the spec module itself imports.
 */
function callableFrom(ts: TypeScriptApi, input: GenerationInput, specFile: TS.SourceFile): (specifier: string) => boolean {
  const packages = new Set<string>();
  for (const s of specFile.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) packages.add(s.moduleSpecifier.text);
  }
  for (const h of input.handwrittenImports) packages.add(h.specifier);
  packages.delete("@jaunt/runtime");
  return (specifier) => specifier.startsWith(".") || specifier.startsWith(path.posix.sep) || packages.has(specifier) || packages.has(specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
}

export function runStructuralRules(context: RuleContext): Diagnostic[] {
  return STRUCTURAL_RULES.flatMap((rule) => rule(context));
}
