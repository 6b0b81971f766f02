/**
 * Functions a module writes into an object-literal constant (`const log =
 * { ready: (n) => console.info(n) }`): calling `log.ready(…)`, or the same
 * function under a new name (`const ready = log.ready`), runs that body,
 * so the effect check follows it like a local function's.
 */
import type * as TS from "typescript";
import { aliasedRoot } from "./aliases.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

/** `const api = { run() {…}, add: (a, b) => a + b, helper }`: each top-level constant's function-valued properties. */
export function objectMethods(ts: TypeScriptApi, file: TS.SourceFile, locals: ReadonlyMap<string, TS.Node>): Map<string, Map<string, TS.Node>> {
  const result = new Map<string, Map<string, TS.Node>>();
  for (const s of file.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      let init = d.initializer;
      while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
      if (!ts.isIdentifier(d.name) || !init || !ts.isObjectLiteralExpression(init)) continue;
      const fns = new Map<string, TS.Node>();
      for (const p of init.properties) {
        const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer)) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? locals.get(p.name.text) : undefined;
        if (fn && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) fns.set(p.name.text, fn);
      }
      result.set(d.name.text, fns);
    }
  }
  return result;
}

/** `const run = api.run` / `const { run } = api` of a function the module wrote: `run` is that local function (added to `locals`). */
export function methodAliases(ts: TypeScriptApi, file: TS.SourceFile, methods: ReadonlyMap<string, ReadonlyMap<string, TS.Node>>, locals: Map<string, TS.Node>): void {
  for (const s of file.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      const alias = d.initializer ? aliasedRoot(ts, d.initializer) : undefined;
      const own = alias && methods.get(alias.root);
      if (!own) continue;
      const fn = alias.first === undefined ? undefined : own.get(alias.first);
      if (ts.isIdentifier(d.name) && fn) locals.set(d.name.text, fn);
      if (ts.isObjectBindingPattern(d.name) && alias.first === undefined) {
        for (const el of d.name.elements) {
          const key = el.propertyName ?? el.name;
          const fn = ts.isIdentifier(key) ? own.get(key.text) : undefined;
          if (fn && ts.isIdentifier(el.name)) locals.set(el.name.text, fn);
        }
      }
    }
  }
}
