/**
 * The module's own type declarations a spec's API refers to — `interface
 * ClampFn { (x: number): number; (x: bigint): bigint }`, `type Options = …`,
 * `enum Mode` — so a dependent's prompt shows every overload and every type
 * the signature names, not just a name it cannot look up.
 */
import ts from "typescript";
import { fullText } from "./spec-text.ts";

type TypeDecl = ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration;

function isTypeDecl(statement: ts.Statement): statement is TypeDecl {
  return ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement);
}

function identifiersIn(node: ts.Node, out: Set<string>): void {
  if (ts.isIdentifier(node)) out.add(node.text);
  node.forEachChild((child) => identifiersIn(child, out));
}

/** Declarations by name (interfaces may merge: all parts are kept), in source order. */
export function localTypeDeclarations(source: ts.SourceFile): ReadonlyMap<string, readonly TypeDecl[]> {
  const byName = new Map<string, TypeDecl[]>();
  for (const statement of source.statements) {
    if (!isTypeDecl(statement)) continue;
    const list = byName.get(statement.name.text) ?? [];
    list.push(statement);
    byName.set(statement.name.text, list);
  }
  return byName;
}

/** The local type declarations `names` refer to, followed transitively, in source order. */
export function referencedTypeDeclarations(declarations: ReadonlyMap<string, readonly TypeDecl[]>, names: Iterable<string>): TypeDecl[] {
  if (declarations.size === 0) return [];
  const picked = new Set<TypeDecl>();
  const queue = [...names];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.pop();
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    for (const decl of declarations.get(name) ?? []) {
      picked.add(decl);
      const inner = new Set<string>();
      identifiersIn(decl, inner);
      for (const n of inner) if (!seen.has(n)) queue.push(n);
    }
  }
  return [...picked].sort((a, b) => a.pos - b.pos);
}

/**
 * Texts (JSDoc included) of the local type declarations that `names` refer
 * to, followed transitively, in source order; "" when there are none.
 */
export function referencedTypesText(source: ts.SourceFile, declarations: ReadonlyMap<string, readonly TypeDecl[]>, names: Iterable<string>): string {
  return referencedTypeDeclarations(declarations, names).map((decl) => fullText(source, decl)).join("\n");
}
