/**
 * Does evaluating an expression at import time have an observable effect?
 * Pure: literals, definitions, reads, operators, calls and constructions of
 * the pure built-ins (Array, Object, Math, Number, String, JSON, Intl,
 * RegExp, Symbol, Map, Set …), methods on literals and local constants,
 * local functions and classes whose bodies do no I/O, calls into the
 * modules the spec module imports and into the computing built-ins
 * (`node:path`, `node:url`, `node:util` …). Effectful: console, process and Bun calls,
 * timers, fetch, anything from `node:`/`bun:` built-ins, constructors of
 * anything else, assignments outside the expression.
 */
import type * as TS from "typescript";
import type { TypeScriptApi } from "./typescript-parser.ts";

const PURE_NAMESPACES = new Set(["Array", "Object", "Math", "Number", "String", "JSON", "Intl", "RegExp", "Symbol", "BigInt", "Boolean", "Date", "Promise", "Reflect", "Atomics"]);
const PURE_FUNCTIONS = new Set([
  "Array", "Object", "Symbol", "BigInt", "Boolean", "Number", "String", "Date", "RegExp", "parseInt", "parseFloat", "isNaN", "isFinite",
  "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "structuredClone", "atob", "btoa",
]);
const PURE_CONSTRUCTORS = new Set([
  "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Array", "Object", "RegExp", "Date", "Error", "TypeError", "RangeError", "SyntaxError",
  "ReferenceError", "EvalError", "URIError", "AggregateError", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "ArrayBuffer",
  "SharedArrayBuffer", "DataView", "Uint8Array", "Uint8ClampedArray", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array",
  "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "Promise", "Proxy", "Headers", "FinalizationRegistry",
]);
/** Globals whose mere use inside code that runs at import time is an effect. */
const EFFECT_GLOBALS = new Set([
  "console", "fetch", "setTimeout", "setInterval", "setImmediate", "queueMicrotask", "requestAnimationFrame", "require", "XMLHttpRequest",
  "WebSocket", "Worker", "EventSource", "alert", "Deno", "Bun", "process", "globalThis", "window", "document", "navigator", "localStorage",
]);

export interface PurityScope {
  readonly ts: TypeScriptApi;
  readonly file: TS.SourceFile;
  /** Top-level functions and classes of the module, by name. */
  readonly locals: ReadonlyMap<string, TS.Node>;
  /** Local names imported from modules the candidate may call at import (project files, packages the spec module imports). */
  readonly callableImports: ReadonlySet<string>;
  /** Local names imported from built-in modules (`node:fs`, `bun:sqlite` …): using them at import time is I/O. */
  readonly builtinImports: ReadonlySet<string>;
}

/** What makes `e` effectful, or undefined when evaluating it at import has no observable effect. */
export function effectOf(scope: PurityScope, e: TS.Expression): TS.Node | undefined {
  const { ts } = scope;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return undefined;
  if (ts.isClassExpression(e)) return classEffect(scope, e);
  if (ts.isIdentifier(e) || ts.isLiteralExpression(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isRegularExpressionLiteral(e) || ts.isMetaProperty(e)) return undefined;
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) return effectOf(scope, e.expression);
  if (ts.isTypeOfExpression(e) || ts.isVoidExpression(e)) return effectOf(scope, e.expression);
  if (ts.isPrefixUnaryExpression(e)) return e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken ? e : effectOf(scope, e.operand);
  if (ts.isPostfixUnaryExpression(e) || ts.isDeleteExpression(e) || ts.isAwaitExpression(e) || ts.isYieldExpression(e)) return e;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return e;
    return effectOf(scope, e.left) ?? effectOf(scope, e.right);
  }
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
  return e;
}

function first(list: readonly TS.Expression[], scope: PurityScope): TS.Node | undefined {
  for (const e of list) {
    const found = effectOf(scope, e);
    if (found) return found;
  }
  return undefined;
}

/** The identifier a callee or receiver chain starts from (`a` for `a.b.c`, `a.b()`, `a[0]`). */
function rootOf(ts: TypeScriptApi, e: TS.Expression): TS.Expression {
  let node = e;
  for (;;) {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
    else if (ts.isCallExpression(node)) node = node.expression;
    else return node;
  }
}

