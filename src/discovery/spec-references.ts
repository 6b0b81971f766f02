/**
 * Which names a spec's text refers to: the raw material of dependency
 * inference. Over-approximates on purpose (a parameter shadowing an imported
 * spec still counts): a spurious edge only orders builds, a missing one would
 * leave a module stale.
 */
import ts from "typescript";

export { commentMentions, specNameFilter, usedImportsOf } from "./spec-mentions.ts";

/** Identifiers referenced in `node`, plus `ns.member` for member accesses on `namespaces`. */
export function collectReferences(node: ts.Node, namespaces: ReadonlySet<string>, ownName: string): string[] {
  const found = new Set<string>();
  const visit = (child: ts.Node): void => {
    if (ts.isPropertyAccessExpression(child)) {
      visit(child.expression);
      if (ts.isIdentifier(child.expression) && namespaces.has(child.expression.text)) {
        found.add(`${child.expression.text}.${child.name.text}`);
      }
      return; // the member name is not a reference
    }
    if (ts.isQualifiedName(child)) {
      visit(child.left);
      if (ts.isIdentifier(child.left) && namespaces.has(child.left.text)) found.add(`${child.left.text}.${child.right.text}`);
      return;
    }
    if (ts.isPropertyAssignment(child) || ts.isMethodDeclaration(child) || ts.isPropertyDeclaration(child) ||
      ts.isGetAccessorDeclaration(child) || ts.isSetAccessorDeclaration(child) || ts.isPropertySignature(child) ||
      ts.isMethodSignature(child)) {
      // Skip the declared key, keep everything else.
      child.forEachChild((grand) => {
        if (grand !== child.name) visit(grand);
      });
      return;
    }
    if (ts.isIdentifier(child)) {
      if (child.text !== ownName) found.add(child.text);
      return;
    }
    child.forEachChild(visit);
  };
  visit(node);
  return [...found].sort();
}
