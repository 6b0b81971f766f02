/** Re-indenting of comment blocks cut out of a file (TypeScript-free: the comment patch uses it too). */
import { normalizeText } from "./normalize-text.ts";

/** Re-indent a block whose first line was cut at its start: later lines keep indentation relative to the least indented. */
export function reindent(text: string, indent: string): string {
  const lines = normalizeText(text).split("\n");
  const rest = lines.slice(1).filter((l) => l.trim() !== "");
  const common = rest.length === 0 ? 0 : Math.min(...rest.map((l) => l.length - l.trimStart().length));
  const shift = Math.max(0, common - (lines[0]?.startsWith("/**") ? 1 : 0));
  return lines.map((line, i) => (i === 0 ? indent + line : line.trim() === "" ? "" : indent + line.slice(Math.min(shift, line.length - line.trimStart().length)))).join("\n");
}
