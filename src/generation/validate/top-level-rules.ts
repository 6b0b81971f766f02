/**
 * Top-level rule: a generated module only defines things. Allowed at top level:
 * imports, exports, function/class/interface/type/enum/namespace declarations,
 * and `const`/`let`/`var` whose initialisers are "simple": literals, templates,
 * arrow/function/class expressions, object/array literals of simple values,
 * identifiers and property reads, unary/binary operators on simple values,
 * `new X(simple…)` (e.g. `new Map()`), `Object.freeze(simple)`, `Symbol(…)`,
 * wrapped in `as`/`satisfies`/parentheses. Test modules may also call
 * `describe`/`test`/`it`/`beforeAll`/`afterAll`/`beforeEach`/`afterEach`.
 * Any `await` outside a function is rejected (no top-level await).
 */
import type * as TS from "typescript";
import type { Diagnostic } from "../types.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

const TEST_CALLS = new Set(["describe", "test", "it", "beforeAll", "afterAll", "beforeEach", "afterEach", "setDefaultTimeout"]);
const ALLOWED_CALLS = new Set(["Object.freeze", "Symbol", "Symbol.for"]);

export function topLevelDiagnostics(ts: TypeScriptApi, file: TS.SourceFile, kind: "build" | "test"): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const sideEffect = (node: TS.Node, what: string) =>
    diagnostics.push({ ...positionOf(ts, file, node), code: "jaunt/top-level-side-effect", message: `${what} at top level; a generated module may only define things (move it into a function)` });

  for (const statement of file.statements) {
    const awaitNode = findTopLevelAwait(ts, statement);
    if (awaitNode) {
      diagnostics.push({ ...positionOf(ts, file, awaitNode), code: "jaunt/top-level-await", message: "top-level await is not allowed; await inside a function" });
      continue;
    }
    if (isDeclaration(ts, statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (decl.initializer && !isSimple(ts, decl.initializer)) sideEffect(decl.initializer, `"${decl.initializer.getText(file).slice(0, 60)}" runs code`);
      }
      continue;
    }
    if (kind === "test" && ts.isExpressionStatement(statement) && isTestCall(ts, statement.expression)) continue;
    if (ts.isEmptyStatement(statement)) continue;
    sideEffect(statement, `statement "${statement.getText(file).split("\n")[0]?.slice(0, 60) ?? ""}"`);
  }
  return diagnostics;
}

function isDeclaration(ts: TypeScriptApi, s: TS.Statement): boolean {
  return (
    ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) ||
    ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s) || ts.isModuleDeclaration(s) ||
    ts.isImportEqualsDeclaration(s) || (ts.isExportAssignment(s) && isSimple(ts, s.expression))
  );
}

function calleeName(ts: TypeScriptApi, expr: TS.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) {
    const base = calleeName(ts, expr.expression);
    return base === undefined ? undefined : `${base}.${expr.name.text}`;
  }
  if (ts.isCallExpression(expr)) return calleeName(ts, expr.expression); // test.each([...])(...)
  return undefined;
}

function isTestCall(ts: TypeScriptApi, expr: TS.Expression): boolean {
  if (!ts.isCallExpression(expr)) return false;
  const root = calleeName(ts, expr.expression)?.split(".")[0];
  return root !== undefined && TEST_CALLS.has(root);
}

function isSimple(ts: TypeScriptApi, e: TS.Expression): boolean {
  if (
    ts.isLiteralExpression(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isArrowFunction(e) || ts.isFunctionExpression(e) ||
    ts.isClassExpression(e) || ts.isIdentifier(e) || ts.isRegularExpressionLiteral(e)
  ) return true;
  switch (e.kind) {
    case ts.SyntaxKind.TrueKeyword: case ts.SyntaxKind.FalseKeyword: case ts.SyntaxKind.NullKeyword: return true;
  }
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) return isSimple(ts, e.expression);
  if (ts.isPrefixUnaryExpression(e)) return isSimple(ts, e.operand);
  if (ts.isBinaryExpression(e)) return e.operatorToken.kind !== ts.SyntaxKind.EqualsToken && isSimple(ts, e.left) && isSimple(ts, e.right);
  if (ts.isConditionalExpression(e)) return isSimple(ts, e.condition) && isSimple(ts, e.whenTrue) && isSimple(ts, e.whenFalse);
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((span) => isSimple(ts, span.expression));
  if (ts.isPropertyAccessExpression(e)) return isSimple(ts, e.expression);
  if (ts.isElementAccessExpression(e)) return isSimple(ts, e.expression) && isSimple(ts, e.argumentExpression);
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((el) => (ts.isSpreadElement(el) ? isSimple(ts, el.expression) : isSimple(ts, el)));
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.every((p) =>
      ts.isPropertyAssignment(p) ? isSimple(ts, p.initializer) : ts.isSpreadAssignment(p) ? isSimple(ts, p.expression) : true,
    );
  }
  if (ts.isNewExpression(e)) return isSimple(ts, e.expression) && (e.arguments ?? []).every((a) => isSimple(ts, a));
  if (ts.isCallExpression(e)) {
    const name = calleeName(ts, e.expression);
    return name !== undefined && ALLOWED_CALLS.has(name) && e.arguments.every((a) => isSimple(ts, a));
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
