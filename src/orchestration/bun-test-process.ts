/**
 * One `bun test` process under a time limit. Its stderr (where bun reports
 * each file as it starts: a line `tests/__generated__/x.test.ts:`) is passed
 * through to ours as it comes and read on the way, so on expiry Jaunt can
 * name the file still running and those not started. On expiry, on Ctrl-C
 * that `bun test` did not obey, and after it exits, its whole process tree is
 * stopped (process-tree.ts): nothing it started is left behind.
 */
import { forgetTree, signalTree, trackTree } from "./process-tree.ts";

export interface BunTestProcessOptions {
  readonly cwd: string;
  /** Full argv (`[bun, "test", …]`). */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Project-relative test files, as bun prints them. */
  readonly files: readonly string[];
  readonly output: "stdout" | "stderr";
  /** Time limit on the whole run, in seconds. */
  readonly timeoutSeconds: number;
  readonly signal?: AbortSignal;
  /** Told each line of bun's stderr as it passes through (after the file tracking above). */
  readonly onLine?: (line: string) => void;
}

export interface BunTestOutcome {
  /** bun's exit code (a signal's 128+n when it was stopped). */
  readonly exitCode: number;
  /** Set when the time limit stopped the run. */
  readonly timedOut?: { readonly seconds: number; readonly running: readonly string[]; readonly notStarted: readonly string[] };
}

/** Grace between SIGTERM and SIGKILL, ms. */
const GRACE_MS = 2_000;
/** setTimeout fires at once for longer delays (a signed 32-bit count of ms, ~24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const ANSI = /\x1b\[[0-9;]*m/g;

export async function runBunTestProcess(options: BunTestProcessOptions): Promise<BunTestOutcome> {
  const posix = process.platform !== "win32";
  const colour = process.stderr.isTTY === true && !process.env.NO_COLOR;
  const child = Bun.spawn([...options.argv], {
    cwd: options.cwd,
    env: colour ? { FORCE_COLOR: "1", ...options.env } : options.env,
    stdin: "inherit",
    stdout: options.output === "stdout" ? "inherit" : 2,
    stderr: "pipe",
    // Its own process group, so the limit can stop everything the tests started.
    detached: posix,
  });
  trackTree(child.pid);
  const started: string[] = [];
  const known = new Map(options.files.map((file) => [file.split("\\").join("/"), file]));
  const relay = relayStderr(child.stderr, (line) => {
    const file = known.get(line.replace(ANSI, "").trim().replace(/:$/, "").split("\\").join("/"));
    if (file !== undefined && !started.includes(file)) started.push(file);
    options.onLine?.(line);
  });
  let timedOut = false;
  let escalate: ReturnType<typeof setTimeout> | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    signalTree(child.pid, signal);
    escalate ??= setTimeout(() => signalTree(child.pid, "SIGKILL"), GRACE_MS);
  };
  const limit = setTimeout(() => {
    timedOut = true;
    stop("SIGTERM");
  }, Math.min(options.timeoutSeconds * 1000, MAX_TIMER_MS));
  // Ctrl-C reaches Jaunt's process group, not bun's: forward it.
  const forward = (): void => stop("SIGINT");
  options.signal?.addEventListener("abort", forward, { once: true });
  try {
    const exitCode = await child.exited;
    // Whatever the tests started and left running goes with the run (and stops holding bun's stderr open).
    if (posix) signalTree(child.pid, "SIGKILL");
    await Promise.race([relay, Bun.sleep(GRACE_MS)]);
    if (!timedOut) return { exitCode };
    const running = started.slice(-1);
    return { exitCode, timedOut: { seconds: options.timeoutSeconds, running, notStarted: options.files.filter((f) => !started.includes(f)) } };
  } finally {
    clearTimeout(limit);
    clearTimeout(escalate);
    options.signal?.removeEventListener("abort", forward);
    forgetTree(child.pid);
  }
}

/** Copy `stream` to our stderr chunk by chunk, telling `onLine` each complete line. */
async function relayStderr(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    process.stderr.write(chunk);
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  }
  if (pending !== "") onLine(pending);
}
