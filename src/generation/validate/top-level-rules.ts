/**
 * Top-level rule: importing a generated module has no observable effect.
 * The rule is about effects, not calls (purity.ts decides): pure top-level
 * computation — a CRC table, `Object.fromEntries(…)`, a zod schema from a
 * package the spec module imports — is fine; I/O, console, process, timers,
 * network and effectful constructors are not, including in class static
 * blocks and static initialisers. Test modules may also register tests, at
 * top level or in a loop over data (`for (const c of CASES) test(…)`).
 * Any `await` outside a function is rejected (no top-level await).
 */
import { isBuiltin } from "node:module";
import type * as TS from "typescript";
import type { Diagnostic } from "../types.ts";
import { bodyEffect, classEffect, effectOf, type PurityScope } from "./purity.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

const TEST_CALLS = new Set(["describe", "test", "it", "beforeAll", "afterAll", "beforeEach", "afterEach", "setDefaultTimeout", "xdescribe", "xtest", "xit"]);
/** Built-in modules that only compute (paths, URLs, formatting, buffers): calling them at import does no I/O. */
const PURE_BUILTIN_MODULES = new Set(["path", "path/posix", "path/win32", "url", "util", "util/types", "buffer", "querystring", "string_decoder", "punycode"]);
/** Module mocks must be registered at top level in bun test / jest / vitest. */
const MOCK_CALLS = new Set(["mock.module", "jest.mock", "vi.mock"]);

export interface TopLevelOptions {
  readonly kind: "build" | "test";
  /** May the candidate call into this module at import time? (project files, packages the spec module imports) */
  readonly callable: (specifier: string) => boolean;
}

export function topLevelDiagnostics(ts: TypeScriptApi, file: TS.SourceFile, options: TopLevelOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const scope = scopeOf(ts, file, options.callable);
  const text = (node: TS.Node) => node.getText(file).split("\n")[0]?.slice(0, 60) ?? "";
  const sideEffect = (node: TS.Node, what: string) =>
    diagnostics.push({ ...positionOf(ts, file, node), code: "jaunt/top-level-side-effect", message: `${what}; importing a generated module must have no observable effect (no I/O, console, process, timers, network or effectful constructors at top level or in static initialisers): move it into a function` });

  for (const statement of file.statements) {
    const awaitNode = findTopLevelAwait(ts, statement);
    if (awaitNode) {
      diagnostics.push({ ...positionOf(ts, file, awaitNode), code: "jaunt/top-level-await", message: "top-level await is not allowed; await inside a function" });
      continue;
    }
    if (ts.isClassDeclaration(statement)) {
      const effect = classEffect(scope, statement);
      if (effect) sideEffect(effect, `"${text(effect)}" runs when the class is defined`);
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      const effect = effectOf(scope, statement.expression);
      if (effect) sideEffect(effect, `"${text(effect)}" runs at import`);
      continue;
    }
    if (isDeclaration(ts, statement) || ts.isEmptyStatement(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const effect = decl.initializer ? effectOf(scope, decl.initializer) : undefined;
        if (effect) sideEffect(effect, `"${text(effect)}" runs at import`);
      }
      continue;
    }
    if (options.kind === "test" && registersTests(ts, scope, statement)) continue;
    sideEffect(statement, `statement "${text(statement)}" runs at import`);
  }
  return diagnostics;
}

function scopeOf(ts: TypeScriptApi, file: TS.SourceFile, callable: (specifier: string) => boolean): PurityScope {
  const locals = new Map<string, TS.Node>();
  for (const s of file.statements) {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) locals.set(s.name.text, s);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        let init = d.initializer;
        while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init))) locals.set(d.name.text, init);
      }
    }
  }
  const { callable: callableImports, builtin } = importedNames(ts, file, callable);
  return { ts, file, locals, callableImports, builtinImports: builtin };
}

function isDeclaration(ts: TypeScriptApi, s: TS.Statement): boolean {
  return (
    ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isFunctionDeclaration(s) || ts.isInterfaceDeclaration(s) ||
    ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s) || ts.isModuleDeclaration(s) || ts.isImportEqualsDeclaration(s)
  );
}

/** `a.b.c(…)(…)` → "a.b.c". */
function calleeName(ts: TypeScriptApi, expr: TS.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) {
    const base = calleeName(ts, expr.expression);
    return base === undefined ? undefined : `${base}.${expr.name.text}`;
  }
  if (ts.isCallExpression(expr)) return calleeName(ts, expr.expression); // test.each(cases)(…)
  if (ts.isTaggedTemplateExpression(expr)) return calleeName(ts, expr.tag);
  return undefined;
}

/** A statement that only registers tests (or module mocks), directly or in a loop over pure data. */
function registersTests(ts: TypeScriptApi, scope: PurityScope, s: TS.Statement): boolean {
  if (ts.isBlock(s)) return s.statements.every((inner) => registersTests(ts, scope, inner) || (ts.isVariableStatement(inner) && inner.declarationList.declarations.every((d) => !d.initializer || !bodyEffect(scope, d.initializer))));
  if (ts.isForOfStatement(s) || ts.isForInStatement(s)) return !effectOf(scope, s.expression) && registersTests(ts, scope, s.statement);
  if (ts.isForStatement(s)) return registersTests(ts, scope, s.statement);
  // `if (process.platform !== "win32") test(…)`
  if (ts.isIfStatement(s)) return !effectOf(scope, s.expression) && registersTests(ts, scope, s.thenStatement) && (!s.elseStatement || registersTests(ts, scope, s.elseStatement));
  if (!ts.isExpressionStatement(s) || !ts.isCallExpression(s.expression)) return false;
  const call = s.expression;
  const name = calleeName(ts, call.expression);
  if (name === undefined) return false;
  if (MOCK_CALLS.has(name)) return true;
  if (TEST_CALLS.has(name.split(".")[0] ?? "")) return true;
  // `CASES.forEach((c) => test(…))`
  const callback = call.arguments[0];
  if (name.endsWith(".forEach") && callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
    return ts.isBlock(callback.body) ? registersTests(ts, scope, callback.body) : registersTests(ts, scope, ts.factory.createExpressionStatement(callback.body));
  }
  return false;
}

/** An `await` (or `for await`) reachable without entering a function or class body. */
function findTopLevelAwait(ts: TypeScriptApi, root: TS.Node): TS.Node | undefined {
  let found: TS.Node | undefined;
  const visit = (node: TS.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** Names imported from built-in modules vs from modules generated code may call at import. */
function importedNames(ts: TypeScriptApi, file: TS.SourceFile, allowed: (specifier: string) => boolean): { callable: Set<string>; builtin: Set<string> } {
  const callable = new Set<string>();
  const builtin = new Set<string>();
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !s.importClause) continue;
    const spec = s.moduleSpecifier.text;
    const names: string[] = [];
    if (s.importClause.name) names.push(s.importClause.name.text);
    const bindings = s.importClause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.push(el.name.text);
    // `bun:test` helpers (`mock(() => 1)`, `jest.fn()`) only make test doubles.
    const pureBuiltin = PURE_BUILTIN_MODULES.has(spec.replace(/^node:/, ""));
    const target = spec === "bun:test" || pureBuiltin ? callable : isBuiltin(spec) || spec.startsWith("bun:") || spec === "bun" ? builtin : allowed(spec) ? callable : undefined;
    for (const name of names) target?.add(name);
  }
  return { callable, builtin };
}
