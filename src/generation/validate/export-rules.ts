/** Export rule: every required spec is exported under its name, with its kind and declared class members. */
import type * as TS from "typescript";
import type { Diagnostic, SpecInput } from "../types.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

type ExportKind = "function" | "class" | "other";

interface LocalDecl {
  readonly kind: ExportKind;
  readonly members: ReadonlySet<string>;
}

function hasExportModifier(ts: TypeScriptApi, node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function classMembers(ts: TypeScriptApi, node: TS.ClassLikeDeclaration): Set<string> {
  const names = new Set<string>();
  for (const member of node.members) {
    if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) || ts.isPrivateIdentifier(member.name))) names.add(member.name.text);
    if (ts.isConstructorDeclaration(member)) {
      for (const param of member.parameters) {
        if (ts.isIdentifier(param.name) && (ts.getModifiers(param) ?? []).length > 0) names.add(param.name.text);
      }
    }
  }
  return names;
}

function kindOfInitializer(ts: TypeScriptApi, init: TS.Expression | undefined): LocalDecl {
  let e = init;
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
  if (e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e))) return { kind: "function", members: new Set() };
  if (e && ts.isClassExpression(e)) return { kind: "class", members: classMembers(ts, e) };
  return { kind: "other", members: new Set() };
}

/** Exported name → what it is, following `export { local as name }`. */
export function collectExports(ts: TypeScriptApi, file: TS.SourceFile): Map<string, LocalDecl> {
  const locals = new Map<string, LocalDecl>();
  const exported = new Map<string, LocalDecl>();
  const lists: TS.ExportSpecifier[] = [];
  for (const s of file.statements) {
    const isExported = hasExportModifier(ts, s);
    if (ts.isFunctionDeclaration(s) && s.name) {
      const decl = { kind: "function" as const, members: new Set<string>() };
      locals.set(s.name.text, decl);
      if (isExported) exported.set(s.name.text, decl);
    } else if (ts.isClassDeclaration(s) && s.name) {
      const decl = { kind: "class" as const, members: classMembers(ts, s) };
      locals.set(s.name.text, decl);
      if (isExported) exported.set(s.name.text, decl);
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const decl = kindOfInitializer(ts, d.initializer);
        locals.set(d.name.text, decl);
        if (isExported) exported.set(d.name.text, decl);
      }
    } else if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      lists.push(...s.exportClause.elements);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly && s.exportClause && ts.isNamedExports(s.exportClause)) {
      // `export { pad as formatNumber } from "../text"`: what it is, the type check tells.
      for (const el of s.exportClause.elements) if (!el.isTypeOnly) exported.set(el.name.getText(file), { kind: "other", members: new Set() });
    }
  }
  for (const spec of lists) {
    const local = (spec.propertyName ?? spec.name).getText(file);
    exported.set(spec.name.getText(file), locals.get(local) ?? { kind: "other", members: new Set() });
  }
  return exported;
}

/** Names of the private/protected/`#` members of class `name` in the spec module. */
export function hiddenMembers(ts: TypeScriptApi, specFile: TS.SourceFile, name: string): Set<string> {
  const hidden = new Set<string>();
  const decl = specFile.statements.find((s): s is TS.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name);
  for (const member of decl?.members ?? []) {
    const isParamHost = ts.isConstructorDeclaration(member);
    const nodes: readonly TS.Node[] = isParamHost ? member.parameters : [member];
    for (const node of nodes) {
      const named = ts.isParameter(node) || ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) ? node : undefined;
      if (!named || (!ts.isIdentifier(named.name) && !ts.isPrivateIdentifier(named.name))) continue;
      if (ts.isPrivateIdentifier(named.name) || isHidden(ts, named)) hidden.add(named.name.text);
    }
  }
  return hidden;
}

function isHidden(ts: TypeScriptApi, node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
}

export function exportDiagnostics(ts: TypeScriptApi, file: TS.SourceFile, specs: readonly SpecInput[], specFile: TS.SourceFile): Diagnostic[] {
  const exports = collectExports(ts, file);
  // `export * from "…"` may supply any name: the type check's assertion names a missing one.
  const reexportsAll = file.statements.some((s) => ts.isExportDeclaration(s) && s.moduleSpecifier && !s.exportClause && !s.isTypeOnly);
  const diagnostics: Diagnostic[] = [];
  for (const spec of specs) {
    if (spec.kind === "test") continue;
    const found = exports.get(spec.name);
    if (!found && reexportsAll) continue;
    if (!found) {
      const how = spec.kind === "class" ? `export class ${spec.name}` : `export function ${spec.name}`;
      diagnostics.push({ code: "jaunt/missing-export", message: `missing export \`${spec.name}\` (${spec.ref}); add \`${how} …\`` });
    } else if (found.kind !== spec.kind && !(spec.kind === "function" && found.kind === "other")) {
      diagnostics.push({ code: "jaunt/wrong-kind", message: `\`${spec.name}\` must be exported as a ${spec.kind}, but the module exports a ${found.kind === "other" ? "non-function value" : found.kind}` });
    } else if (spec.kind === "class") {
      // Private, protected and `#` members are representation hints, not API.
      const hidden = hiddenMembers(ts, specFile, spec.name);
      const missing = (spec.members ?? []).filter((m) => m !== "constructor" && !m.startsWith("#") && !hidden.has(m) && !found.members.has(m));
      if (missing.length > 0) {
        diagnostics.push({ code: "jaunt/missing-member", message: `class \`${spec.name}\` lacks member(s) the spec declares: ${missing.join(", ")}` });
      }
    }
  }
  return diagnostics;
}
