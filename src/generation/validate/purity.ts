/**
 * Does evaluating an expression at import time have an observable effect?
 * Pure: literals, definitions, reads, operators, calls and constructions of
 * the pure built-ins (Array, Object, Math, Number, String, JSON, Intl,
 * RegExp, Symbol, Map, Set …), methods on literals and local constants,
 * local functions and classes whose bodies do no I/O (followed through the
 * local functions they call), calls into the modules the spec module
 * imports and into the computing built-ins (`node:path`, `node:url`,
 * `node:util` …), and changes to the module's own bindings. Effectful:
 * console, process and Bun calls, timers, fetch, anything from
 * `node:`/`bun:` built-ins, constructors of anything else, and changes to
 * state the module does not own (an import's, a global's, a built-in's).
 */
import type * as TS from "typescript";
import { bodyEffect, classEffect, constructionEffect } from "./body-effects.ts";
import { changesForeignState, mutatedBy } from "./mutation.ts";
import { EFFECT_GLOBALS, PURE_CONSTRUCTORS, PURE_FUNCTIONS, PURE_NAMESPACES, type PurityScope, rootOf } from "./purity-scope.ts";

export type { PurityScope } from "./purity-scope.ts";

/** What makes `e` effectful, or undefined when evaluating it at import has no observable effect. */
export function effectOf(scope: PurityScope, e: TS.Expression): TS.Node | undefined {
  const { ts } = scope;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return undefined;
  if (ts.isClassExpression(e)) return classEffect(scope, e);
  if (ts.isIdentifier(e) || ts.isLiteralExpression(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isRegularExpressionLiteral(e) || ts.isMetaProperty(e)) return undefined;
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) return effectOf(scope, e.expression);
  if (ts.isTypeOfExpression(e) || ts.isVoidExpression(e)) return effectOf(scope, e.expression);
  if (ts.isAwaitExpression(e) || ts.isYieldExpression(e)) return e;
  // Assignments, `++`, `delete`: fine on the module's own bindings, an effect on anyone else's.
  const changed = mutatedBy(ts, e);
  if (changed.length > 0 && !ts.isCallExpression(e)) {
    if (changed.some((target) => changesForeignState(scope, target))) return e;
    return first([...changed.flatMap((t) => (ts.isElementAccessExpression(t) ? [t.expression, t.argumentExpression] : ts.isPropertyAccessExpression(t) ? [t.expression] : [])), ...(ts.isBinaryExpression(e) ? [e.right] : [])], scope);
  }
  if (ts.isPrefixUnaryExpression(e)) return effectOf(scope, e.operand);
  if (ts.isBinaryExpression(e)) return effectOf(scope, e.left) ?? effectOf(scope, e.right);
  if (ts.isConditionalExpression(e)) return effectOf(scope, e.condition) ?? effectOf(scope, e.whenTrue) ?? effectOf(scope, e.whenFalse);
  if (ts.isTemplateExpression(e)) return first(e.templateSpans.map((s) => s.expression), scope);
  if (ts.isPropertyAccessExpression(e)) return effectOf(scope, e.expression);
  if (ts.isElementAccessExpression(e)) return effectOf(scope, e.expression) ?? effectOf(scope, e.argumentExpression);
  if (ts.isArrayLiteralExpression(e)) return first(e.elements.map((el) => (ts.isSpreadElement(el) ? el.expression : el)), scope);
  if (ts.isSpreadElement(e)) return effectOf(scope, e.expression);
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      const found = ts.isPropertyAssignment(p) ? effectOf(scope, p.initializer) : ts.isSpreadAssignment(p) ? effectOf(scope, p.expression) : undefined;
      const computed = p.name && ts.isComputedPropertyName(p.name) ? effectOf(scope, p.name.expression) : undefined;
      if (found ?? computed) return found ?? computed;
    }
    return undefined;
  }
  if (ts.isCallExpression(e) || ts.isNewExpression(e) || ts.isTaggedTemplateExpression(e)) return callEffect(scope, e);
  if (ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) || ts.isJsxFragment(e)) return jsxEffect(scope, e);
  return e;
}

/** A JSX element only describes an element (`<Icon size={2} />`): its effect is that of its attribute and child expressions. */
function jsxEffect(scope: PurityScope, e: TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment): TS.Node | undefined {
  const { ts } = scope;
  const opening = ts.isJsxElement(e) ? e.openingElement : ts.isJsxSelfClosingElement(e) ? e : undefined;
  const parts: TS.Expression[] = [];
  for (const attr of opening?.attributes.properties ?? []) {
    if (ts.isJsxSpreadAttribute(attr)) parts.push(attr.expression);
    else if (attr.initializer && ts.isJsxExpression(attr.initializer) && attr.initializer.expression) parts.push(attr.initializer.expression);
    else if (attr.initializer && !ts.isStringLiteral(attr.initializer) && !ts.isJsxExpression(attr.initializer)) parts.push(attr.initializer);
  }
  for (const child of ts.isJsxSelfClosingElement(e) ? [] : e.children) {
    if (ts.isJsxExpression(child)) {
      if (child.expression) parts.push(child.expression);
    } else if (!ts.isJsxText(child)) parts.push(child);
  }
  return first(parts, scope);
}

