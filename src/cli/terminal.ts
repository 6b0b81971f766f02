/**
 * Whether stdout/stderr are terminals, their width and whether to color them —
 * without loading `node:tty`: in a compiled binary it brings Node's stream
 * machinery (measured: a hello-world that asks `node:tty` starts ~1.4–1.6×
 * slower), and touching `process.stdout` costs as much, which is why the
 * width is read from it only on a terminal.
 */
const terminals = new Map<number, boolean>();

/**
 * isatty(fd) from Bun's native tty binding (no module to load), or undefined
 * when this Bun has none: then `node:tty` answers.
 */
function nativeIsatty(fd: number): boolean | undefined {
  try {
    const binding: unknown = process.binding("tty_wrap");
    const isTTY = typeof binding === "object" && binding !== null && "isTTY" in binding ? binding.isTTY : undefined;
    const answer: unknown = typeof isTTY === "function" ? isTTY(fd) : undefined;
    return typeof answer === "boolean" ? answer : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `fd` is a terminal (CI and TERM=dumb count as not). */
export function isTerminal(fd: 1 | 2): boolean {
  if (process.env.CI || process.env.TERM === "dumb") return false;
  let known = terminals.get(fd);
  if (known === undefined) {
    known = nativeIsatty(fd);
    if (known === undefined) {
      const tty: typeof import("node:tty") = require("node:tty");
      known = tty.isatty(fd);
    }
    terminals.set(fd, known);
  }
  return known;
}

/** True when fancy output (colors, live progress) suits stderr. */
export function stderrIsInteractive(): boolean {
  return isTerminal(2);
}

/** True when stdout is a terminal (so it shares a screen with stderr when that is one too). */
export function stdoutIsInteractive(): boolean {
  return isTerminal(1);
}

/** The width of the terminal stdout writes to; undefined when it is not one (a pipe, a file). */
export function stdoutColumns(): number | undefined {
  return isTerminal(1) ? process.stdout.columns : undefined;
}

/** Whether to color text bound for stderr (or stdout, when `stream` says so). */
export function colorEnabled(stream: "stderr" | "stdout" = "stderr"): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return isTerminal(stream === "stdout" ? 1 : 2);
}
