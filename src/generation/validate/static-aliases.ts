/**
 * Static fields that hold another module's or the runtime's object: `class
 * Slugs { static list = plugins }`. Changing `Slugs.list` (or `this.list` in
 * the class's static code) changes plugins; giving the field a new value
 * (`Slugs.list = []`) only rebinds the field. A copy (`[...plugins]`) or a
 * call result is the class's own.
 */
import type * as TS from "typescript";
import { aliasedRoot } from "./aliases.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

/** Class → its static fields that alias foreign state → what they alias (`plugins`, `config.handlers`). */
export type StaticAliases = ReadonlyMap<TS.Node, ReadonlyMap<string, string>>;

export function staticAliases(ts: TypeScriptApi, classes: Iterable<TS.Node>, originOf: (root: string, first: string | undefined) => string | undefined): StaticAliases {
  const result = new Map<TS.Node, Map<string, string>>();
  for (const node of classes) {
    if (!ts.isClassLike(node)) continue;
    const fields = new Map<string, string>();
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member) || !member.initializer || !isStatic(ts, member) || !ts.isIdentifier(member.name)) continue;
      const alias = aliasedRoot(ts, member.initializer);
      const origin = alias ? originOf(alias.root, alias.first) : undefined;
      if (origin !== undefined) fields.set(member.name.text, origin);
    }
    if (fields.size > 0) result.set(node, fields);
  }
  return result;
}

/** The foreign object a changed `target` reaches through a static field (`Slugs.list.push`, `this.list[0] = …`), and whether the change only rebinds the field. */
export function staticFieldChange(ts: TypeScriptApi, fields: StaticAliases, locals: ReadonlyMap<string, TS.Node>, target: TS.Expression): { origin: string; rebinds: boolean } | undefined {
  let access: TS.Expression = target;
  for (;;) {
    const inner = ts.isPropertyAccessExpression(access) || ts.isElementAccessExpression(access) || ts.isNonNullExpression(access) || ts.isParenthesizedExpression(access) ? access.expression : undefined;
    if (!inner || ts.isIdentifier(inner) || inner.kind === ts.SyntaxKind.ThisKeyword) break;
    if (ts.isCallExpression(inner)) return undefined; // `Slugs.make().list`: a fresh value
    access = inner;
  }
  if (!ts.isPropertyAccessExpression(access)) return undefined;
  const base = access.expression;
  const owner = ts.isIdentifier(base) ? locals.get(base.text) : base.kind === ts.SyntaxKind.ThisKeyword ? staticThis(ts, base) : undefined;
  const origin = owner ? fields.get(owner)?.get(access.name.text) : undefined;
  if (origin === undefined) return undefined;
  const parent = target.parent;
  const changesObject = ts.isCallExpression(parent) || (ts.isPropertyAccessExpression(parent) && parent.expression === target);
  return { origin, rebinds: target === access && !changesObject };
}

/** The class `this` means at `node`: inside a static block, static method or static initialiser (arrows see through); else undefined. */
function staticThis(ts: TypeScriptApi, node: TS.Node): TS.Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isClassStaticBlockDeclaration(n) || ((ts.isMethodDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) && isStatic(ts, n))) return ts.isClassLike(n.parent) ? n.parent : undefined;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return undefined;
  }
  return undefined;
}

function isStatic(ts: TypeScriptApi, member: TS.Node): boolean {
  return ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}
