/**
 * Errors bun prints outside any test: a file that throws or fails to resolve
 * an import while loading (it is then absent from the JUnit report), or an
 * error thrown between tests. Bun prints each under its file's header line
 * (`tests/__generated__/x.test.ts:`) as
 *
 *     # Unhandled error between tests
 *     -------------------------------
 *     error: Cannot find module './missing' from '…/x.test.ts'
 *     -------------------------------
 *
 * (measured with Bun 1.4.5). This reads them back from bun's stderr.
 */

/** One error bun printed between tests, under the header of `file` (project-relative, as given to bun). */
export interface ConsoleError {
  readonly file: string;
  readonly text: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const RULE = /^-{5,}\s*$/;
const TEXT_LIMIT = 4000;

/** Errors between tests in bun's console output `stderr`, for the test `files` the run was given. */
export function consoleErrors(stderr: string, files: readonly string[]): ConsoleError[] {
  const headers = new Map(files.map((file) => [`${file}:`, file]));
  const errors: ConsoleError[] = [];
  const lines = stderr.replace(ANSI, "").split(/\r?\n/);
  let current: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const header = headers.get(line.trim());
    if (header !== undefined) {
      current = header;
      continue;
    }
    if (line.trim() !== "# Unhandled error between tests" || current === undefined) continue;
    let start = i + 1;
    if (RULE.test(lines[start] ?? "")) start += 1;
    let end = start;
    while (end < lines.length && !RULE.test(lines[end] ?? "")) end += 1;
    const text = lines.slice(start, end).join("\n").trim();
    errors.push({ file: current, text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)} … (cut)` : text });
    i = end;
  }
  return errors;
}

/** The error's own line (`error: Cannot find module …`), for one-line summaries; else its first line. */
export function errorLine(text: string): string {
  const lines = text.split("\n").map((line) => line.trim());
  return lines.find((line) => /^(error|\w*Error):/.test(line)) ?? lines.find((line) => line !== "") ?? text;
}
