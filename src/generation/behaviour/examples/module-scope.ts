/**
 * What an example can reach: the names the spec module exports (its specs
 * and anything else it exports) and the names its value imports bind. A
 * non-exported helper of the spec module is out of reach of an example
 * program, so it does not count.
 */
import type * as TS from "typescript";
import type { TypeScriptApi } from "../../validate/typescript-parser.ts";

export interface ModuleScope {
  /** The spec module's value import declarations, verbatim (copied into the example program). */
  readonly imports: readonly string[];
  /** Names those imports bind. */
  readonly imported: readonly string[];
  /** Names the module exports from its own declarations or `export { … }` clauses. */
  readonly exports: readonly string[];
}

function hasExport(ts: TypeScriptApi, node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Read the scope of a parsed spec module. */
export function moduleScope(ts: TypeScriptApi, file: TS.SourceFile): ModuleScope {
  const imports: string[] = [];
  const imported = new Set<string>();
  const exports = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      imports.push(statement.getText(file));
      if (clause?.name) imported.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) imported.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) imported.add(el.name.text);
      continue;
    }
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const el of statement.exportClause.elements) if (!el.isTypeOnly) exports.add(el.name.text);
      continue;
    }
    if (!hasExport(ts, statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) exports.add(d.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      exports.add(statement.name.text);
    }
  }
  return { imports, imported: [...imported], exports: [...exports] };
}
