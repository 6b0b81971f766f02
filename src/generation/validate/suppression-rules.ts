/**
 * No type-check suppressions: `@ts-ignore`, `@ts-expect-error` and
 * `@ts-nocheck` hide exactly the errors the type check exists to catch (one
 * hid a call to a method that did not exist and threw on first use).
 */
import type { Diagnostic } from "../types.ts";

const SUPPRESSION = /(?:\/\/\/?|\/\*+)\s*(@ts-(?:ignore|expect-error|nocheck))\b/g;

export function suppressionDiagnostics(code: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lines = code.split("\n");
  lines.forEach((line, index) => {
    for (const match of line.matchAll(SUPPRESSION)) {
      diagnostics.push({
        line: index + 1,
        column: (match.index ?? 0) + 1,
        code: "jaunt/ts-suppression",
        message: `\`${match[1] ?? "@ts-ignore"}\` is not allowed: it hides a type error the module must fix instead (remove the comment and make the code type-check)`,
      });
    }
  });
  return diagnostics;
}
