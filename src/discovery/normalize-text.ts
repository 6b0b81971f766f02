/**
 * Formatting-insensitive form of spec text, used for recorded texts and
 * digests: CRLF → LF, no trailing whitespace on lines, no leading or trailing
 * blank lines. (Separate from the parser so digests never load TypeScript.)
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/^\n+/, "")
    .replace(/\n+$/, "");
}
