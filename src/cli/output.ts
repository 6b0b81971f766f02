/**
 * Where Jaunt writes: results to stdout, progress and logs to stderr
 * (so `jaunt status --json | jq` stays clean). Colors follow NO_COLOR /
 * FORCE_COLOR and whether stderr is a terminal.
 */
import { createConsola, type ConsolaInstance } from "consola";

/** True when fancy output (colors, live progress) suits stderr. */
export function stderrIsInteractive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI && process.env.TERM !== "dumb";
}

/** Whether to color text bound for stderr (or stdout, when `stream` says so). */
export function colorEnabled(stream: "stderr" | "stdout" = "stderr"): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  if (stream === "stdout") return Boolean(process.stdout.isTTY) && !process.env.CI && process.env.TERM !== "dumb";
  return stderrIsInteractive();
}

let sharedLogger: ConsolaInstance | undefined;

/** The progress/log channel (stderr). */
export function logger(): ConsolaInstance {
  sharedLogger ??= createConsola({
    stdout: process.stderr,
    stderr: process.stderr,
    fancy: colorEnabled(),
    formatOptions: { colors: colorEnabled(), date: false },
  });
  return sharedLogger;
}

/** Write a result to stdout (a newline is added when missing; colors dropped unless stdout wants them). */
export function writeResult(text: string): void {
  const plain = colorEnabled("stdout") ? text : Bun.stripANSI(text);
  process.stdout.write(plain.endsWith("\n") ? plain : `${plain}\n`);
}

/** Write a JSON document to stdout, pretty-printed and newline-terminated. */
export function writeJson(value: unknown): void {
  writeResult(JSON.stringify(value, null, 2));
}

/** Write one plain progress line to stderr (no log-level prefix). */
export function writeProgress(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}
