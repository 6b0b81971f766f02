/**
 * Minimal `.env` reader for the project root: `KEY=VALUE` or `KEY: VALUE` (as
 * Bun reads them: a colon only when a blank follows it), optional `export `,
 * single/double quotes (double quotes understand \n \t \" \\), `#` comments
 * (whole-line, or after whitespace in an unquoted value). Values are secrets:
 * callers must never log, prompt, cache or echo them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|:(?=\s))\s*(.*?)\s*$/;

/** A variable of a `.env` file: its value and the 1-based line that set it (the last one, when set twice). */
export interface EnvEntry {
  readonly value: string;
  readonly line: number;
}

/** Each variable of a `.env` text with its line. */
export function parseEnvEntries(text: string): Map<string, EnvEntry> {
  const out = new Map<string, EnvEntry>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*(#|$)/.test(line)) return;
    const m = LINE.exec(line);
    if (!m || !m[1]) return;
    out.set(m[1], { value: unquote(m[2] ?? ""), line: index + 1 });
  });
  return out;
}

export function parseEnvFile(text: string): Record<string, string> {
  return Object.fromEntries([...parseEnvEntries(text)].map(([key, entry]) => [key, entry.value]));
}

function unquote(raw: string): string {
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.length >= 2) {
    const end = raw.indexOf(quote, 1);
    const body = end === -1 ? raw.slice(1) : raw.slice(1, end);
    if (quote === "'") return body;
    return body.replace(/\\([nrt"\\])/g, (_m, c: string) => ({ n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" })[c] ?? c);
  }
  return raw.replace(/\s+#.*$/, "");
}

/** The project's `.env`: `<root>/.env`. */
export function projectEnvFile(root: string): string {
  return path.join(root, ".env");
}

/** `<root>/.env`'s variables with their lines (empty when absent or unreadable). */
export function readProjectEnvEntries(root: string): Map<string, EnvEntry> {
  try {
    return parseEnvEntries(readFileSync(projectEnvFile(root), "utf8"));
  } catch {
    return new Map();
  }
}

/** `<root>/.env` parsed (empty when absent or unreadable). */
export function readProjectEnv(root: string): Record<string, string> {
  return Object.fromEntries([...readProjectEnvEntries(root)].map(([key, entry]) => [key, entry.value]));
}

/** The process environment wins over `.env`. */
export function mergedEnv(root: string, processEnv: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  // An empty variable counts as unset, so `KEY= jaunt build` falls back to .env rather than to no key.
  return { ...readProjectEnv(root), ...Object.fromEntries(Object.entries(processEnv).filter(([, v]) => v !== undefined && v !== "")) };
}
