/**
 * Reads a parsed file's module syntax: its imports, re-exports, locally
 * exported names, and how it refers to `@jaunt/runtime` (namespace import,
 * named imports, renamed imports).
 */
import ts from "typescript";
import { RUNTIME_PACKAGE } from "./runtime-package.ts";
import type { ImportBinding, ImportDecl, ReExportDecl } from "./types.ts";

export type RuntimeApi = "magic" | "test";

/** The local names under which this file can reach the runtime's `magic` and `test`. */
export interface RuntimeBindings {
  /** `import * as jaunt from "@jaunt/runtime"` → "jaunt". */
  readonly namespaces: ReadonlySet<string>;
  /** `import { magic as m }` → m → "magic". */
  readonly named: ReadonlyMap<string, RuntimeApi>;
  /** `import { todo as t }` → "t". */
  readonly todo: ReadonlySet<string>;
}

export interface ModuleSyntax {
  readonly imports: readonly ImportDecl[];
  readonly reExports: readonly ReExportDecl[];
  /** Names exported by `export const/function/class/...` or a local `export { a, b as c }` (exported side). */
  readonly exportedNames: readonly string[];
  /** Local name → exported name for `export { a as c }` without `from`. */
  readonly exportClause: ReadonlyMap<string, string>;
  /** Exported name → local name for the same clauses (a barrel's `import { a } …; export { a }`). */
  readonly localExports: Readonly<Record<string, string>>;
  readonly runtime: RuntimeBindings;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function importBindings(clause: ts.ImportClause | undefined): ImportBinding[] {
  if (!clause) return [];
  const bindings: ImportBinding[] = [];
  const clauseTypeOnly = clause.isTypeOnly;
  if (clause.name) bindings.push({ local: clause.name.text, imported: "default", typeOnly: clauseTypeOnly });
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) bindings.push({ local: named.name.text, imported: "*", typeOnly: clauseTypeOnly });
  if (named && ts.isNamedImports(named)) {
    for (const element of named.elements) {
      bindings.push({
        local: element.name.text,
        imported: (element.propertyName ?? element.name).text,
        typeOnly: clauseTypeOnly || element.isTypeOnly,
      });
    }
  }
  return bindings;
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name
  ) {
    return [statement.name.text];
  }
  return [];
}

/** Collect imports, re-exports and exports of `source` (resolution of specifiers happens later). */
export function readModuleSyntax(source: ts.SourceFile): ModuleSyntax {
  const imports: ImportDecl[] = [];
  const reExports: ReExportDecl[] = [];
  const exportedNames = new Set<string>();
  const exportClause = new Map<string, string>();
  const localExports: Record<string, string> = {};
  const namespaces = new Set<string>();
  const named = new Map<string, RuntimeApi>();
  const todo = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const bindings = importBindings(statement.importClause);
      const line = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1;
      imports.push({ specifier, bindings, resolvedFile: undefined, line });
      if (specifier === RUNTIME_PACKAGE) {
        for (const binding of bindings) {
          if (binding.typeOnly) continue;
          if (binding.imported === "*") namespaces.add(binding.local);
          else if (binding.imported === "magic" || binding.imported === "test") named.set(binding.local, binding.imported);
          else if (binding.imported === "todo") todo.add(binding.local);
        }
      }
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const names = clause && ts.isNamedExports(clause)
          ? clause.elements.map((e) => ({ exported: e.name.text, imported: (e.propertyName ?? e.name).text }))
          : undefined;
        // `export * as ns from` exports one name; it is not followed for inference.
        if (clause && ts.isNamespaceExport(clause)) exportedNames.add(clause.name.text);
        else reExports.push({ specifier: statement.moduleSpecifier.text, names, resolvedFile: undefined });
      } else if (clause && ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          exportedNames.add(element.name.text);
          exportClause.set((element.propertyName ?? element.name).text, element.name.text);
          localExports[element.name.text] = (element.propertyName ?? element.name).text;
        }
      }
    } else if (hasExportModifier(statement)) {
      for (const name of declaredNames(statement)) exportedNames.add(name);
    }
  }
  return {
    imports,
    reExports,
    exportedNames: [...exportedNames].sort(),
    exportClause,
    localExports,
    runtime: { namespaces, named, todo },
  };
}

/** Which runtime API `callee` names (`jaunt.magic`, `magic`, `m` for `magic as m`), if any. */
export function runtimeApiOf(callee: ts.Expression, runtime: RuntimeBindings): RuntimeApi | undefined {
  if (ts.isIdentifier(callee)) return runtime.named.get(callee.text);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && runtime.namespaces.has(callee.expression.text)) {
    const name = callee.name.text;
    return name === "magic" || name === "test" ? name : undefined;
  }
  return undefined;
}

/** Whether `callee` is the runtime's `todo` (`jaunt.todo`, `todo`, `t` for `todo as t`). */
export function isRuntimeTodo(callee: ts.Expression, runtime: RuntimeBindings): boolean {
  if (ts.isIdentifier(callee)) return runtime.todo.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) &&
    runtime.namespaces.has(callee.expression.text) && callee.name.text === "todo";
}

export { hasExportModifier };
