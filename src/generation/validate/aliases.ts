/**
 * Local names that are another name's object under a new name: `const r =
 * registry`, `const { handlers } = config`, `const h = config.handlers`,
 * `const log = console.log`, `for (const p of plugins)`. Such a name shares
 * its root's state and its kind: changing `r` changes the import, calling
 * `log` is calling console. A copy (`[...registry]`, `{ ...settings }`,
 * `registry.slice()`, `new Map(handlers)`) or any call result is a fresh
 * value and aliases nothing; `new Proxy(settings, …)` is settings.
 */
import type * as TS from "typescript";
import { bindingNames } from "./purity-scope.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

/** What `e` is an alias of: the root of a property chain without calls and the property read directly on it (`process` and `env` for `process.env.X`); undefined for a fresh value. */
export interface Alias {
  readonly root: string;
  readonly first: string | undefined;
}

export function aliasedRoot(ts: TypeScriptApi, e: TS.Expression): Alias | undefined {
  let node = e;
  let first: string | undefined;
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) node = node.expression;
    else if (ts.isPropertyAccessExpression(node)) {
      first = node.name.text;
      node = node.expression;
    } else if (ts.isElementAccessExpression(node)) {
      first = ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
      node = node.expression;
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Proxy" && node.arguments?.[0]) {
      node = node.arguments[0]; // `new Proxy(settings, …)`: writes go to settings (by default, or through the traps)
    } else if (ts.isBinaryExpression(node) && isFallback(ts, node.operatorToken.kind)) return aliasedRoot(ts, node.left) ?? aliasedRoot(ts, node.right);
    else if (ts.isConditionalExpression(node)) return aliasedRoot(ts, node.whenTrue) ?? aliasedRoot(ts, node.whenFalse);
    else return ts.isIdentifier(node) ? { root: node.text, first } : undefined;
  }
}

function isFallback(ts: TypeScriptApi, kind: TS.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.CommaToken;
}

/**
 * Follow aliases through `statements` in order: each declaration (or plain
 * `x = …` assignment) whose value is an alias of `root` gets `root`'s kind,
 * as `kindOf` answers it (undefined: not tracked). Returns name → kind.
 */
export function aliasKinds<K>(ts: TypeScriptApi, statements: readonly TS.Node[], kindOf: (alias: Alias) => K | undefined, seed: ReadonlyMap<string, K> = new Map()): Map<string, K> {
  const kinds = new Map<string, K>(seed);
  const kindFor = (alias: Alias | undefined) => (alias === undefined ? undefined : (kinds.get(alias.root) ?? kindOf(alias)));
  const visit = (n: TS.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const alias = aliasedRoot(ts, n.initializer);
      // `const { env } = process`: each element reads its own property of the root.
      const parts = alias && ts.isObjectBindingPattern(n.name) ? n.name.elements.map((el) => ({ names: bindingNames(ts, el.name), alias: { root: alias.root, first: alias.first ?? propertyOf(ts, el) } })) : [{ names: bindingNames(ts, n.name), alias }];
      for (const part of parts) {
        const kind = kindFor(part.alias);
        if (kind !== undefined) for (const name of part.names) kinds.set(name, kind);
      }
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
      const kind = kindFor(aliasedRoot(ts, n.right));
      if (kind !== undefined) kinds.set(n.left.text, kind);
    } else if (ts.isForOfStatement(n) && ts.isVariableDeclarationList(n.initializer)) {
      // `for (const p of plugins)`: each p is one of the import's objects.
      const kind = kindFor(aliasedRoot(ts, n.expression));
      if (kind !== undefined) for (const d of n.initializer.declarations) for (const name of bindingNames(ts, d.name)) kinds.set(name, kind);
    }
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    ts.forEachChild(n, visit);
  };
  for (const s of statements) visit(s);
  return kinds;
}

function propertyOf(ts: TypeScriptApi, el: TS.BindingElement): string | undefined {
  const key = el.propertyName ?? el.name;
  return ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
}

/** `new Proxy(settings, { set(target, …) { … } })`: each trap's first parameter, when the proxied object is an alias of `isForeign`'s; else []. */
export function proxyTrapAliases(ts: TypeScriptApi, handler: TS.Node, isForeign: (root: string) => boolean): string[] {
  const call = handler.parent;
  if (!ts.isObjectLiteralExpression(handler) || !call || !ts.isNewExpression(call) || call.arguments?.[1] !== handler || !ts.isIdentifier(call.expression) || call.expression.text !== "Proxy") return [];
  const target = call.arguments[0];
  const alias = target ? aliasedRoot(ts, target) : undefined;
  if (!alias || !isForeign(alias.root)) return [];
  return handler.properties.flatMap((p) => {
    const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer)) ? p.initializer : undefined;
    const param = fn?.parameters[0];
    return param ? bindingNames(ts, param.name) : [];
  });
}

/** Is `target` (a changed expression) the binding itself being given a new value (`r = []`, `r++`), not a change to its object? */
export function rebinds(ts: TypeScriptApi, target: TS.Expression): boolean {
  if (!ts.isIdentifier(target)) return false;
  const parent = target.parent;
  if (ts.isCallExpression(parent)) return false; // `Object.assign(r, …)`
  return !(ts.isPropertyAccessExpression(parent) && parent.expression === target); // `r.push(…)`
}

/** Array and Map methods that hand the callback the receiver's elements (`reduce`: as its second parameter). */
const ITERATING = new Set(["forEach", "map", "flatMap", "filter", "find", "findLast", "findIndex", "findLastIndex", "some", "every", "reduce", "reduceRight"]);

/** `plugins.forEach((p) => …)`: the callback's element parameters, when the receiver is an alias of `isForeign`'s; else []. */
export function callbackAliases(ts: TypeScriptApi, fn: TS.Node, isForeign: (root: string) => boolean): string[] {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return [];
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.some((arg) => arg === fn) || !ts.isPropertyAccessExpression(call.expression)) return [];
  const method = call.expression.name.text;
  const alias = aliasedRoot(ts, call.expression.expression);
  if (!ITERATING.has(method) || !alias || !isForeign(alias.root)) return [];
  const params = method.startsWith("reduce") ? fn.parameters.slice(1, 2) : fn.parameters; // the accumulator is the callback's own
  return params.flatMap((p) => bindingNames(ts, p.name));
}
