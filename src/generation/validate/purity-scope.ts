/**
 * What the import-time effect check (purity.ts, body-effects.ts,
 * statement-effects.ts) knows about a candidate module: its local functions
 * and classes, the bindings it declares (which code run at import may
 * change), and its imports sorted by what using them at import means.
 */
import { isBuiltin } from "node:module";
import type * as TS from "typescript";
import { aliasKinds } from "./aliases.ts";
import { MUTATING_BUILTINS } from "./mutation.ts";
import { methodAliases, objectMethods } from "./object-methods.ts";
import { type StaticAliases, staticAliases } from "./static-aliases.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

export const PURE_NAMESPACES = new Set(["Array", "Object", "Math", "Number", "String", "JSON", "Intl", "RegExp", "Symbol", "BigInt", "Boolean", "Date", "Promise", "Reflect", "Atomics", "Map", "Set", "Iterator", "Error", "ArrayBuffer", "Uint8Array", "Buffer"]);
export const PURE_FUNCTIONS = new Set([
  "Array", "Object", "Symbol", "BigInt", "Boolean", "Number", "String", "Date", "RegExp", "parseInt", "parseFloat", "isNaN", "isFinite",
  "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "structuredClone", "atob", "btoa",
]);
export const PURE_CONSTRUCTORS = new Set([
  "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Array", "Object", "RegExp", "Date", "Error", "TypeError", "RangeError", "SyntaxError",
  "ReferenceError", "EvalError", "URIError", "AggregateError", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "ArrayBuffer",
  "SharedArrayBuffer", "DataView", "Uint8Array", "Uint8ClampedArray", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array",
  "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "Promise", "Proxy", "Headers", "FinalizationRegistry",
  "AbortController", "EventTarget", "Event", "CustomEvent", "Blob", "File", "FormData", "Request", "Response", "DisposableStack", "AsyncDisposableStack", "SuppressedError",
]);
/** Globals whose mere use inside code that runs at import time is an effect. */
export const EFFECT_GLOBALS = new Set([
  "console", "fetch", "setTimeout", "setInterval", "setImmediate", "queueMicrotask", "requestAnimationFrame", "require", "XMLHttpRequest",
  "WebSocket", "Worker", "EventSource", "alert", "Deno", "Bun", "process", "globalThis", "window", "document", "navigator", "localStorage",
]);
/** Built-in modules that only compute (paths, URLs, formatting, buffers): calling them at import does no I/O. */
const PURE_BUILTIN_MODULES = new Set(["path", "path/posix", "path/win32", "url", "util", "util/types", "buffer", "querystring", "string_decoder", "punycode"]);

export interface PurityScope {
  readonly ts: TypeScriptApi;
  readonly file: TS.SourceFile;
  /** Top-level functions and classes of the module, by name. */
  readonly locals: ReadonlyMap<string, TS.Node>;
  /** Names the code may change at import: bindings declared in this module (plus `this` in a static block). */
  readonly writable: ReadonlySet<string>;
  /** Module bindings that alias another module's or the runtime's object (`const r = registry`: r → registry): changing them is changing it. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Functions held by module constants initialised with an object literal (`const api = { run() { … } }`: api → run → its function). */
  readonly methods: ReadonlyMap<string, ReadonlyMap<string, TS.Node>>;
  /** Static fields of local classes holding another module's or the runtime's object (`static list = plugins`). */
  readonly staticFields: StaticAliases;
  /** Every name the module imports: their state belongs to another module. */
  readonly imports: ReadonlySet<string>;
  /** Local names imported from modules the candidate may call at import (project files, packages the spec module imports), and aliases of them or of pure built-ins' functions. */
  readonly callableImports: ReadonlySet<string>;
  /** Local names imported from built-in modules (`node:fs`, `bun:sqlite` …): using them at import time is I/O. */
  readonly builtinImports: ReadonlySet<string>;
  /** Effects found in local functions, by function (null: none), so each body is walked once and recursion ends. */
  readonly memo: Map<TS.Node, TS.Node | null>;
  /** Functions whose body is being walked (a recursive call inside them is not followed again). */
  readonly pending: Set<TS.Node>;
  /** A call of a local function → the effect inside it that makes the call effectful (for the message). */
  readonly via: Map<TS.Node, TS.Node>;
}

