/**
 * Read a model's answer: byte-order marks and CRLF normalised, reasoning
 * (`<think>…</think>`, a lone leading `…</think>`) dropped, and every fenced
 * code block found — backticks or tildes, three or more, indented in a list,
 * closed or cut off. Which block becomes the module is decided by content in
 * choose-code.ts; this module only reads the text.
 */

/** One fenced block of code (or the whole answer when it has no fence). */
export interface CodeBlock {
  /** Lower-cased fence label: "ts", "typescript", "" … */
  readonly lang: string;
  /** The code, fence indentation removed, ending in one newline. */
  readonly body: string;
  /** False when the answer ended before the closing fence (a cut-off answer). */
  readonly closed: boolean;
  /** The prose line just before the fence and the info string after the label (where a file name is usually given). */
  readonly label: string;
}

export interface ReadAnswer {
  /** The answer without reasoning, BOM or CR. */
  readonly text: string;
  /** Code-like blocks (TypeScript, JavaScript or unlabelled), in answer order. */
  readonly blocks: readonly CodeBlock[];
  /** How many fences of any language the answer has. */
  readonly fenceCount: number;
}

const CODE_LANGS = new Set(["", "ts", "typescript", "tsx", "mts", "cts", "js", "javascript", "jsx", "mjs", "cjs"]);
const TAG = /<(\/?)(?:think|thinking|reasoning)>/gi;
const OPEN = /^([ \t]*)(`{3,}|~{3,})[ \t]*([A-Za-z0-9_+#.-]*)(.*)$/;

/**
 * The answer's text with invisible noise and reasoning removed: `<think>…</think>`
 * (also unclosed), and everything up to a lone leading `</think>` whose
 * opening tag the chat template ate. Tags inside code fences are code, not
 * reasoning (a module may well contain the string "</think>").
 */
export function cleanAnswer(answer: string): string {
  const text = answer.replace(/^[\uFEFF\u200B]+/, "").replace(/\r\n?/g, "\n");
  const fences = fenceRanges(text);
  const tags = [...text.matchAll(TAG)].filter((m) => !fences.some(([from, to]) => m.index >= from && m.index < to));
  let kept = "";
  let cursor = 0;
  let depth = 0;
  tags.forEach((tag, i) => {
    const end = tag.index + tag[0].length;
    if (tag[1] !== "/") {
      if (depth === 0) kept += text.slice(cursor, tag.index);
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) cursor = end;
    } else if (i === 0) {
      cursor = end; // a lone leading close: everything before it was reasoning
    }
  });
  if (depth === 0) kept += text.slice(cursor); // an unclosed reasoning block runs to the end
  return kept.replace(/^[\uFEFF\u200B]+/, "");
}

/** Character ranges of the fenced blocks (an unclosed fence runs to the end). */
function fenceRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  let open: { start: number; fence: string } | undefined;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (open && trimmed.length >= open.fence.length && trimmed === (open.fence[0] ?? "`").repeat(trimmed.length)) {
      ranges.push([open.start, offset + line.length]);
      open = undefined;
    } else if (!open) {
      const fence = OPEN.exec(line)?.[2];
      if (fence) open = { start: offset, fence };
    }
    offset += line.length + 1;
  }
  if (open) ranges.push([open.start, text.length]);
  return ranges;
}

/** Every fenced block of the cleaned answer. */
export function readAnswer(answer: string): ReadAnswer {
  const text = cleanAnswer(answer);
  const lines = text.split("\n");
  const blocks: CodeBlock[] = [];
  let fenceCount = 0;
  let lastProse = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const open = OPEN.exec(line);
    if (!open) {
      if (line.trim() !== "") lastProse = line.trim();
      continue;
    }
    fenceCount++;
    const indent = (open[1] ?? "").length;
    const fence = open[2] ?? "```";
    const lang = (open[3] ?? "").toLowerCase();
    const body: string[] = [];
    let closed = false;
    for (i++; i < lines.length; i++) {
      const inner = lines[i] ?? "";
      const trimmed = inner.trim();
      if (trimmed.length >= fence.length && trimmed === (fence[0] ?? "`").repeat(trimmed.length)) {
        closed = true;
        break;
      }
      body.push(stripIndent(inner, indent));
    }
    if (CODE_LANGS.has(lang)) blocks.push({ lang, body: finish(body.join("\n")), closed, label: `${lastProse} ${(open[4] ?? "").trim()}`.trim() });
    lastProse = "";
  }
  return { text, blocks, fenceCount };
}

function stripIndent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && (line[n] === " " || line[n] === "\t")) n++;
  return line.slice(n);
}

export function finish(code: string): string {
  const trimmed = code.replace(/^\s*\n/, "").trimEnd();
  return trimmed === "" ? "" : `${trimmed}\n`;
}
