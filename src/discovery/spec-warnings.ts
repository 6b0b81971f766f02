/**
 * Warnings about spec files: code that type-checks and exits 0 but silently
 * does nothing, or breaks the spec's callers. Each names the fix.
 */
import ts from "typescript";
import { hasExportModifier, isRuntimeTodo, type RuntimeBindings } from "./module-syntax.ts";

export interface NodeWarning {
  readonly node: ts.Node;
  readonly message: string;
  readonly hint: string;
}

function callsTodo(node: ts.Node, runtime: RuntimeBindings): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(child) && isRuntimeTodo(child.expression, runtime)) found = child;
    else child.forEachChild(visit);
  };
  visit(node);
  return found;
}

/** The exported function a statement declares (`export function f` or `export const f = (…) => …`), if any. */
function exportedFunctionName(statement: ts.Statement): string | undefined {
  if (!hasExportModifier(statement)) return undefined;
  if (ts.isFunctionDeclaration(statement)) return statement.name?.text;
  if (ts.isVariableStatement(statement)) {
    const decl = statement.declarationList.declarations[0];
    const init = decl?.initializer;
    if (decl && ts.isIdentifier(decl.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return decl.name.text;
  }
  return undefined;
}

/**
 * `todo()` outside a spec: the function is never generated and throws when
 * called, while `jaunt build` reports everything up to date.
 */
export function todoOutsideSpecs(source: ts.SourceFile, runtime: RuntimeBindings, specStatements: ReadonlySet<ts.Node>): NodeWarning[] {
  const warnings: NodeWarning[] = [];
  for (const statement of source.statements) {
    if (specStatements.has(statement)) continue;
    const call = callsTodo(statement, runtime);
    if (!call) continue;
    const name = exportedFunctionName(statement);
    warnings.push(name === undefined
      ? { node: call, message: "todo() is called outside a spec: Jaunt never generates this code and it throws when run", hint: "move the stub into a magic() spec, or write the code by hand" }
      : {
        node: statement,
        message: `\`${name}\` calls todo() but is not a spec: Jaunt never generates it and it throws when called`,
        hint: `wrap it: export const ${name} = jaunt.magic(function ${name}(…) { … })`,
      });
  }
  return warnings;
}

/** A spec written `function f(v): asserts v …` without a declared type on its const: every caller fails with TS2775. */
export function plainAssertionSpec(decl: ts.VariableDeclaration, fn: ts.FunctionExpression | ts.ArrowFunction, name: string, source: ts.SourceFile): NodeWarning | undefined {
  const returns = fn.type;
  if (decl.type || !returns || !ts.isTypePredicateNode(returns) || !returns.assertsModifier) return undefined;
  const params = fn.parameters.map((p) => p.getText(source)).join(", ");
  return {
    node: decl.name,
    message: `assertion spec \`${name}\` has no declared type: every call to it fails to type-check (TS2775 "Assertions require every name in the call target to be declared with an explicit type annotation")`,
    hint: `declare the const's type: export const ${name}: (${params}) => ${returns.getText(source)} = jaunt.magic(function ${name}(…) { … })`,
  };
}
