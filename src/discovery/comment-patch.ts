/**
 * Re-planning after a comment edit without the TypeScript compiler. A parse
 * records the file's layout (layout-of.ts): its code tokens' digest, its
 * comments by position in the token stream, and each spec's statement as
 * token indexes. When a file changes but its code tokens do not — a JSDoc
 * or comment edit, the common save — the new ModuleInfo is the old one with
 * each spec's text, public API, comment mentions and range taken from the
 * new text at the same token positions. Anything the patch cannot redo
 * exactly (a comment inside a signature, a class body or a local type the
 * API shows, above an import, a file with problems) returns undefined: the
 * file is parsed as usual.
 */
import { RUNTIME_PACKAGE } from "./runtime-package.ts";
import { type Token, tokenize } from "./meaning-tokens.ts";
import { normalizeText } from "./normalize-text.ts";
import { reindent } from "./reindent.ts";
import { commentMentions, specNameFilter, usedImportsOf } from "./spec-mentions.ts";
import type { ModuleInfo, SourceRange, SpecInfo } from "./types.ts";
import { isRecord } from "../support/is-record.ts";

export interface SpecLayout {
  /** Code-token indexes of the statement's first and last tokens. */
  readonly first: number;
  readonly last: number;
  /** Code-token index of a function spec's body `{` (comments after it are body comments); -1 for a class. */
  readonly body: number;
  /** The public API without the local types prefix and the statement's own JSDoc. */
  readonly rest: string;
  /** The local type declarations the API shows ("" when none). */
  readonly types: string;
  /** Names the spec's code refers to, unfiltered (comment mentions are recomputed). */
  readonly codeRefs: readonly string[];
}

export interface FileLayout {
  /** Digest of the code tokens' texts: equal means the same token stream. */
  readonly code: string;
  /** `[gap, comment text]`: the comment sits before code token `gap`. */
  readonly comments: readonly (readonly [number, string])[];
  /** One per spec of the ModuleInfo, in order. */
  readonly specs: readonly SpecLayout[];
  /** Token ranges `[first, last]` whose comments the patch cannot redo (local type declarations). */
  readonly fixed: readonly (readonly [number, number])[];
  /** Code-token index of the last import statement's last token; -1 when none. */
  readonly lastImport: number;
}

export function isFileLayout(value: unknown): value is FileLayout {
  return isRecord(value) && typeof value.code === "string" && Array.isArray(value.comments) && Array.isArray(value.specs) && Array.isArray(value.fixed) && typeof value.lastImport === "number";
}

export interface TokenView {
  readonly code: Token[];
  readonly comments: { readonly gap: number; readonly token: Token }[];
}

export function tokenView(text: string): TokenView {
  const code: Token[] = [];
  const comments: { gap: number; token: Token }[] = [];
  for (const token of tokenize(text)) {
    if (token.kind === "comment") comments.push({ gap: code.length, token });
    else code.push(token);
  }
  return { code, comments };
}

export function codeDigest(view: TokenView): string {
  return Bun.CryptoHasher.hash("sha256", view.code.map((t) => t.text).join("\0"), "hex");
}

function positionAt(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

/** Comments TypeScript counts as leading for the token at `gap`: from the first line break after the previous token (all at the file's start). */
function leadingComments(view: TokenView, gap: number): Token[] {
  let collecting = gap === 0;
  const leading: Token[] = [];
  for (const { gap: at, token } of view.comments) {
    if (at !== gap) continue;
    collecting ||= token.breakBefore;
    if (collecting) leading.push(token);
  }
  return leading;
}

/** Gaps whose comments differ between the old layout and the new text. */
function changedGaps(old: FileLayout, view: TokenView): Set<number> {
  const key = (list: readonly (readonly [number, string])[]): Map<number, string> => {
    const byGap = new Map<number, string>();
    for (const [gap, text] of list) byGap.set(gap, `${byGap.get(gap) ?? ""}\0${text}`);
    return byGap;
  };
  const before = key(old.comments);
  const after = key(view.comments.map((c) => [c.gap, c.token.text] as const));
  const gaps = new Set<number>();
  for (const gap of new Set([...before.keys(), ...after.keys()])) if (before.get(gap) !== after.get(gap)) gaps.add(gap);
  return gaps;
}

/** The layout of the new text, when only comments moved: the same token positions, the new comments. */
export function relayout(old: FileLayout, view: TokenView): FileLayout {
  return { ...old, comments: view.comments.map((c) => [c.gap, c.token.text] as const) };
}

/**
 * `old` (parsed from an earlier version of the file, with `layout`) re-read
 * from `text` whose code tokens are unchanged; undefined when the patch
 * cannot be exact (see the file comment).
 */
export function patchComments(old: ModuleInfo, layout: FileLayout, text: string, contentHash: string): { info: ModuleInfo; layout: FileLayout } | undefined {
  if (old.problems.length > 0 || old.warnings.length > 0 || layout.specs.length !== old.specs.length) return undefined;
  const view = tokenView(text);
  if (codeDigest(view) !== layout.code) return undefined;
  const gaps = changedGaps(layout, view);
  for (const gap of gaps) {
    if (gap <= layout.lastImport) return undefined;
    if (layout.fixed.some(([first, last]) => gap >= first && gap <= last)) return undefined;
    for (const spec of layout.specs) {
      const inside = gap > spec.first && gap <= spec.last;
      if (inside && (spec.body === -1 || gap <= spec.body)) return undefined;
    }
  }
  const lines = lineStartsOf(text);
  const imported = new Set(old.imports.filter((d) => d.specifier !== RUNTIME_PACKAGE).flatMap((d) => d.bindings.map((b) => b.local)));
  const namespaces = new Set(old.imports.flatMap((d) => d.bindings.filter((b) => b.imported === "*").map((b) => b.local)));
  const mayBeSpec = specNameFilter(imported, [...old.specs.map((s) => s.name), ...old.rejected]);
  const specs: SpecInfo[] = [];
  for (const [index, spec] of old.specs.entries()) {
    const at = layout.specs[index];
    const firstToken = at ? view.code[at.first] : undefined;
    const lastToken = at ? view.code[at.last] : undefined;
    if (!at || !firstToken || !lastToken) return undefined;
    const leading = leadingComments(view, at.first);
    const start = leading[0]?.start ?? firstToken.start;
    const fullText = normalizeText(text.slice(start, lastToken.end));
    const doc = leading.filter((c) => text.startsWith("/**", c.start)).map((c) => reindent(text.slice(c.start, c.end), "")).join("\n");
    const api = doc === "" ? at.rest : `${doc}\n${at.rest}`;
    const mentioned = commentMentions(fullText, imported, namespaces).filter((n) => n !== spec.name);
    const all = [...new Set([...at.codeRefs, ...mentioned])].sort();
    const references = all.filter(mayBeSpec);
    const range: SourceRange = { start: positionAt(lines, firstToken.start), end: positionAt(lines, lastToken.end) };
    specs.push({
      ref: spec.ref,
      name: spec.name,
      kind: spec.kind,
      range,
      text: fullText,
      publicApi: at.types === "" ? api : `${at.types}\n${api}`,
      options: spec.options,
      usedImports: usedImportsOf(all, old.imports),
      references,
      members: spec.members,
    });
  }
  const info: ModuleInfo = { ...old, contentHash, specs };
  return { info, layout: relayout(layout, view) };
}
