/**
 * Reading a comment next to an example statement as an expected outcome.
 * A comment is an expected value only when all of it — after an optional
 * lead word (`=>`, `→`, `Returns:`, `Output:`, `result:`, `result will be` …) — parses as a
 * literal-like expression; `throws X[: message]` expects a throw. Anything
 * else is prose and checks nothing.
 */
import type { TypeScriptApi } from "../../validate/typescript-parser.ts";
import type * as TS from "typescript";
import { syntaxDiagnostics } from "../../validate/syntax.ts";

export type CommentReading =
  | { readonly kind: "value"; readonly expected: string }
  | { readonly kind: "throws"; readonly errorClass?: string; readonly message?: string }
  /** A lead word announced a value, but what follows is not literal-like: prose, reported as the reason a block is unchecked. */
  | { readonly kind: "not-literal"; readonly text: string };

// The name-and-verb form comes first, so `result will be …` is not read as the lead word `result`.
const LEAD = /^(?:(?:[A-Za-z_$][\w$.]*\s+)?(?:will\s+be|would\s+be|is|equals|becomes)\b:?|=>|→|->|returns?\b:?|output\b:?|outputs\b:?|result\b:?|results?\s+in\b:?|yields\b:?|gives\b:?|evaluates\s+to\b:?)\s*/i;
const THROWS = /^(?:(?:=>|→|->)\s*)?throws?\b:?\s*(.*)$/i;
const ANY_ERROR = /^(?:an?\s+)?(?:error|exception)$/i;
const ERROR_CLASS = /^\{?([A-Z][\w$]*(?:\.[A-Z][\w$]*)*)\}?(?:\s*(?::|-|—|with)\s*(.*))?$/;

/** The comment's text without `//` or `/* *\/` and surrounding space. */
export function commentBody(comment: string): string {
  if (comment.startsWith("//")) return comment.slice(2).trim();
  return comment.replace(/^\/\*+/, "").replace(/\*+\/$/, "").trim();
}

function unquote(text: string): string {
  const t = text.trim();
  const q = t[0];
  return (q === '"' || q === "'" || q === "`") && t.endsWith(q) && t.length >= 2 ? t.slice(1, -1) : t;
}

/** Read a comment body (`=> "hello"`, `'hello'`, `throws RangeError: bad`); undefined for prose. */
export function readExpectedComment(ts: TypeScriptApi, body: string): CommentReading | undefined {
  const text = body.trim();
  if (text === "") return undefined;
  const thrown = THROWS.exec(text);
  if (thrown) {
    const rest = (thrown[1] ?? "").trim().replace(/\.$/, "");
    if (rest === "" || ANY_ERROR.test(rest)) return { kind: "throws" };
    const named = ERROR_CLASS.exec(rest);
    if (!named?.[1]) return undefined; // "throws when nothing is left": prose
    const message = named[2]?.trim();
    return { kind: "throws", errorClass: named[1], ...(message ? { message: unquote(message) } : {}) };
  }
  const lead = LEAD.exec(text);
  const value = lead ? text.slice(lead[0].length).trim() : text;
  if (isLiteralLike(ts, value)) return { kind: "value", expected: value };
  return lead && value !== "" ? { kind: "not-literal", text: value } : undefined;
}

/** True when `text` is one expression built only of literal-like parts (string, number, boolean, null/undefined/NaN/Infinity, array, object, template, `new X(…)`). */
export function isLiteralLike(ts: TypeScriptApi, text: string): boolean {
  if (text === "" || syntaxDiagnostics(`(${text}\n);`).length > 0) return false;
  const file = ts.createSourceFile("value.ts", `(${text}\n);`, ts.ScriptTarget.Latest, true);
  const statement = file.statements[0];
  if (file.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return false;
  const inner = statement.expression;
  return ts.isParenthesizedExpression(inner) && literalNode(ts, inner.expression);
}

function literalNode(ts: TypeScriptApi, node: TS.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return literalNode(ts, node.expression);
  if (ts.isStringLiteral(node) || ts.isNumericLiteral(node) || ts.isBigIntLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true;
  if (ts.isRegularExpressionLiteral(node)) return true;
  const k = node.kind;
  if (k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword || k === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(node)) return node.text === "undefined" || node.text === "NaN" || node.text === "Infinity";
  if (ts.isPrefixUnaryExpression(node)) {
    return (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken) && literalNode(ts, node.operand);
  }
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((s) => literalNode(ts, s.expression));
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((e) => ts.isOmittedExpression(e) || literalNode(ts, e));
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every((p) => ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && literalNode(ts, p.initializer));
  }
  if (ts.isNewExpression(node)) {
    return isQualifiedName(ts, node.expression) && (node.arguments ?? []).every((a) => literalNode(ts, a));
  }
  return false;
}

function isQualifiedName(ts: TypeScriptApi, node: TS.Expression): boolean {
  if (ts.isIdentifier(node)) return true;
  return ts.isPropertyAccessExpression(node) && isQualifiedName(ts, node.expression);
}
