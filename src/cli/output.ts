/**
 * Where Jaunt writes: results to stdout, progress and logs to stderr
 * (so `jaunt status --json | jq` stays clean). Colors follow NO_COLOR /
 * FORCE_COLOR and whether the stream is a terminal.
 *
 * Writes go through `console.log` / `console.error`, not `process.stdout`:
 * in a compiled binary the first touch of `process.stdout` costs ~20 ms of
 * startup, and console output to a closed pipe (`jaunt status | head -1`)
 * ends the process quietly instead of throwing EPIPE. Terminal detection is
 * in terminal.ts.
 */
import { createConsola, type ConsolaInstance, type LogObject } from "consola/core";
import { colorEnabled, isTerminal } from "./terminal.ts";
import { debugFromEnv } from "./verbosity.ts";

export { colorEnabled, stderrIsInteractive, stdoutColumns, stdoutIsInteractive } from "./terminal.ts";

/** Wrap `text` in an SGR color code when stderr wants colors. */
export function paint(code: string, text: string): string {
  return colorEnabled() ? `\u001b[${code}m${text}\u001b[0m` : text;
}

const LABELS: Readonly<Record<string, readonly [label: string, color: string]>> = {
  fatal: ["error", "31;1"],
  error: ["error", "31;1"],
  warn: ["warning", "33;1"],
  success: ["ok", "32"],
  debug: ["debug", "2"],
  trace: ["trace", "2"],
};

/** One line per log entry on stderr: `warning: …`, matching the error reporter's `error: …`. */
function reportEntry(entry: LogObject): void {
  const text = entry.args.map((arg) => (typeof arg === "string" ? arg : Bun.inspect(arg))).join(" ");
  const label = LABELS[entry.type];
  writeProgress(label ? `${paint(label[1], label[0])}: ${text}` : text);
}

let sharedLogger: ConsolaInstance | undefined;

/** The progress/log channel (stderr). */
export function logger(): ConsolaInstance {
  sharedLogger ??= createConsola({
    level: debugFromEnv() ? 4 : 3,
    reporters: [{ log: reportEntry }],
  });
  return sharedLogger;
}

function withoutFinalNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** Write a result to stdout (newline-terminated; colors dropped unless stdout wants them). */
export function writeResult(text: string): void {
  const plain = colorEnabled("stdout") ? text : Bun.stripANSI(text);
  console.log(withoutFinalNewline(plain));
}

/** Write a JSON document to stdout, pretty-printed and newline-terminated. */
export function writeJson(value: unknown): void {
  writeResult(JSON.stringify(value, null, 2));
}

/**
 * Bun paints all `console.error` output red when stderr is a terminal (and
 * NO_COLOR is unset): a summary like "build ok: …" came out red. Text for a
 * terminal starts with "default foreground" (SGR 39), which ends that red;
 * our own colors still apply after it.
 */
export function progressText(text: string, terminal: boolean, env: Readonly<Record<string, string | undefined>>): string {
  const line = withoutFinalNewline(text);
  return terminal && !env.NO_COLOR ? `\u001b[39m${line}` : line;
}

/** Write one plain progress line to stderr (no log-level prefix). */
export function writeProgress(text: string): void {
  console.error(progressText(text, isTerminal(2), process.env));
}
