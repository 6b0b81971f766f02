/**
 * Which state an expression changes: the targets of an assignment, `++`,
 * `delete`, a mutating method (`list.push(x)`, `map.set(k, v)`) or a
 * mutating built-in (`Object.assign(target, …)`). Whether changing that
 * state is allowed depends on whose it is (the module's own bindings vs
 * another module's or the runtime's); the callers decide that.
 */
import type * as TS from "typescript";
import { rebinds } from "./aliases.ts";
import { staticFieldChange } from "./static-aliases.ts";
import { passesCall, PURE_CONSTRUCTORS, PURE_FUNCTIONS, PURE_NAMESPACES, type PurityScope, rootName } from "./purity-scope.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

/** Methods that change their receiver (arrays, maps, sets). `set` only with two or more arguments (`map.set(k, v)`, not a schema builder's `z.set(item)`). */
const MUTATING_METHODS = new Set(["push", "unshift", "splice", "pop", "shift", "sort", "reverse", "fill", "copyWithin", "add", "clear", "delete", "set"]);
/** Built-ins that change their first argument. */
export const MUTATING_BUILTINS = new Set([
  "Object.assign", "Object.defineProperty", "Object.defineProperties", "Object.setPrototypeOf", "Object.freeze", "Object.seal", "Object.preventExtensions",
  "Reflect.set", "Reflect.defineProperty", "Reflect.deleteProperty", "Reflect.setPrototypeOf", "Reflect.preventExtensions",
]);

/** The leaves a (possibly destructuring) assignment target writes to. */
export function assignedLeaves(ts: TypeScriptApi, target: TS.Expression): TS.Expression[] {
  if (ts.isParenthesizedExpression(target)) return assignedLeaves(ts, target.expression);
  if (ts.isArrayLiteralExpression(target)) return target.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : assignedLeaves(ts, ts.isSpreadElement(el) ? el.expression : el)));
  if (ts.isObjectLiteralExpression(target)) {
    return target.properties.flatMap((p) => {
      if (ts.isPropertyAssignment(p)) return assignedLeaves(ts, p.initializer);
      if (ts.isShorthandPropertyAssignment(p)) return [p.name];
      if (ts.isSpreadAssignment(p)) return assignedLeaves(ts, p.expression);
      return [];
    });
  }
  if (ts.isBinaryExpression(target) && target.operatorToken.kind === ts.SyntaxKind.EqualsToken) return assignedLeaves(ts, target.left); // a default: `[a = 1] = …`
  return [target];
}

/** The state `n` changes, when it is an assignment, `++`/`--`, `delete` or a mutating call; else []. */
export function mutatedBy(ts: TypeScriptApi, n: TS.Node): TS.Expression[] {
  if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return assignedLeaves(ts, n.left);
  if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) return [n.operand];
  if (ts.isDeleteExpression(n)) return [n.expression];
  if (!ts.isCallExpression(n)) return [];
  const callee = n.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && MUTATING_BUILTINS.has(`${callee.expression.text}.${callee.name.text}`)) {
    const target = n.arguments[0];
    return target ? [target] : [];
  }
  if (ts.isPropertyAccessExpression(callee) && MUTATING_METHODS.has(callee.name.text) && (callee.name.text !== "set" || n.arguments.length >= 2)) return [callee.expression];
  return [];
}

/** Is changing `target` at import an effect on state that is not the module's own (an import, a global, a built-in)? */
export function changesForeignState(scope: PurityScope, target: TS.Expression): boolean {
  const { ts } = scope;
  const viaField = staticFieldChange(ts, scope.staticFields, scope.locals, target);
  if (viaField) return !viaField.rebinds;
  const name = rootName(ts, target);
  // A literal or a fresh value (`[].push(…)`, `make().list.push(…)`) belongs to no one else.
  if (name === undefined) return !isFresh(ts, target);
  if (passesCall(ts, target)) return false;
  // `const r = registry; r.push(x)` changes the registry; `r = []` only rebinds r.
  if (scope.aliases.has(name)) return !rebinds(ts, target);
  return !scope.writable.has(name);
}

/** Inside a function run at import (its own locals unknown): does changing `target` change another module's or the runtime's state? */
export function changesImportedState(scope: PurityScope, target: TS.Expression): boolean {
  const { ts } = scope;
  const viaField = staticFieldChange(ts, scope.staticFields, scope.locals, target);
  if (viaField) return !viaField.rebinds;
  const name = rootName(ts, target);
  if (name === undefined || passesCall(ts, target)) return false;
  if (scope.aliases.has(name)) return !rebinds(ts, target);
  return scope.imports.has(name) || PURE_NAMESPACES.has(name) || PURE_CONSTRUCTORS.has(name) || PURE_FUNCTIONS.has(name);
}

function isFresh(ts: TypeScriptApi, e: TS.Expression): boolean {
  let node = e;
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return ts.isArrayLiteralExpression(node) || ts.isObjectLiteralExpression(node) || ts.isNewExpression(node) || ts.isCallExpression(node) || ts.isLiteralExpression(node);
}
