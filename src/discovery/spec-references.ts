/**
 * Which names a spec's text refers to: the raw material of dependency
 * inference. Over-approximates on purpose (a parameter shadowing an imported
 * spec still counts): a spurious edge only orders builds, a missing one would
 * leave a module stale.
 */
import ts from "typescript";
import type { ImportDecl, UsedImport } from "./types.ts";

/** Identifiers referenced in `node`, plus `ns.member` for member accesses on `namespaces`. */
export function collectReferences(node: ts.Node, namespaces: ReadonlySet<string>, ownName: string): string[] {
  const found = new Set<string>();
  const visit = (child: ts.Node): void => {
    if (ts.isPropertyAccessExpression(child)) {
      visit(child.expression);
      if (ts.isIdentifier(child.expression) && namespaces.has(child.expression.text)) {
        found.add(`${child.expression.text}.${child.name.text}`);
      }
      return; // the member name is not a reference
    }
    if (ts.isQualifiedName(child)) {
      visit(child.left);
      if (ts.isIdentifier(child.left) && namespaces.has(child.left.text)) found.add(`${child.left.text}.${child.right.text}`);
      return;
    }
    if (ts.isPropertyAssignment(child) || ts.isMethodDeclaration(child) || ts.isPropertyDeclaration(child) ||
      ts.isGetAccessorDeclaration(child) || ts.isSetAccessorDeclaration(child) || ts.isPropertySignature(child) ||
      ts.isMethodSignature(child)) {
      // Skip the declared key, keep everything else.
      child.forEachChild((grand) => {
        if (grand !== child.name) visit(grand);
      });
      return;
    }
    if (ts.isIdentifier(child)) {
      if (child.text !== ownName) found.add(child.text);
      return;
    }
    child.forEachChild(visit);
  };
  visit(node);
  return [...found].sort();
}

/** The import bindings a spec's references use (runtime imports included; the graph ignores packages). */
export function usedImportsOf(references: readonly string[], imports: readonly ImportDecl[]): UsedImport[] {
  const refs = new Set(references);
  const used: UsedImport[] = [];
  for (const decl of imports) {
    for (const binding of decl.bindings) {
      if (binding.imported === "*") {
        const prefix = `${binding.local}.`;
        const members = references.filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
        if (refs.has(binding.local) || members.length > 0) {
          used.push({ specifier: decl.specifier, local: binding.local, imported: "*", members });
        }
      } else if (refs.has(binding.local)) {
        used.push({ specifier: decl.specifier, local: binding.local, imported: binding.imported, members: [] });
      }
    }
  }
  return used;
}

const COMMENT = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;
const WORD = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?/g;

/**
 * Whether a mention in prose reads as a name, not an English word: a name
 * with capitals, digits, `_` or `$` always does; an all-lowercase one
 * (`delay`, `pick`) only in code form — in backticks, `{@link delay}`, or
 * called: `delay(ms)`. "milliseconds to delay" is English.
 */
function codeLike(comment: string, index: number, word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return true;
  const before = comment.slice(Math.max(0, index - 7), index);
  const after = comment.slice(index + word.length, index + word.length + 1);
  return before.endsWith("`") || after === "`" || after === "(" || /\{@link(?:code|plain)?\s+$/.test(before);
}

/**
 * Imported names that the comments and JSDoc in `text` mention (`Uses
 * randomInt`, `{@link ns.pick}`): a stub body names nothing, so prose is
 * often the only place a spec says what it builds on.
 */
export function commentMentions(text: string, imported: ReadonlySet<string>, namespaces: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const comment of text.match(COMMENT) ?? []) {
    for (const match of comment.matchAll(WORD)) {
      const word = match[0];
      const dot = word.indexOf(".");
      const head = dot === -1 ? word : word.slice(0, dot);
      if (!imported.has(head)) continue;
      if (!codeLike(comment, match.index, word)) continue;
      found.add(head);
      if (dot !== -1 && namespaces.has(head)) found.add(word);
    }
  }
  return [...found];
}

/** A filter keeping references that can stand for specs: imported names (`x`, `ns.x`) and the module's own spec names. */
export function specNameFilter(imported: ReadonlySet<string>, specNames: readonly string[]): (ref: string) => boolean {
  const own = new Set(specNames);
  return (ref) => {
    const dot = ref.indexOf(".");
    const head = dot === -1 ? ref : ref.slice(0, dot);
    return imported.has(head) || (dot === -1 && own.has(head));
  };
}