function first(list: readonly TS.Expression[], scope: PurityScope): TS.Node | undefined {
  for (const e of list) {
    const found = effectOf(scope, e);
    if (found) return found;
  }
  return undefined;
}

/** A local function handed over or called: the effect its body reaches, recorded as the reason for `at`. */
function localEffect(scope: PurityScope, at: TS.Node, found: TS.Node | undefined): TS.Node | undefined {
  if (!found) return undefined;
  if (found !== at) scope.via.set(at, found);
  return at;
}

function callEffect(scope: PurityScope, e: TS.CallExpression | TS.NewExpression | TS.TaggedTemplateExpression): TS.Node | undefined {
  const { ts } = scope;
  const callee = ts.isTaggedTemplateExpression(e) ? e.tag : e.expression;
  const args: readonly TS.Expression[] = ts.isTaggedTemplateExpression(e) ? (ts.isTemplateExpression(e.template) ? e.template.templateSpans.map((s) => s.expression) : []) : (e.arguments ?? []);
  // `registry.push(x)`, `handlers.set(k, v)`, `Object.assign(imported, …)`: a change to another module's state.
  if (ts.isCallExpression(e) && mutatedBy(ts, e).some((target) => changesForeignState(scope, target))) return e;
  const wraps = wrapsWithoutCalling(scope, callee);
  for (const arg of args) {
    // Handing a global object to a call lets it change it (`Object.assign(globalThis, …)`); `promisify(setTimeout)` only wraps it.
    if (ts.isIdentifier(arg) && EFFECT_GLOBALS.has(arg.text) && !wraps) return arg;
    // A function handed to a call may run now: its body must do no I/O (`LIST.map(normalise)` too).
    const local = ts.isIdentifier(arg) ? scope.locals.get(arg.text) : undefined;
    const found = ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) ? bodyEffect(scope, arg) : local && !ts.isClassLike(local) ? localEffect(scope, arg, bodyEffect(scope, local)) : effectOf(scope, arg);
    if (found) return found;
  }
  const isNew = ts.isNewExpression(e);
  // A proxy's traps run whenever it is used, at import too: their bodies must do no I/O.
  const handler = isNew && ts.isIdentifier(callee) && callee.text === "Proxy" ? args[1] : undefined;
  const trapEffect = handler && ts.isObjectLiteralExpression(handler) ? bodyEffect(scope, handler) : undefined;
  if (trapEffect) return trapEffect;
  if (ts.isParenthesizedExpression(callee) && (ts.isArrowFunction(callee.expression) || ts.isFunctionExpression(callee.expression))) return bodyEffect(scope, callee.expression);
  if (ts.isIdentifier(callee)) {
    const name = callee.text;
    if (isNew ? PURE_CONSTRUCTORS.has(name) : PURE_FUNCTIONS.has(name)) return undefined;
    if (scope.callableImports.has(name)) return undefined;
    const local = scope.locals.get(name);
    if (local) return localEffect(scope, e, isNew && ts.isClassLike(local) ? constructionEffect(scope, local) : bodyEffect(scope, local));
    return e;
  }
  const root = rootOf(ts, callee);
  if (ts.isIdentifier(root)) {
    const name = root.text;
    if (PURE_NAMESPACES.has(name) || scope.callableImports.has(name)) return effectOf(scope, callee);
    if (EFFECT_GLOBALS.has(name) || scope.builtinImports.has(name)) return e;
    // A method of a local constant or class (`TABLE.map(…)`, `Codec.of(…)`).
    if (isNew) return e;
    const local = scope.locals.get(name);
    if (local && (ts.isClassDeclaration(local) || ts.isFunctionDeclaration(local))) return localEffect(scope, e, bodyEffect(scope, local));
    // `api.run()` of `const api = { run() { … } }`: the module's own function runs.
    const method = ts.isPropertyAccessExpression(callee) && callee.expression === root ? scope.methods.get(name)?.get(callee.name.text) : undefined;
    if (method) return localEffect(scope, e, bodyEffect(scope, method));
    return local || scope.writable.has(name) ? effectOf(scope, callee) : e;
  }
  // A method on a literal or a pure expression: `[…].map(…)`, `"-".repeat(10)`, `new Set(…).has(x)`.
  return isNew ? e : effectOf(scope, callee);
}

/** `util.promisify`/`callbackify` return a new function and never call the one they are given (`promisify(setTimeout)`): only calling the result runs it. */
const WRAPPERS = new Set(["promisify", "callbackify"]);

function wrapsWithoutCalling(scope: PurityScope, callee: TS.Expression): boolean {
  const { ts } = scope;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const root = rootOf(ts, callee);
  return name !== undefined && WRAPPERS.has(name) && ts.isIdentifier(root) && scope.callableImports.has(root.text);
}
