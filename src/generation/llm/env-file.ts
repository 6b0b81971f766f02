/**
 * Minimal `.env` reader for the project root: `KEY=VALUE`, optional `export `,
 * single/double quotes (double quotes understand \n \t \" \\), `#` comments
 * (whole-line, or after whitespace in an unquoted value). Values are secrets:
 * callers must never log, prompt, cache or echo them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/;

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const m = LINE.exec(line);
    if (!m || !m[1]) continue;
    out[m[1]] = unquote(m[2] ?? "");
  }
  return out;
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

/** `<root>/.env` parsed (empty when absent or unreadable). */
export function readProjectEnv(root: string): Record<string, string> {
  try {
    return parseEnvFile(readFileSync(path.join(root, ".env"), "utf8"));
  } catch {
    return {};
  }
}

/** The process environment wins over `.env`. */
export function mergedEnv(root: string, processEnv: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  // An empty variable counts as unset, so `KEY= jaunt build` falls back to .env rather than to no key.
  return { ...readProjectEnv(root), ...Object.fromEntries(Object.entries(processEnv).filter(([, v]) => v !== undefined && v !== "")) };
}
