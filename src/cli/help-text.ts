/**
 * `--help` text that fits the terminal. citty pads every option row to the
 * widest description (lines of 200+ columns, trailing blanks) and never
 * wraps; this trims the padding and wraps long rows under their own
 * description column, so an 80-column terminal reads one option per block.
 */

// Colors are SGR sequences around words: they take no columns.
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function visibleLength(text: string): number {
  return text.replace(SGR, "").length;
}

/** A row's head: leading blanks, the first cell and the gap (2+ blanks) before the description; color codes hold no blanks. */
function headOf(line: string): string {
  return /^(\s*(?:\S+ )*?\S+\s{2,})(?=\S)/.exec(line)?.[1] ?? /^\s*/.exec(line)?.[0] ?? "";
}

/** Wrap one line to `width` columns; continuation lines are indented to the row's description column. */
function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  let head = headOf(line);
  // A head taking most of the width (a long first cell): wrap under the row's indentation instead.
  if (visibleLength(head) > width / 2) head = /^\s*/.exec(line)?.[0] ?? "";
  const indent = " ".repeat(visibleLength(head));
  const lines: string[] = [];
  let current = head;
  let fresh = true;
  for (const word of line.slice(head.length).split(/ +/)) {
    if (!fresh && visibleLength(current) + 1 + visibleLength(word) > width) {
      lines.push(current);
      current = indent + word;
      continue;
    }
    current += fresh ? word : ` ${word}`;
    fresh = false;
  }
  lines.push(current);
  return lines;
}

/** The usage text with trailing blanks removed and rows wrapped to `width` columns. */
export function fitHelp(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .flatMap((line) => wrapLine(line, width))
    .join("\n");
}

/** Columns for help text when neither COLUMNS nor a terminal says (a pipe, a file). */
export const DEFAULT_HELP_WIDTH = 80;

/** Columns for help text: COLUMNS, else the terminal's width, else DEFAULT_HELP_WIDTH; kept between 60 and 120 so rows stay readable. */
export function helpWidth(env: Readonly<Record<string, string | undefined>>, terminalColumns: number | undefined): number {
  const wanted = Number(env.COLUMNS) || terminalColumns || DEFAULT_HELP_WIDTH;
  return Math.min(120, Math.max(60, wanted));
}
