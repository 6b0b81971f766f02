/**
 * Top-level rule: importing a generated module has no observable effect.
 * The rule is about effects, not calls (purity.ts decides): pure top-level
 * computation — a CRC table filled in a loop, `Object.fromEntries(…)`, a
 * zod schema from a package the spec module imports — is fine; I/O,
 * console, process, timers, network, effectful constructors and changes to
 * imported or global state are not, including in class static blocks and
 * static initialisers (statement-effects.ts). Test modules may also
 * register tests, at top level or in a loop over data
 * (`for (const c of CASES) test(…)`). Any `await` outside a function is
 * rejected (no top-level await).
 */
import type * as TS from "typescript";
import type { Diagnostic } from "../types.ts";
import { bodyEffect, classEffect } from "./body-effects.ts";
import { effectOf } from "./purity.ts";
import { mutatedBy } from "./mutation.ts";
import { type PurityScope, purityScope, rootName } from "./purity-scope.ts";
import { statementEffect } from "./statement-effects.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

const TEST_CALLS = new Set(["describe", "test", "it", "beforeAll", "afterAll", "beforeEach", "afterEach", "setDefaultTimeout", "xdescribe", "xtest", "xit"]);
/** Module mocks must be registered at top level in bun test / jest / vitest. */
const MOCK_CALLS = new Set(["mock.module", "jest.mock", "vi.mock"]);

export interface TopLevelOptions {
  readonly kind: "build" | "test";
  /** May the candidate call into this module at import time? (project files, packages the spec module imports) */
  readonly callable: (specifier: string) => boolean;
}

export function topLevelDiagnostics(ts: TypeScriptApi, file: TS.SourceFile, options: TopLevelOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const scope = purityScope(ts, file, options.callable);
  const text = (node: TS.Node) => node.getText(file).split("\n")[0]?.slice(0, 60) ?? "";
  const sideEffect = (node: TS.Node, what: string) =>
    diagnostics.push({ ...positionOf(ts, file, node), code: "jaunt/top-level-side-effect", message: `${what}${reached(ts, file, scope, node)}${aliasNote(ts, scope, node)}; importing a generated module must have no observable effect (no I/O, console, process, timers, network, effectful constructors or changes to imported or global state at top level or in static initialisers): move it into a function` });

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
    const registers = options.kind === "test" ? (inner: TS.Statement) => registersTests(ts, scope, inner) : undefined;
    const effect = statementEffect(scope, statement, registers ? { accepts: registers } : {});
    if (!effect) continue;
    if (effect === statement) sideEffect(statement, `statement "${text(statement)}" runs at import`);
    else if (ts.isVariableDeclaration(effect)) sideEffect(effect, `"${text(effect)}" is a top-level \`using\`: its disposal runs when the module finishes evaluating, and a value from outside the module has a disposal the gate cannot see`);
    else sideEffect(effect, `"${text(effect)}" runs at import${ts.isThrowStatement(effect) ? " (importing would throw)" : ""}`);
  }
  return diagnostics;
}

/** " and reaches …": the chain of local calls to the effect that makes a call of a local function effectful. */
function reached(ts: TypeScriptApi, file: TS.SourceFile, scope: PurityScope, node: TS.Node): string {
  const steps: string[] = [];
  for (let at = scope.via.get(node); at && steps.length < 5; at = scope.via.get(at)) {
    steps.push(`"${at.getText(file).split("\n")[0]?.slice(0, 60) ?? ""}" (line ${positionOf(ts, file, at).line})`);
  }
  return steps.length > 0 ? `, and reaches ${steps.join(" → ")}` : "";
}

/** " (`r` refers to `registry`, not a copy)": when the change goes through an alias, the state it really changes. */
function aliasNote(ts: TypeScriptApi, scope: PurityScope, node: TS.Node): string {
  let at: TS.Node | undefined = node;
  while (at && scope.via.has(at)) at = scope.via.get(at);
  for (const target of at ? mutatedBy(ts, at) : []) {
    const name = rootName(ts, target);
    const origin = name === undefined ? undefined : scope.aliases.get(name);
    if (name !== undefined && origin !== undefined) return ` (\`${name}\` refers to \`${origin}\`, not a copy)`;
  }
  return "";
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
    // `await using x = …` awaits x's disposal when the module's evaluation ends.
    const awaitUsing = ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier) || awaitUsing) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}
