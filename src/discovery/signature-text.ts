/**
 * Declaration text of parameters and class members as dependents' prompts
 * show them: an implementation's default values never leak into a
 * declaration (`x = 5` becomes `x?: number`, `count = 0` becomes
 * `count: number`), since `function f(x = 5): T;` is not valid TypeScript.
 */
import ts from "typescript";

/** The type a literal initializer implies, when obvious from its syntax; undefined otherwise. */
function literalType(init: ts.Expression): string | undefined {
  if (ts.isNumericLiteral(init) || (ts.isPrefixUnaryExpression(init) && ts.isNumericLiteral(init.operand))) return "number";
  if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) || ts.isTemplateExpression(init)) return "string";
  if (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword) return "boolean";
  if (ts.isBigIntLiteral(init)) return "bigint";
  if (ts.isArrayLiteralExpression(init)) return "unknown[]";
  return undefined;
}

/** A parameter without its default value (optional instead). */
export function parameterText(source: ts.SourceFile, param: ts.ParameterDeclaration): string {
  if (!param.initializer) return param.getText(source);
  const modifiers = (ts.getModifiers(param) ?? []).map((m) => `${m.getText(source)} `).join("");
  const dots = param.dotDotDotToken ? "..." : "";
  const type = param.type ? param.type.getText(source) : literalType(param.initializer);
  return `${modifiers}${dots}${param.name.getText(source)}?${type === undefined ? "" : `: ${type}`}`;
}

/** Source text of `[start, end)` with every parameter of `params` inside it rewritten by `parameterText`. */
export function textWithParameters(source: ts.SourceFile, start: number, end: number, params: readonly ts.ParameterDeclaration[]): string {
  let text = "";
  let at = start;
  for (const param of params) {
    const from = param.getStart(source);
    if (!param.initializer || from < at || param.end > end) continue;
    text += source.text.slice(at, from) + parameterText(source, param);
    at = param.end;
  }
  return text + source.text.slice(at, end);
}

/** A property declaration without its initializer: `count = 0` → `count: number`. */
export function propertyText(source: ts.SourceFile, member: ts.PropertyDeclaration): string {
  const start = member.getStart(source);
  if (!member.initializer) return source.text.slice(start, member.end).trimEnd();
  const head = member.type ? source.text.slice(start, member.type.end) : source.text.slice(start, (member.questionToken ?? member.exclamationToken ?? member.name).end);
  const type = member.type ? undefined : literalType(member.initializer);
  return `${head}${type === undefined ? "" : `: ${type}`};`;
}
