/**
 * Specifier style rule (`jaunt/specifier-style`): relative imports in the
 * candidate must be spelled the way the project's module resolution accepts —
 * under Node16/NodeNext for ESM files, the project's extension (`.js`, or `.ts`
 * with allowImportingTsExtensions); anywhere, a `.ts` ending only when the
 * tsconfig allows it. Runs without the type check, and names the fix where
 * TypeScript would only say TS2835/TS5097.
 */
import path from "node:path";
import type * as TS from "typescript";
import { respell, specifierExtensionOf, spellSpecifier, type SpecifierStyle } from "../prompts/specifier.ts";
import type { Diagnostic, GenerationInput } from "../types.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

/** Relative module specifiers of imports, re-exports, `import("…")` and `import x = require("…")`. */
function relativeSpecifiers(ts: TypeScriptApi, file: TS.SourceFile): { specifier: string; node: TS.Node }[] {
  const found: { specifier: string; node: TS.Node }[] = [];
  const visit = (node: TS.Node): void => {
    let literal: TS.Expression | undefined;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) literal = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) literal = node.arguments[0];
    else if (ts.isExternalModuleReference(node)) literal = node.expression;
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal = node.argument.literal;
    if (literal && ts.isStringLiteral(literal) && (literal.text.startsWith("./") || literal.text.startsWith("../"))) found.push({ specifier: literal.text, node: literal });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The specifier the candidate should have written: the listed spelling when the target is known. */
function suggestion(specifier: string, input: GenerationInput, style: SpecifierStyle): string {
  const listed = [...input.dependencies.map((d) => d.importFrom), ...(input.specsUnderTest ?? []).map((s) => s.importFrom), ...input.handwrittenImports.map((h) => h.specifier)];
  const stem = (s: string) => s.replace(/\.[cm]?[jt]sx?$/, "");
  const known = listed.find((s) => stem(s) === stem(specifier));
  if (known !== undefined) return known;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(input.generatedFile), specifier));
  if (stem(target) === stem(input.specFile)) return spellSpecifier(input.generatedFile, input.specFile, style);
  return respell(specifier, style.extension);
}

const ENDING: Readonly<Record<SpecifierStyle["extension"], string>> = { none: "no extension", js: 'the ".js" extension', ts: 'the ".ts" extension' };

/** Diagnostics for relative specifiers the project's module resolution would not accept. */
export function specifierDiagnostics(ts: TypeScriptApi, file: TS.SourceFile, input: GenerationInput): Diagnostic[] {
  const style = input.specifierStyle;
  if (!style) return [];
  const diagnostics: Diagnostic[] = [];
  for (const { specifier, node } of relativeSpecifiers(ts, file)) {
    const kind = specifierExtensionOf(specifier);
    if (kind === "other") continue;
    const fix = suggestion(specifier, input, style);
    const at = positionOf(ts, file, node);
    if (kind === "ts" && !style.allowTsExtension) {
      diagnostics.push({ ...at, code: "jaunt/specifier-style", message: `"${specifier}" ends in a TypeScript extension, which this project's tsconfig does not allow (TS5097: needs allowImportingTsExtensions); write "${fix}"` });
    } else if (style.required && kind !== style.extension) {
      diagnostics.push({ ...at, code: "jaunt/specifier-style", message: `"${specifier}" is the wrong spelling for this project's module resolution: relative imports need ${ENDING[style.extension]} (${style.reason}); write "${fix}"` });
    }
  }
  return diagnostics;
}
