/** Import rules: no self-import of the spec module, no `__generated__` imports, no `@jaunt/runtime`. */
import path from "node:path";
import type * as TS from "typescript";
import type { Diagnostic, GenerationInput } from "../types.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

const EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/**
 * True for `import type …`, `import { type A, type B }`, `export type … from`, and an import whose
 * bindings are all used only as types (`import { Options } from "../fmt"` used in annotations):
 * all are erased at run time.
 */
function isTypeOnly(ts: TypeScriptApi, file: TS.SourceFile, statement: TS.ImportDeclaration | TS.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) return statement.isTypeOnly;
  const clause = statement.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const names: string[] = [];
  if (clause.name) names.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) names.push(el.name.text);
  return names.every((name) => usedOnlyAsType(ts, file, statement, name));
}

/** `name` is used, and every reference to it outside its import sits in a type (annotation, `implements`, `typeof` in a type). */
function usedOnlyAsType(ts: TypeScriptApi, file: TS.SourceFile, importNode: TS.Node, name: string): boolean {
  let valueUse = false;
  let typeUse = false;
  const pattern = new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`);
  const mentions = (node: TS.Node) => pattern.test(node.getText(file));
  const visit = (node: TS.Node): void => {
    if (valueUse || node === importNode) return;
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword)) {
      typeUse ||= mentions(node);
      return;
    }
    if (ts.isIdentifier(node) && node.text === name && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) && !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) {
      valueUse = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  // An unused import is not "used as a type": it stays a self-import.
  return typeUse && !valueUse;
}

/** Every module specifier the file imports or re-exports from (statements, `import x = require()`, `import()`, `require()`), with its node. */
function moduleSpecifiers(ts: TypeScriptApi, file: TS.SourceFile): { specifier: string; node: TS.Node; typeOnly: boolean }[] {
  const found: { specifier: string; node: TS.Node; typeOnly: boolean }[] = [];
  for (const statement of file.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({ specifier: statement.moduleSpecifier.text, node: statement, typeOnly: isTypeOnly(ts, file, statement) });
    }
    // `import x = require("…")` (valid under `module: preserve` and CommonJS).
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression)) {
      found.push({ specifier: statement.moduleReference.expression.text, node: statement, typeOnly: statement.isTypeOnly });
    }
  }
  const visit = (node: TS.Node): void => {
    const isRequire = ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "require";
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequire)) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) found.push({ specifier: arg.text, node, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Diagnostics for forbidden imports in the candidate. */
export function importDiagnostics(ts: TypeScriptApi, file: TS.SourceFile, input: GenerationInput): Diagnostic[] {
  const generatedDir = path.posix.dirname(input.generatedFile);
  const generatedName = path.posix.basename(generatedDir);
  const selfModule = input.specFile.replace(EXTENSION, "");
  const diagnostics: Diagnostic[] = [];
  for (const { specifier, node, typeOnly } of moduleSpecifiers(ts, file)) {
    const at = positionOf(ts, file, node);
    const relative = specifier.startsWith(".");
    const resolved = relative ? path.posix.normalize(path.posix.join(generatedDir, specifier)).replace(EXTENSION, "") : specifier;
    // Types declared in the spec module may be imported: a type-only import is erased, so it cannot cycle.
    if (relative && (resolved === selfModule || resolved === input.module) && !typeOnly) {
      diagnostics.push({ ...at, code: "jaunt/self-import", message: `do not import values from the spec module "${specifier}" (${input.specFile}) you are implementing; implement and call its specs directly (only \`import type\` of its types is allowed)` });
    } else if (resolved.split("/").includes(generatedName)) {
      diagnostics.push({ ...at, code: "jaunt/generated-import", message: `do not import "${specifier}": it is inside a ${generatedName} folder; import other specs through their spec module instead` });
    } else if (specifier === "@jaunt/runtime" || specifier.startsWith("@jaunt/runtime/")) {
      diagnostics.push({ ...at, code: "jaunt/runtime-import", message: `do not import "${specifier}": export plain implementations, not jaunt.magic/jaunt.test wrappers` });
    }
  }
  return diagnostics;
}
