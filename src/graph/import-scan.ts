/**
 * The module specifiers a handwritten file names, read textually (no
 * TypeScript, no transpile): `import … from`, `export … from`, side-effect
 * `import "x"`, `import("x")`, `require("x")` and `import type` alike — a
 * helper's types shape what generated code must satisfy, so type-only
 * imports count too (Bun's own scanner drops them). Comments are skipped;
 * a specifier-looking string inside a string literal may be taken for an
 * import, which only ever adds a file to a digest (a harmless over-reach).
 */

/** Strings (kept, so specifiers survive) or comments (replaced by a space). */
const STRING_OR_COMMENT = /("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
const FROM = /\b(?:import|export)\b[^;'"`]*?\bfrom\s*(["'])([^"'\n]+)\1/g;
const BARE_IMPORT = /\bimport\s*(["'])([^"'\n]+)\1/g;
const CALL = /\b(?:import|require)\s*\(\s*(["'])([^"'\n]+)\1\s*\)/g;

/** Every specifier `text` imports or re-exports from, in first-seen order, without duplicates. */
export function importSpecifiers(text: string): string[] {
  const code = text.replace(STRING_OR_COMMENT, (match, literal: string | undefined) => literal ?? " ");
  const found = new Set<string>();
  for (const pattern of [FROM, BARE_IMPORT, CALL]) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[2];
      if (specifier !== undefined) found.add(specifier);
    }
  }
  return [...found];
}
