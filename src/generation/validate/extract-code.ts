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
const REASONING = /<(think|thinking|reasoning)>[\s\S]*?(?:<\/\1>|$)/gi;
const LONE_CLOSE = /^[\s\S]*?<\/(?:think|thinking|reasoning)>/i;
const OPEN_TAG = /<(?:think|thinking|reasoning)>/i;
const CLOSE_TAG = /<\/(?:think|thinking|reasoning)>/i;
const TS_LANGS = new Set(["ts", "typescript", "tsx", "mts", "cts"]);
const OPEN = /^([ \t]*)(`{3,}|~{3,})[ \t]*([A-Za-z0-9_+#.-]*)(.*)$/;

/** The answer's text with invisible noise and reasoning removed. */
export function cleanAnswer(answer: string): string {
  let text = answer.replace(/^[\uFEFF\u200B]+/, "").replace(/\r\n?/g, "\n");
  // A reasoning block whose opening tag was eaten by the chat template: everything up to the first closing tag.
  const close = text.search(CLOSE_TAG);
  const open = text.search(OPEN_TAG);
  if (close !== -1 && (open === -1 || open > close)) text = text.replace(LONE_CLOSE, "");
  return text.replace(REASONING, "").replace(/^[\uFEFF\u200B]+/, "");
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

/**
 * The code of an answer without choosing by content: the last TypeScript
 * block, else the last code block, else the whole text. (Used where no spec
 * is at hand; validation chooses by content.)
 */
export function extractCode(answer: string): string {
  const { text, blocks, fenceCount } = readAnswer(answer);
  const typed = blocks.filter((b) => TS_LANGS.has(b.lang));
  const chosen = typed.at(-1) ?? blocks.at(-1);
  if (chosen) return chosen.body;
  return fenceCount > 0 ? "" : finish(text);
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
