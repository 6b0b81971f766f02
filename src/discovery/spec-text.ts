/**
 * The texts recorded for a spec: its full source (leading comments included)
 * and its public API (JSDoc and signatures without bodies), which prompts of
 * dependent modules show instead of implementations.
 */
import ts from "typescript";
import { normalizeText } from "./normalize-text.ts";
import { reindent } from "./reindent.ts";
import { parameterText, propertyText, textWithParameters } from "./signature-text.ts";
import type { ClassMember } from "./types.ts";

function leadingComments(source: ts.SourceFile, node: ts.Node): ts.CommentRange[] {
  return ts.getLeadingCommentRanges(source.text, node.pos) ?? [];
}

/** The statement with every comment right before it, normalized. */
export function fullText(source: ts.SourceFile, node: ts.Node): string {
  const comments = leadingComments(source, node);
  const start = comments[0]?.pos ?? node.getStart(source);
  return normalizeText(source.text.slice(start, node.end));
}

/** The JSDoc blocks (`/** … *\/`) right before `node`, normalized, or "". */
export function jsDocText(source: ts.SourceFile, node: ts.Node, indent = ""): string {
  const docs = leadingComments(source, node)
    .filter((c) => source.text.startsWith("/**", c.pos))
    .map((c) => source.text.slice(c.pos, c.end));
  return docs.map((doc) => reindent(doc, indent)).join("\n");
}


function withDoc(doc: string, signature: string): string {
  return doc === "" ? signature : `${doc}\n${signature}`;
}

function listText(source: ts.SourceFile, nodes: ts.NodeArray<ts.Node> | undefined, open: string, close: string): string {
  return nodes && nodes.length > 0 ? `${open}${nodes.map((n) => n.getText(source)).join(", ")}${close}` : "";
}

/** `export function name<T>(params): R;` for a function or arrow spec. */
export function functionApi(
  source: ts.SourceFile,
  statement: ts.Node,
  name: string,
  fn: ts.FunctionExpression | ts.ArrowFunction,
): string {
  const isAsync = (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  const star = ts.isFunctionExpression(fn) && fn.asteriskToken ? "*" : "";
  const typeParams = listText(source, fn.typeParameters, "<", ">");
  const params = fn.parameters.map((p) => parameterText(source, p)).join(", ");
  const returns = fn.type ? `: ${fn.type.getText(source)}` : "";
  const signature = `export ${isAsync ? "async " : ""}function${star} ${name}${typeParams}(${params})${returns};`;
  return withDoc(jsDocText(source, statement), signature);
}

/** `export const name: T;` for a spec whose const declares its type (overloads, assertion functions). */
export function declaredApi(source: ts.SourceFile, statement: ts.Node, name: string, type: ts.TypeNode): string {
  return withDoc(jsDocText(source, statement), `export const ${name}: ${type.getText(source)};`);
}

function isHidden(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return true;
  const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined;
  return (modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
}

/** A member's signature: its text up to the body, or the whole member when it has none. */
function memberSignature(source: ts.SourceFile, member: ts.ClassElement): string | undefined {
  if (ts.isClassStaticBlockDeclaration(member) || ts.isSemicolonClassElement(member)) return undefined;
  const start = member.getStart(source);
  if (ts.isPropertyDeclaration(member)) {
    const property = propertyText(source, member);
    return property.endsWith(";") ? property : `${property};`;
  }
  const withParams = ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member) || ts.isAccessor(member);
  const body = withParams ? member.body : undefined;
  const params = withParams ? member.parameters : [];
  const text = textWithParameters(source, start, body ? body.getStart(source) : member.end, params).trimEnd();
  return text.endsWith(";") ? text : `${text};`;
}

/** `export class X<T> extends B { /** doc *\/ method(a: T): R; … }` without bodies or the spec decorator. */
export function classApi(source: ts.SourceFile, node: ts.ClassDeclaration, name: string): string {
  const isAbstract = (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AbstractKeyword);
  const typeParams = listText(source, node.typeParameters, "<", ">");
  const heritage = (node.heritageClauses ?? []).map((h) => ` ${h.getText(source)}`).join("");
  const lines = [`export ${isAbstract ? "abstract " : ""}class ${name}${typeParams}${heritage} {`];
  for (const member of node.members) {
    if (isHidden(member)) continue;
    const signature = memberSignature(source, member);
    if (signature === undefined) continue;
    const doc = jsDocText(source, member, "  ");
    if (doc !== "") lines.push(doc);
    lines.push(...reindent(signature, "  ").split("\n"));
  }
  lines.push("}");
  return withDoc(jsDocText(source, node), lines.join("\n"));
}

function memberName(source: ts.SourceFile, name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText(source);
}

function isStatic(member: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined;
  return (modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

/** Members a class spec declares (constructor, methods, accessors, properties, parameter properties). */
export function classMembers(source: ts.SourceFile, node: ts.ClassDeclaration): ClassMember[] {
  const members: ClassMember[] = [];
  for (const member of node.members) {
    const name = memberName(source, member.name);
    const optional = "questionToken" in member && member.questionToken !== undefined;
    if (ts.isConstructorDeclaration(member)) {
      members.push({ name: "constructor", kind: "constructor", isStatic: false, optional: false });
      for (const param of member.parameters) {
        const isProperty = ts.isParameterPropertyDeclaration(param, member);
        if (isProperty && ts.isIdentifier(param.name)) {
          members.push({ name: param.name.text, kind: "parameter-property", isStatic: false, optional: param.questionToken !== undefined });
        }
      }
    } else if (name !== undefined && ts.isMethodDeclaration(member)) {
      members.push({ name, kind: "method", isStatic: isStatic(member), optional });
    } else if (name !== undefined && ts.isGetAccessorDeclaration(member)) {
      members.push({ name, kind: "getter", isStatic: isStatic(member), optional: false });
    } else if (name !== undefined && ts.isSetAccessorDeclaration(member)) {
      members.push({ name, kind: "setter", isStatic: isStatic(member), optional: false });
    } else if (name !== undefined && ts.isPropertyDeclaration(member)) {
      members.push({ name, kind: "property", isStatic: isStatic(member), optional });
    }
  }
  return members;
}
