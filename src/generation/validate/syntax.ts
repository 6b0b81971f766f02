/** Syntax errors with exact line/column from Bun's transpiler (~1–2 ms). */
import type { Diagnostic } from "../types.ts";
import { transpilerFor } from "../../support/transpilers.ts";

interface BunParseMessage {
  readonly message: string;
  readonly position?: { readonly line: number; readonly column: number } | null;
}

function isParseMessage(value: unknown): value is BunParseMessage {
  return typeof value === "object" && value !== null && "message" in value && typeof value.message === "string";
}

/** Syntax diagnostics of `code` (empty when it parses); `tsx` for a generated `.tsx` file. */
export function syntaxDiagnostics(code: string, loader: "ts" | "tsx" = "ts"): Diagnostic[] {
  try {
    transpilerFor(loader).scan(code);
    return [];
  } catch (error) {
    const messages: unknown[] = error instanceof AggregateError ? error.errors : [error];
    const found = messages.filter(isParseMessage).map((m): Diagnostic => {
      const pos = m.position;
      return pos ? { line: pos.line, column: pos.column, code: "syntax", message: m.message } : { code: "syntax", message: m.message };
    });
    return found.length > 0 ? found : [{ code: "syntax", message: String(error) }];
  }
}

/** The imports of a module's source, read as TS, else as TSX (a `.tsx` spec module with JSX); undefined when neither parses. */
export function scanImports(source: string): { path: string }[] | undefined {
  for (const loader of ["ts", "tsx"] as const) {
    try {
      return transpilerFor(loader).scan(source).imports;
    } catch {
      // try the next loader
    }
  }
  return undefined;
}
