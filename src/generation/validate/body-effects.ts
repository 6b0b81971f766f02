/**
 * Effects inside code that runs at import but is not a top-level statement:
 * the body of a local function or class called at top level, a callback
 * handed to a top-level call, a constructor, static initialisers and static
 * blocks. A body's effect is I/O or process use (an effect global, a
 * built-in module import), a change to another module's or a built-in's
 * state, or a call of a local function or class that has one — followed
 * transitively, each body walked once.
 */
import type * as TS from "typescript";
import { aliasKinds, callbackAliases, proxyTrapAliases, rebinds } from "./aliases.ts";
import { changesImportedState, mutatedBy } from "./mutation.ts";
import { effectOf } from "./purity.ts";
import { bindingNames, EFFECT_GLOBALS, passesCall, type PurityScope, rootName } from "./purity-scope.ts";
import { statementEffect } from "./statement-effects.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

/** The first effect anywhere inside `node` (a function, class or block that runs at import). */
export function bodyEffect(scope: PurityScope, node: TS.Node): TS.Node | undefined {
  const cached = scope.memo.get(node);
  if (cached !== undefined) return cached ?? undefined;
  if (scope.pending.has(node)) return undefined; // recursion: the outer walk of this body reports its effects
  scope.pending.add(node);
  const { ts } = scope;
  const own = ownNames(ts, node);
  // `const r = registry` inside the body: r's changes are the registry's.
  const statements: TS.Node[] = [];
  ts.forEachChild(node, (child) => void (ts.isBlock(child) ? statements.push(...child.statements) : statements.push(child)));
  const isForeign = (root: string) => scope.imports.has(root) || scope.aliases.has(root);
  const elements = new Map([...callbackAliases(ts, node, isForeign), ...proxyTrapAliases(ts, node, isForeign)].map((name) => [name, true]));
  const inner = aliasKinds(ts, statements, ({ root }) => (isForeign(root) ? true : undefined), elements);
  const foreign = (target: TS.Expression) => {
    const root = rootName(ts, target) ?? "";
    if (inner.has(root)) return !rebinds(ts, target) && !passesCall(ts, target);
    return changesImportedState(scope, target) && !own.has(root);
  };
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
    if (mutatedBy(ts, n).some(foreign)) {
      found = n;
      return;
    }
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const inner = calledLocalEffect(scope, n);
      if (inner) {
        scope.via.set(n, inner);
        found = n;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  scope.pending.delete(node);
  // A result reached while an enclosing body was still being walked may miss that body's effects: keep only complete ones.
  if (found || scope.pending.size === 0) scope.memo.set(node, found ?? null);
  return found;
}

/** The effect of the local functions and classes a call runs: its callee, a local class's method, local functions handed to it. */
function calledLocalEffect(scope: PurityScope, call: TS.CallExpression | TS.NewExpression): TS.Node | undefined {
  const { ts } = scope;
  let root: TS.Expression = call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  const method = ts.isIdentifier(root) && ts.isPropertyAccessExpression(call.expression) && call.expression.expression === root ? scope.methods.get(root.text)?.get(call.expression.name.text) : undefined;
  const methodEffect = method ? bodyEffect(scope, method) : undefined; // `api.run()` of `const api = { run() { … } }`
  if (methodEffect) return methodEffect;
  const callee = ts.isIdentifier(root) ? scope.locals.get(root.text) : undefined;
  if (callee) {
    const direct = root === call.expression;
    const found = ts.isNewExpression(call) && direct && ts.isClassLike(callee) ? constructionEffect(scope, callee) : direct || ts.isClassLike(callee) ? bodyEffect(scope, callee) : undefined;
    if (found) return found;
  }
  for (const arg of call.arguments ?? []) {
    const local = ts.isIdentifier(arg) ? scope.locals.get(arg.text) : undefined;
    const found = local && !ts.isClassLike(local) ? bodyEffect(scope, local) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** `new C()` runs the constructor and the instance field initialisers (methods do not run). */
export function constructionEffect(scope: PurityScope, node: TS.ClassLikeDeclaration): TS.Node | undefined {
  const { ts } = scope;
  for (const member of node.members) {
    const found = ts.isConstructorDeclaration(member) || (ts.isPropertyDeclaration(member) && member.initializer) ? bodyEffect(scope, member) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * Run when the class is defined: the `extends` expression, decorators (each
 * applied like a call), computed member names, static initialisers and
 * static blocks — which follow the top-level statement rule, with `this`
 * their own.
 */
export function classEffect(scope: PurityScope, node: TS.ClassLikeDeclaration): TS.Node | undefined {
  const { ts } = scope;
  const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const baseEffect = base ? effectOf(scope, base) : undefined;
  if (baseEffect) return baseEffect;
  for (const target of [node, ...node.members]) {
    for (const decorator of (ts.canHaveDecorators(target) ? ts.getDecorators(target) : undefined) ?? []) {
      const found = decoratorEffect(scope, decorator);
      if (found) return found;
    }
    const name = target !== node && "name" in target ? target.name : undefined;
    const computed = name && ts.isComputedPropertyName(name) ? effectOf(scope, name.expression) : undefined;
    if (computed) return computed;
  }
  for (const member of node.members) {
    const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (ts.isClassStaticBlockDeclaration(member)) {
      const found = statementEffect({ ...scope, writable: new Set([...scope.writable, "this"]) }, member.body);
      if (found) return found;
    } else if (isStatic && ts.isPropertyDeclaration(member) && member.initializer) {
      const found = effectOf(scope, member.initializer);
      if (found) return found;
    }
  }
  return undefined;
}

/** `@expr` calls `expr` (after evaluating it): judged as the call `expr(…)` would be at top level. */
function decoratorEffect(scope: PurityScope, decorator: TS.Decorator): TS.Node | undefined {
  const { ts } = scope;
  const call = ts.isCallExpression(decorator.expression) ? undefined : ts.factory.createCallExpression(decorator.expression, undefined, []);
  const found = effectOf(scope, call ?? decorator.expression);
  if (!found || found !== call) return found;
  // The call is synthetic (no text, no position): report the decorator, with what its body reaches.
  const inner = scope.via.get(call);
  if (inner) scope.via.set(decorator, inner);
  return decorator;
}

/** Parameters and variables declared anywhere inside `node`: a change to them is not a change to an import they shadow. */
function ownNames(ts: TypeScriptApi, node: TS.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: TS.Node): void => {
    if (ts.isParameter(n) || ts.isVariableDeclaration(n) || ts.isBindingElement(n)) for (const name of bindingNames(ts, n.name)) names.add(name);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

/** An identifier used as a value (not a property name, declaration name or type). */
function isReference(ts: TypeScriptApi, n: TS.Identifier): boolean {
  const p = n.parent;
  if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || ts.isTypeReferenceNode(p)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === n) return false;
  return !ts.isQualifiedName(p);
}
