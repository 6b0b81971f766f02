/**
 * The `@example` sections of one JSDoc comment, as code lines mapped to the
 * spec file's lines. JSDoc syntax (tsdoc.org, jsdoc.app/tags-example): a
 * section runs from its tag to the next block tag at the start of a line; it
 * may be fenced (```ts … ```) and may start with a `<caption>`.
 */

export interface CodeLine {
  /** Spec-file line. */
  readonly line: number;
  readonly text: string;
}

export interface ExampleSection {
  /** Spec-file line of the `@example` tag. */
  readonly line: number;
  readonly lines: readonly CodeLine[];
}

/** The comment body's lines: `/**`, `*\/` and the leading ` * ` removed, indentation after the star kept. */
function bodyLines(jsDoc: string, firstLine: number): CodeLine[] {
  return jsDoc.split("\n").map((raw, i) => {
    let text = raw;
    if (i === 0) text = text.replace(/^\s*\/\*\*/, "");
    text = text.replace(/\*\/\s*$/, "");
    if (i > 0) text = text.replace(/^\s*\* ?/, "");
    return { line: firstLine + i, text: text.trimEnd() };
  });
}

const BLOCK_TAG = /^\s*@([A-Za-z]+)\b/;
const FENCE = /^\s*(```|~~~)/;

/** Split `jsDoc` (a whole `/** … *\/` comment starting on `firstLine`) into its `@example` sections. */
export function exampleSections(jsDoc: string, firstLine: number): ExampleSection[] {
  const sections: { line: number; lines: CodeLine[] }[] = [];
  let current: { line: number; lines: CodeLine[] } | undefined;
  let inFence = false;
  for (const line of bodyLines(jsDoc, firstLine)) {
    if (FENCE.test(line.text)) inFence = !inFence;
    const tag = inFence ? undefined : BLOCK_TAG.exec(line.text);
    if (tag && !FENCE.test(line.text)) {
      current = undefined;
      if (tag[1] !== "example") continue;
      current = { line: line.line, lines: [] };
      sections.push(current);
      const rest = line.text.replace(BLOCK_TAG, "");
      if (rest.trim() !== "") current.lines.push({ line: line.line, text: rest });
      continue;
    }
    current?.lines.push(line);
  }
  return sections.map((s) => ({ line: s.line, lines: cleanSection(s.lines) }));
}

/** Drop fences, `<caption>`s and surrounding blank lines; dedent to the least indented line. */
function cleanSection(lines: readonly CodeLine[]): CodeLine[] {
  const kept = lines
    .filter((l) => !FENCE.test(l.text))
    .map((l) => ({ line: l.line, text: l.text.replace(/<caption>.*?<\/caption>/g, "") }));
  while (kept.length > 0 && kept[0]?.text.trim() === "") kept.shift();
  while (kept.length > 0 && kept.at(-1)?.text.trim() === "") kept.pop();
  const indents = kept.filter((l) => l.text.trim() !== "").map((l) => l.text.length - l.text.trimStart().length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return kept.map((l) => ({ line: l.line, text: l.text.slice(Math.min(common, l.text.length - l.text.trimStart().length)) }));
}
