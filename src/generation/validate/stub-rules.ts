/**
 * No stubs: a function or method whose whole body throws "not implemented"
 * (or a TODO) type-checks and would ship code that fails on first call.
 */
import type * as TS from "typescript";
import type { Diagnostic } from "../types.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

const STUB_MESSAGE = /not (?:yet )?implemented|\btodo\b|implement (?:me|this|later)|fill (?:this )?in|unimplemented/i;

export function stubDiagnostics(ts: TypeScriptApi, file: TS.SourceFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body)) {
      const message = stubMessage(ts, node.body);
      if (message !== undefined) {
        const name = node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name)) ? node.name.text : ts.isConstructorDeclaration(node) ? "constructor" : "a function";
        diagnostics.push({
          ...positionOf(ts, file, node),
          code: "jaunt/stub",
          message: `\`${name}\` is a stub (its body only throws ${JSON.stringify(message)}); implement it as the spec describes`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return diagnostics;
}

/** The message of a body that is a single `throw new X("not implemented")`. */
function stubMessage(ts: TypeScriptApi, body: TS.Block): string | undefined {
  const only = body.statements.length === 1 ? body.statements[0] : undefined;
  if (!only || !ts.isThrowStatement(only)) return undefined;
  const thrown = only.expression;
  const arg = (ts.isNewExpression(thrown) || ts.isCallExpression(thrown)) && thrown.arguments ? thrown.arguments[0] : thrown;
  const text = arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : undefined;
  return text !== undefined && STUB_MESSAGE.test(text) ? text : undefined;
}