function callEffect(scope: PurityScope, e: TS.CallExpression | TS.NewExpression | TS.TaggedTemplateExpression): TS.Node | undefined {
  const { ts } = scope;
  const callee = ts.isTaggedTemplateExpression(e) ? e.tag : e.expression;
  const args: readonly TS.Expression[] = ts.isTaggedTemplateExpression(e) ? (ts.isTemplateExpression(e.template) ? e.template.templateSpans.map((s) => s.expression) : []) : (e.arguments ?? []);
  for (const arg of args) {
    // Handing a global object to a call lets it change it (`Object.assign(globalThis, …)`).
    if (ts.isIdentifier(arg) && EFFECT_GLOBALS.has(arg.text)) return arg;
    // A function handed to a call may run now: its body must do no I/O.
    const found = ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) ? bodyEffect(scope, arg) : effectOf(scope, arg);
    if (found) return found;
  }
  const isNew = ts.isNewExpression(e);
  if (ts.isParenthesizedExpression(callee) && (ts.isArrowFunction(callee.expression) || ts.isFunctionExpression(callee.expression))) return bodyEffect(scope, callee.expression);
  if (ts.isIdentifier(callee)) {
    const name = callee.text;
    if (isNew ? PURE_CONSTRUCTORS.has(name) : PURE_FUNCTIONS.has(name)) return undefined;
    if (scope.callableImports.has(name)) return undefined;
    const local = scope.locals.get(name);
    if (local) return (isNew && scope.ts.isClassLike(local) ? constructionEffect(scope, local) : bodyEffect(scope, local)) ? e : undefined;
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
    if (local && (ts.isClassDeclaration(local) || ts.isFunctionDeclaration(local))) return bodyEffect(scope, local) ? e : undefined;
    return local || isTopLevelConst(scope, name) ? effectOf(scope, callee) : e;
  }
  // A method on a literal or a pure expression: `[…].map(…)`, `"-".repeat(10)`, `new Set(…).has(x)`.
  return isNew ? e : effectOf(scope, callee);
}

function isTopLevelConst(scope: PurityScope, name: string): boolean {
  const { ts } = scope;
  return scope.file.statements.some((s) => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name));
}

/** `new C()` runs the constructor and the instance field initialisers (methods do not run). */
function constructionEffect(scope: PurityScope, node: TS.ClassLikeDeclaration): TS.Node | undefined {
  const { ts } = scope;
  for (const member of node.members) {
    const found = ts.isConstructorDeclaration(member) || (ts.isPropertyDeclaration(member) && member.initializer) ? bodyEffect(scope, member) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** Static initialisers and static blocks run when the class is defined. */
export function classEffect(scope: PurityScope, node: TS.ClassLikeDeclaration): TS.Node | undefined {
  const { ts } = scope;
  for (const member of node.members) {
    const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (ts.isClassStaticBlockDeclaration(member)) {
      const found = bodyEffect(scope, member);
      if (found) return found;
    } else if (isStatic && ts.isPropertyDeclaration(member) && member.initializer) {
      const found = effectOf(scope, member.initializer);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first I/O or process effect anywhere inside `node` (a function, class or block that runs at import). */
export function bodyEffect(scope: PurityScope, node: TS.Node): TS.Node | undefined {
  const { ts } = scope;
  let found: TS.Node | undefined;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && isReference(ts, n) && (EFFECT_GLOBALS.has(n.text) || scope.builtinImports.has(n.text))) {
      // Reading `process.env.X` or `Bun.env` is not an effect; calling through them is.
      const parent = n.parent;
      const readsEnv = ts.isPropertyAccessExpression(parent) && parent.expression === n && (parent.name.text === "env" || parent.name.text === "platform" || parent.name.text === "argv");
      if (!readsEnv || ts.isCallExpression(parent.parent)) found = n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

/** An identifier used as a value (not a property name, declaration name or type). */
function isReference(ts: TypeScriptApi, n: TS.Identifier): boolean {
  const p = n.parent;
  if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || ts.isTypeReferenceNode(p)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === n) return false;
  return !ts.isQualifiedName(p);
}
