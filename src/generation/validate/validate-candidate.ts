/**
 * Validate one candidate (DESIGN §5): fences stripped, syntax, structure
 * (exports and kinds, imports, top level), then a strict type check against the
 * spec's declared signatures. Diagnostics are exact and bounded.
 */
import type { Diagnostic, GenerationInput } from "../types.ts";
import { capDiagnostics } from "./diagnostics.ts";
import { exportDiagnostics } from "./export-rules.ts";
import { extractCode } from "./extract-code.ts";
import { importDiagnostics } from "./import-rules.ts";
import { specifierDiagnostics } from "./specifier-rules.ts";
import { syntaxDiagnostics } from "./syntax.ts";
import { topLevelDiagnostics } from "./top-level-rules.ts";
import { typeCheck } from "./type-check.ts";
import { loadTypeScript } from "./typescript-parser.ts";

export interface ValidationOutcome {
  /** The extracted module code (what gets written when valid). */
  readonly code: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ValidateOptions {
  readonly root: string;
  /** Skip the `bun check` step (structure only). */
  readonly skipTypeCheck?: boolean;
  readonly signal?: AbortSignal;
}

/** Validate a raw model answer for `input`; `diagnostics` is empty when it may be written. */
export async function validateCandidate(answer: string, input: GenerationInput, options: ValidateOptions): Promise<ValidationOutcome> {
  const code = extractCode(answer);
  if (code.trim() === "") return { code, diagnostics: [{ code: "jaunt/empty", message: "the answer contains no code; reply with one ```ts block" }] };
  const syntax = syntaxDiagnostics(code);
  if (syntax.length > 0) return { code, diagnostics: capDiagnostics(syntax) };

  const ts = await loadTypeScript();
  const file = ts.createSourceFile("candidate.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const structural: Diagnostic[] = [
    ...exportDiagnostics(ts, file, input.specs),
    ...importDiagnostics(ts, file, input),
    ...specifierDiagnostics(ts, file, input),
    ...topLevelDiagnostics(ts, file, input.kind),
  ];
  if (input.kind === "test" && !/\b(?:test|it)(?:\.\w+)*\s*\(/.test(code)) {
    structural.push({ code: "jaunt/no-tests", message: "the file defines no tests; add `test(...)` cases for every test spec" });
  }
  if (options.skipTypeCheck) return { code, diagnostics: capDiagnostics(structural) };

  const flagged = new Set(structural.filter((d) => d.code === "jaunt/missing-export" || d.code === "jaunt/wrong-kind").map((d) => d.message));
  const specsToAssert = input.specs.filter((s) => ![...flagged].some((m) => m.includes(`\`${s.name}\``)));
  const types = await typeCheck({ root: options.root, input, code, specsToAssert, signal: options.signal });
  return { code, diagnostics: capDiagnostics([...structural, ...types]) };
}
