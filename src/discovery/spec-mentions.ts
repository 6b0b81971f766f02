/**
 * The TypeScript-free half of reference finding: which imports a spec's
 * references use, which imported names its comments mention, and which
 * references can stand for specs. (The comment patch uses these without
 * loading the compiler; spec-references.ts collects code references.)
 */
import type { ImportDecl, UsedImport } from "./types.ts";

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
