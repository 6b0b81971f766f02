/**
 * Identifiers an example uses but does not declare: the spec module's scope
 * (its exports and imports) or the global object must supply them, or the
 * example cannot run here. Scopes inside the example are not modelled (a name
 * declared anywhere in the block counts as declared) — close enough for
 * illustrations, and it only ever errs toward running an example.
 */
import type * as TS from "typescript";
import { bindingNames } from "../../validate/purity-scope.ts";
import type { TypeScriptApi } from "../../validate/typescript-parser.ts";

/** True for an identifier that names a property, label or declaration rather than reading a binding. */
function isNonReference(ts: TypeScriptApi, id: TS.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === id) return true;
  if (ts.isBindingElement(p) && p.propertyName === id) return true;
  if ((ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) && p.label === id) return true;
  if (ts.isQualifiedName(p) && p.right === id) return true;
  if ((ts.isJsxAttribute(p) || ts.isEnumMember(p)) && p.name === id) return true;
  if (ts.isMetaProperty(p)) return true;
  return false;
}

/** Names `file` (an example's code) reads without declaring, sorted. Import declarations are ignored entirely. */
export function freeNames(ts: TypeScriptApi, file: TS.SourceFile): string[] {
  const declared = new Set<string>(["arguments"]);
  const used = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) for (const name of bindingNames(ts, node.name)) declared.add(name);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) declared.add(node.name.text);
    if (ts.isCatchClause(node) && node.variableDeclaration) for (const name of bindingNames(ts, node.variableDeclaration.name)) declared.add(name);
    if (ts.isIdentifier(node) && !isNonReference(ts, node)) used.add(node.text);
    if (ts.isShorthandPropertyAssignment(node)) used.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...used].filter((n) => !declared.has(n)).sort();
}
