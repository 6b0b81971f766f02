/** Adds an entry to a .gitignore text unless an equivalent line is already there. */

/** Lines that ignore the same folder as `entry` (`.jaunt/` ≈ `.jaunt` ≈ `/.jaunt/`). */
function equivalentLines(entry: string): Set<string> {
  const bare = entry.replace(/^\/+|\/+$/g, "");
  return new Set([bare, `${bare}/`, `/${bare}`, `/${bare}/`]);
}

/** The .gitignore text with `entry` added, or undefined when it is already ignored. */
export function ensureIgnored(text: string, entry: string): string | undefined {
  const wanted = equivalentLines(entry);
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines.some((line) => wanted.has(line))) return undefined;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const separator = text === "" || text.endsWith("\n") ? "" : eol;
  return `${text}${separator}${entry}${eol}`;
}
