/**
 * Run one Bun process isolated from Jaunt's own (a subprocess: its crashes,
 * hangs, globals and exits cannot reach the build), with a time limit and
 * the overlay preload. Bun is `process.execPath` with `BUN_BE_BUN=1`, so a
 * compiled jaunt runs itself as Bun.
 */

export interface IsolatedRun {
  /** Arguments after `bun`, e.g. `["--preload", p, entry]` or `["test", …]`. */
  readonly args: readonly string[];
  readonly cwd: string;
  /** Complete environment (already without secrets: child-env.ts). */
  readonly env: Readonly<Record<string, string>>;
  /** Wall-clock limit in ms; the process is killed (SIGKILL) past it. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface IsolatedResult {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

const OUTPUT_KEEP = 64_000;

/** Spawn, wait, collect bounded output. An abort kills the process and rejects with the signal's reason. */
export async function runIsolated(run: IsolatedRun): Promise<IsolatedResult> {
  const started = performance.now();
  const child = Bun.spawn([process.execPath, ...run.args], {
    cwd: run.cwd,
    env: { ...run.env, BUN_BE_BUN: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: run.timeoutMs,
    killSignal: "SIGKILL",
    ...(run.signal ? { signal: run.signal } : {}),
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  if (run.signal?.aborted) throw run.signal.reason;
  const elapsedMs = performance.now() - started;
  // Bun reports a timeout kill as the kill signal; the elapsed time tells a timeout from a crash.
  const timedOut = child.signalCode === "SIGKILL" && elapsedMs >= run.timeoutMs - 50;
  return { exitCode, timedOut, stdout: stdout.slice(-OUTPUT_KEEP), stderr: stderr.slice(-OUTPUT_KEEP), elapsedMs };
}