export function purityScope(ts: TypeScriptApi, file: TS.SourceFile, callable: (specifier: string) => boolean): PurityScope {
  const locals = new Map<string, TS.Node>();
  const writable = new Set<string>();
  for (const s of file.statements) {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) locals.set(s.name.text, s);
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s) || ts.isModuleDeclaration(s)) && s.name && ts.isIdentifier(s.name)) writable.add(s.name.text);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        for (const name of bindingNames(ts, d.name)) writable.add(name);
        let init = d.initializer;
        while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init))) locals.set(d.name.text, init);
      }
    }
  }
  const methods = objectMethods(ts, file, locals);
  const { all, callable: callableImports, builtin } = importedNames(ts, file, callable);
  // An alias has its root's kind: `const { object } = z` and `const { max } = Math` are callable, `const read = fs.readFileSync` is I/O, `const r = registry` is foreign state.
  const kinds = aliasKinds(ts, file.statements, ({ root, first }) => {
    const foreign = all.has(root) || (!writable.has(root) && !locals.has(root));
    const readsEnv = EFFECT_GLOBALS.has(root) && (first === "env" || first === "platform" || first === "argv");
    // `const { max, min } = Math`: a pure built-in's function under its own name.
    const pureBuiltin = PURE_NAMESPACES.has(root) && !MUTATING_BUILTINS.has(`${root}.${first}`); // `const { assign } = Object` stays unknown
    // `const format = fmt.format` of a local constant: calling it is calling `fmt.format(…)`, a method of a local constant.
    const localMethod = first !== undefined && writable.has(root) && !locals.has(root) && !all.has(root) && !methods.get(root)?.has(first);
    const use = callableImports.has(root) || pureBuiltin || localMethod ? callableImports : builtin.has(root) || (EFFECT_GLOBALS.has(root) && !readsEnv) ? builtin : undefined;
    return foreign || use ? { foreign, use, origin: first === undefined ? root : `${root}.${first}` } : undefined;
  });
  const aliases = new Map<string, string>();
  for (const [name, { foreign, use, origin }] of kinds) {
    if (foreign) aliases.set(name, origin);
    use?.add(name);
  }
  methodAliases(ts, file, methods, locals);
  // `static list = plugins` (or an alias of it): `Slugs.list.push(…)` changes plugins.
  const staticFields = staticAliases(ts, locals.values(), (root, first) => (aliases.has(root) ? aliases.get(root) : all.has(root) || (!writable.has(root) && !locals.has(root)) ? (first === undefined ? root : `${root}.${first}`) : undefined));
  return { ts, file, locals, methods, writable, aliases, staticFields, imports: all, callableImports, builtinImports: builtin, memo: new Map(), pending: new Set(), via: new Map() };
}

/** The names a binding pattern declares (`a`, `{ a, b: [c] }`). */
export function bindingNames(ts: TypeScriptApi, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingNames(ts, el.name)));
}

/** The identifier (or `this`) a callee or receiver chain starts from (`a` for `a.b.c`, `a.b()`, `a[0]`). */
export function rootOf(ts: TypeScriptApi, e: TS.Expression): TS.Expression {
  let node = e;
  for (;;) {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
    else if (ts.isCallExpression(node)) node = node.expression;
    else return node;
  }
}

/** The name of a chain's root: an identifier's text, "this", or undefined for anything else (a literal, a call result). */
export function rootName(ts: TypeScriptApi, e: TS.Expression): string | undefined {
  const root = rootOf(ts, e);
  if (ts.isIdentifier(root)) return root.text;
  return root.kind === ts.SyntaxKind.ThisKeyword ? "this" : undefined;
}

/** Does the chain from its root to `e` pass through a call (`make().list`: a fresh value, not the root's state)? */
export function passesCall(ts: TypeScriptApi, e: TS.Expression): boolean {
  let node = e;
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) node = node.expression;
  return ts.isCallExpression(node) || (node !== e && passesCall(ts, node));
}

/** Names imported from built-in modules vs from modules generated code may call at import. */
function importedNames(ts: TypeScriptApi, file: TS.SourceFile, allowed: (specifier: string) => boolean): { all: Set<string>; callable: Set<string>; builtin: Set<string> } {
  const all = new Set<string>();
  const callable = new Set<string>();
  const builtin = new Set<string>();
  for (const s of file.statements) {
    const names: string[] = [];
    let spec: string;
    if (ts.isImportEqualsDeclaration(s)) {
      // `import fs = require("node:fs")` (allowed under `module: preserve`); `import A = NS.A` is a local alias.
      all.add(s.name.text);
      const ref = s.moduleReference;
      if (!ts.isExternalModuleReference(ref) || !ts.isStringLiteral(ref.expression)) continue;
      spec = ref.expression.text;
      names.push(s.name.text);
    } else {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !s.importClause) continue;
      spec = s.moduleSpecifier.text;
      if (s.importClause.name) names.push(s.importClause.name.text);
      const bindings = s.importClause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.push(el.name.text);
    }
    // `bun:test` helpers (`mock(() => 1)`, `jest.fn()`) only make test doubles.
    const pureBuiltin = PURE_BUILTIN_MODULES.has(spec.replace(/^node:/, ""));
    const target = spec === "bun:test" || pureBuiltin ? callable : isBuiltin(spec) || spec.startsWith("bun:") || spec === "bun" ? builtin : allowed(spec) ? callable : undefined;
    for (const name of names) {
      all.add(name);
      target?.add(name);
    }
  }
  return { all, callable, builtin };
}
