/**
 * Top-level statements (and class static blocks) that compute module-local
 * data: loops, `if`s, `switch`, blocks, `try` and expression statements are
 * fine when every expression in them is pure (purity.ts) and every change
 * they make is to a binding declared in this module or inside the statement
 * (`TABLE[n] = c >>> 0`, `BY_NAME.set(k, v)`, `n++`). They are effects when
 * they do I/O, call something effectful, change imported or global state,
 * or throw (importing would fail).
 */
import type * as TS from "typescript";
import { bodyEffect, classEffect } from "./body-effects.ts";
import { changesForeignState } from "./mutation.ts";
import { effectOf } from "./purity.ts";
import { bindingNames, type PurityScope } from "./purity-scope.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

export interface StatementOptions {
  /** A statement accepted as it is (test modules: registering a test). */
  readonly accepts?: (s: TS.Statement) => boolean;
}

/** The first effect of running `s` at import, or undefined. */
export function statementEffect(scope: PurityScope, s: TS.Statement, options: StatementOptions = {}): TS.Node | undefined {
  const declared = declaredIn(scope.ts, s);
  const inner = declared.length === 0 ? scope : { ...scope, writable: new Set([...scope.writable, ...declared]) };
  return check(inner, s, options);
}

function check(scope: PurityScope, s: TS.Statement, options: StatementOptions): TS.Node | undefined {
  const { ts } = scope;
  const expr = (e: TS.Expression | undefined) => (e ? effectOf(scope, e) : undefined);
  const each = (list: readonly TS.Statement[]) => {
    for (const inner of list) {
      const found = check(scope, inner, options);
      if (found) return found;
    }
    return undefined;
  };
  if (options.accepts?.(s)) return undefined;
  if (ts.isBlock(s) || ts.isModuleBlock(s)) return each(s.statements);
  if (ts.isExpressionStatement(s)) return expr(s.expression);
  if (ts.isVariableStatement(s)) return declarationsEffect(scope, s.declarationList);
  if (ts.isIfStatement(s)) {
    // `if (import.meta.main) { … }` runs only when the file is the entry point, never on import.
    const then = isEntryPointCheck(ts, s.expression) ? undefined : check(scope, s.thenStatement, options);
    return expr(s.expression) ?? then ?? (s.elseStatement ? check(scope, s.elseStatement, options) : undefined);
  }
  if (ts.isForStatement(s)) {
    const init = s.initializer;
    const initEffect = init === undefined ? undefined : ts.isVariableDeclarationList(init) ? declarationsEffect(scope, init) : expr(init);
    return initEffect ?? expr(s.condition) ?? expr(s.incrementor) ?? check(scope, s.statement, options);
  }
  if (ts.isForOfStatement(s) || ts.isForInStatement(s)) {
    // `for (x of …)` assigns to x: it must be the module's own.
    const target = ts.isVariableDeclarationList(s.initializer) ? undefined : changesForeignState(scope, s.initializer) ? s.initializer : undefined;
    return target ?? expr(s.expression) ?? check(scope, s.statement, options);
  }
  if (ts.isWhileStatement(s) || ts.isDoStatement(s)) return expr(s.expression) ?? check(scope, s.statement, options);
  if (ts.isSwitchStatement(s)) {
    for (const clause of s.caseBlock.clauses) {
      const found = (ts.isCaseClause(clause) ? expr(clause.expression) : undefined) ?? each(clause.statements);
      if (found) return found;
    }
    return expr(s.expression);
  }
  if (ts.isLabeledStatement(s)) return check(scope, s.statement, options);
  if (ts.isTryStatement(s)) return each(s.tryBlock.statements) ?? (s.catchClause ? each(s.catchClause.block.statements) : undefined) ?? (s.finallyBlock ? each(s.finallyBlock.statements) : undefined);
  if (ts.isClassDeclaration(s)) return classEffect(scope, s);
  if (ts.isModuleDeclaration(s)) return isAmbient(ts, s) || !s.body || !ts.isModuleBlock(s.body) ? undefined : check(scope, s.body, options);
  if (ts.isEnumDeclaration(s)) {
    if (isAmbient(ts, s)) return undefined;
    for (const member of s.members) {
      const found = expr(member.initializer);
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isBreakStatement(s) || ts.isContinueStatement(s) || ts.isEmptyStatement(s) || ts.isFunctionDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) return undefined;
  if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isImportEqualsDeclaration(s)) return undefined;
  return s; // throw, return, debugger, with, and anything new
}

function isEntryPointCheck(ts: TypeScriptApi, e: TS.Expression): boolean {
  let node = e;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression) && node.expression.keywordToken === ts.SyntaxKind.ImportKeyword && node.name.text === "main";
}

function declarationsEffect(scope: PurityScope, list: TS.VariableDeclarationList): TS.Node | undefined {
  const using = (list.flags & scope.ts.NodeFlags.Using) !== 0;
  for (const d of list.declarations) {
    const found = (d.initializer ? effectOf(scope, d.initializer) : undefined) ?? (using ? disposalEffect(scope, d) : undefined);
    if (found) return found;
  }
  return undefined;
}

/**
 * `using x = …` disposes x when its block — at top level, the module's
 * evaluation — ends: the dispose method runs at import. Fine only when the
 * value is local and its disposal is pure (`null`, an object literal, a
 * local class or function whose bodies do no I/O); a value from an import
 * or a global has a disposal we cannot see, so it counts as the effect.
 */
function disposalEffect(scope: PurityScope, d: TS.VariableDeclaration): TS.Node | undefined {
  const { ts } = scope;
  let init = d.initializer;
  while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isNonNullExpression(init))) init = init.expression;
  if (!init || init.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(init) && init.text === "undefined")) return undefined;
  if (ts.isObjectLiteralExpression(init)) return bodyEffect(scope, init);
  const callee = ts.isCallExpression(init) || ts.isNewExpression(init) ? init.expression : undefined;
  const local = callee && ts.isIdentifier(callee) ? scope.locals.get(callee.text) : undefined;
  return local ? bodyEffect(scope, local) : d;
}

function isAmbient(ts: TypeScriptApi, node: TS.ModuleDeclaration | TS.EnumDeclaration): boolean {
  return (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) || (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name));
}

/** Names declared inside `s` outside nested functions and classes (block variables, loop variables, catch bindings, nested namespaces). */
function declaredIn(ts: TypeScriptApi, s: TS.Statement): string[] {
  const names: string[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isVariableDeclaration(n) || ts.isCatchClause(n)) {
      const name = ts.isVariableDeclaration(n) ? n.name : n.variableDeclaration?.name;
      if (name) names.push(...bindingNames(ts, name));
    }
    if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isEnumDeclaration(n) || ts.isModuleDeclaration(n)) && n.name && ts.isIdentifier(n.name)) names.push(n.name.text);
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(s);
  return names;
}
