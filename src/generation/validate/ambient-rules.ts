/**
 * No ambient values: `declare function helper(…)`, `declare const X`,
 * `declare class`, `declare enum` — at top level or inside `declare global`,
 * `declare module "…"` or a namespace — tell the type checker a value exists
 * without defining it. The module type-checks, is written, and throws
 * `ReferenceError` on first use. Type-only declarations (interfaces and type
 * aliases augmenting a global, `declare` class fields) define nothing that
 * could be called and stay allowed. A value the spec module itself declares
 * ambiently (a bundler's `declare const __APP_VERSION__: string`) is the
 * user's word that it exists at run time: the same declaration may stay.
 */
import type * as TS from "typescript";
import type { Diagnostic } from "../types.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

interface AmbientValue {
  /** `function`, `const`, `class` … */
  readonly kind: string;
  readonly name: string;
  readonly node: TS.Node;
  /** The enclosing `declare global` / `declare module "x"` / `namespace N`, if any. */
  readonly inside: string | undefined;
}

function hasDeclare(ts: TypeScriptApi, node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

function containerName(ts: TypeScriptApi, node: TS.ModuleDeclaration): string {
  if (ts.isIdentifier(node.name) && node.name.text === "global") return "declare global";
  if (ts.isStringLiteral(node.name)) return `declare module ${JSON.stringify(node.name.text)}`;
  return `${hasDeclare(ts, node) ? "declare " : ""}namespace ${node.name.text}`;
}

/** Value declarations made without a definition in `statements`; `ambient` when the context is already ambient. */
function ambientValues(ts: TypeScriptApi, statements: readonly TS.Statement[], ambient: boolean, inside: string | undefined): AmbientValue[] {
  const found: AmbientValue[] = [];
  for (const statement of statements) {
    const declared = ambient || hasDeclare(ts, statement);
    if (ts.isModuleDeclaration(statement)) {
      const body = statement.body;
      const name = containerName(ts, statement);
      if (body && ts.isModuleBlock(body)) found.push(...ambientValues(ts, body.statements, declared, name));
      else if (body && ts.isModuleDeclaration(body)) found.push(...ambientValues(ts, [body], declared, name));
      continue;
    }
    if (!declared) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) found.push({ kind: "function", name: statement.name.text, node: statement, inside });
    else if (ts.isClassDeclaration(statement) && statement.name) found.push({ kind: "class", name: statement.name.text, node: statement, inside });
    else if (ts.isEnumDeclaration(statement)) found.push({ kind: "enum", name: statement.name.text, node: statement, inside });
    else if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags;
      const kind = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) found.push({ kind, name: declaration.name.text, node: declaration, inside });
      }
    }
  }
  return found;
}

/**
 * One diagnostic per value `file` declares without defining, unless `specFile`
 * declares the same value ambiently too.
 */
export function ambientDiagnostics(ts: TypeScriptApi, file: TS.SourceFile, specFile: TS.SourceFile): Diagnostic[] {
  const vouched = new Set(ambientValues(ts, specFile.statements, false, undefined).map((v) => `${v.kind} ${v.name}`));
  return ambientValues(ts, file.statements, false, undefined)
    .filter((value) => !vouched.has(`${value.kind} ${value.name}`))
    .map((value) => {
      const what = value.inside?.startsWith("declare ") ? `\`${value.inside}\` declares \`${value.kind} ${value.name}\`, which` : `\`declare ${value.kind} ${value.name}\``;
      return {
        ...positionOf(ts, file, value.node),
        code: "jaunt/ambient-declaration",
        message: `${what} only tells the type checker that \`${value.name}\` exists; nothing defines it, so the first use throws ReferenceError: define \`${value.name}\` in this module (or import it from the module that defines it), without \`declare\``,
      };
    });
}
