/**
 * Where runtime calls may sit: the spec call of a top-level `export const`
 * (possibly under `satisfies`/`as`/parentheses), and every other place,
 * which is a mistake reported with the fix.
 */
import ts from "typescript";
import { didYouMean } from "../support/did-you-mean.ts";
import { runtimeApiOf, type RuntimeBindings } from "./module-syntax.ts";
import type { NodeWarning } from "./spec-warnings.ts";

/**
 * `magic(…)` itself, or wrapped in `satisfies T`, `as T`, `<T>` or parentheses;
 * `declaredType` is the `as` type, which becomes the spec's public type.
 */
export function specCall(init: ts.Expression): { call: ts.CallExpression; declaredType: ts.TypeNode | undefined } | undefined {
  let node = init;
  let declaredType: ts.TypeNode | undefined;
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
    else if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      if (!ts.isConstTypeReference(node.type)) declaredType ??= node.type;
      node = node.expression;
    } else break;
  }
  return ts.isCallExpression(node) ? { call: node, declaredType } : undefined;
}

/** Every runtime call or decorator not in an `accepted` position is misplaced (decorators found are added to `accepted`). */
export function misplacedRuntimeCalls(source: ts.SourceFile, runtime: RuntimeBindings, accepted: Set<ts.Node>): NodeWarning[] {
  const found: NodeWarning[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isDecorator(node)) {
      const expr = node.expression;
      const api = runtimeApiOf(ts.isCallExpression(expr) ? expr.expression : expr, runtime);
      if (api !== undefined && !accepted.has(expr)) {
        accepted.add(expr);
        found.push({ node, message: `@${api}() must decorate a top-level exported class`, hint: "specs cannot be methods, nested or local classes; move it to the top level of the module" });
      }
    } else if (ts.isCallExpression(node) && !accepted.has(node)) {
      const api = runtimeApiOf(node.expression, runtime);
      if (api !== undefined) {
        found.push({ node, message: `${api}() must be the initializer of a top-level \`export const\``, hint: `write export const name = ${api}(function name(…) { … }) at the top level of the module` });
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

/**
 * `jaunt.magc(…)` / `@jaunt.tset()`: a runtime namespace member that is not
 * `magic` or `test` but is one typo away. The spec would be silently ignored
 * (only its `todo()` warned about), so it is reported as what it is.
 */
export function runtimeTypo(callee: ts.Expression, runtime: RuntimeBindings): NodeWarning | undefined {
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || !runtime.namespaces.has(callee.expression.text)) return undefined;
  const written = callee.name.text;
  if (written === "magic" || written === "test") return undefined;
  const meant = didYouMean(written, ["magic", "test"]);
  if (meant === undefined) return undefined;
  const ns = callee.expression.text;
  return {
    node: callee.name,
    message: `\`${ns}.${written}\` is not part of @jaunt/runtime; did you mean \`${ns}.${meant}\`?`,
    hint: `write ${ns}.${meant}(…): the spec is ignored until then`,
  };
}
