/**
 * What the candidate is checked against: the spec module's public shape.
 * - Class specs: private, protected and `#` members are representation hints,
 *   not API; TypeScript compares them nominally, so no separately written
 *   class could ever match. They are removed from a copy of the spec module.
 * - Generic function specs: assigning one generic function type to another
 *   can fail for identical signatures (TS2719 "two different types with this
 *   name exist"). A call check — the spec's own signature forwarding every
 *   argument and type argument to the candidate — accepts any candidate that
 *   serves every call the spec allows.
 * - Class specs are renamed in the copy and their names imported from the
 *   candidate: a function spec taking or returning a class spec of the same
 *   module is checked against the generated class, which is what the spec's
 *   class is at run time (private state would otherwise never match).
 * The copy lives next to the candidate in the generated folder, so its
 * relative imports are rewritten to resolve from there.
 */
import path from "node:path";
import type * as TS from "typescript";
import type { SpecInput } from "../types.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

export interface SpecShape {
  /** Source of the copy (undefined: check against the spec module itself). */
  readonly source: string | undefined;
  /** 1-based line in the copy → the spec whose call check it is. */
  readonly callLines: ReadonlyMap<number, string>;
  /** Class spec name → the name of its public-shape declaration in the copy. */
  readonly classes: ReadonlyMap<string, string>;
}

export const SPEC_CLASS_PREFIX = "__JauntSpec_";

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * @param specDir folder of the spec module, relative to `generatedDir` ("..")
 * @param candidate specifier of the candidate from the generated folder ("./.jaunt-check-x")
 */
export function specShape(ts: TypeScriptApi, specSource: string, specs: readonly SpecInput[], specDir: string, candidate: string, kind: TS.ScriptKind = ts.ScriptKind.TS): SpecShape {
  const file = ts.createSourceFile("spec.ts", specSource, ts.ScriptTarget.Latest, true, kind);
  const edits: Edit[] = [];
  const names = new Set(specs.map((s) => s.name));
  const classes = new Map<string, string>();
  for (const s of file.statements) {
    if (!ts.isClassDeclaration(s) || !s.name || !names.has(s.name.text)) continue;
    // The spec's class is renamed; its name now means the candidate's class, as it will at run time.
    const alias = `${SPEC_CLASS_PREFIX}${s.name.text}`;
    classes.set(s.name.text, alias);
    edits.push({ start: s.name.getStart(file), end: s.name.getEnd(), text: alias }, ...hiddenMemberEdits(ts, file, s));
  }
  const calls: { name: string; text: string }[] = [];
  for (const spec of specs) {
    const text = spec.kind === "function" ? callCheck(ts, file, specFunction(ts, file, spec.name), spec.name) : undefined;
    if (text) calls.push({ name: spec.name, text });
  }
  if (edits.length === 0 && calls.length === 0) return { source: undefined, callLines: new Map(), classes };
  for (const s of file.statements) {
    const spec = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier : undefined;
    if (spec?.text.startsWith(".")) {
      const rewritten = path.posix.normalize(path.posix.join(specDir, spec.text));
      edits.push({ start: spec.getStart(file), end: spec.getEnd(), text: JSON.stringify(rewritten.startsWith(".") ? rewritten : `./${rewritten}`) });
    }
  }
  let source = specSource;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) source = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
  source = `${source.trimEnd()}\n`;
  const callLines = new Map<number, string>();
  const base = source.split("\n").length; // line of the import below
  const lines = [`import * as __JauntCandidate from ${JSON.stringify(candidate)};`];
  if (classes.size > 0) lines.push(`import { ${[...classes.keys()].join(", ")} } from ${JSON.stringify(candidate)};`);
  calls.forEach((call, i) => {
    callLines.set(base + lines.length, call.name);
    lines.push(call.text);
  });
  return { source: `${source}${lines.join("\n")}\n`, callLines, classes };
}

function hiddenMemberEdits(ts: TypeScriptApi, file: TS.SourceFile, node: TS.ClassDeclaration): Edit[] {
  const edits: Edit[] = [];
  const hidden = (n: TS.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
  for (const member of node.members) {
    if (ts.isConstructorDeclaration(member)) {
      // `constructor(private items: T[])` keeps its parameter, loses the property.
      for (const param of member.parameters) {
        if (!hidden(param)) continue;
        for (const m of ts.getModifiers(param) ?? []) edits.push({ start: m.getStart(file), end: m.getEnd(), text: "" });
      }
      continue;
    }
    const name = "name" in member ? member.name : undefined;
    if ((name && ts.isPrivateIdentifier(name)) || hidden(member)) edits.push({ start: member.getFullStart(), end: member.getEnd(), text: "" });
  }
  return edits;
}

/** The function of `export const name = jaunt.magic([options,] function name(…) {…})`, or a plain exported function. */
function specFunction(ts: TypeScriptApi, file: TS.SourceFile, name: string): TS.SignatureDeclaration | undefined {
  for (const s of file.statements) {
    if (ts.isFunctionDeclaration(s) && s.name?.text === name) return s;
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== name || !d.initializer) continue;
      const init = d.initializer;
      const fn = ts.isCallExpression(init) ? init.arguments[init.arguments.length - 1] : init;
      if (fn && (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) return fn;
    }
  }
  return undefined;
}

/** `export function __jaunt_call_x<T>(a: A): R { return __JauntCandidate.x<T>(a); }` for a generic spec with simple parameters. */
function callCheck(ts: TypeScriptApi, file: TS.SourceFile, fn: TS.SignatureDeclaration | undefined, name: string): string | undefined {
  if (!fn?.typeParameters || fn.typeParameters.length === 0 || !fn.type) return undefined;
  const params: string[] = [];
  const args: string[] = [];
  for (const [i, p] of fn.parameters.entries()) {
    if (!p.type || (ts.isIdentifier(p.name) && p.name.text === "this")) return undefined;
    const optional = p.questionToken !== undefined || p.initializer !== undefined;
    const rest = p.dotDotDotToken !== undefined;
    params.push(`${rest ? "..." : ""}__p${i}${optional && !rest ? "?" : ""}: ${p.type.getText(file)}`);
    args.push(`${rest ? "..." : ""}__p${i}`);
  }
  const typeParams = fn.typeParameters.map((t) => t.getText(file)).join(", ");
  const typeArgs = fn.typeParameters.map((t) => t.name.text).join(", ");
  const isAsync = (ts.canHaveModifiers(fn) ? (ts.getModifiers(fn) ?? []) : []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  return `export ${isAsync ? "async " : ""}function __jaunt_call_${name}<${typeParams}>(${params.join(", ")}): ${fn.type.getText(file)} { return __JauntCandidate.${name}<${typeArgs}>(${args.join(", ")}); }`;
}
