/**
 * Run one script in a Bun Worker isolated from Jaunt's own code: its own
 * global, module registry and resolver hooks, its own environment (`env`
 * replaces `process.env` in the Worker — without Jaunt's secrets), a time
 * limit after which it is terminated (a synchronous loop included), and
 * `process.exit` ending only the Worker. Measured ~90 ms per run where a
 * `bun` subprocess takes ~285 ms on the same loaded machine (bench/behaviour.ts).
 */

export interface WorkerRun {
  /** Absolute path of the script (a real file: a compiled jaunt has no source tree). */
  readonly script: string;
  /** The Worker's whole environment. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface WorkerResult {
  readonly timedOut: boolean;
  /** The Worker's exit code; undefined when it was terminated. */
  readonly exitCode: number | undefined;
  /** An uncaught error's message, when the Worker died of one. */
  readonly error?: string;
}

/** Run `run.script` to its end, its exit, an uncaught error or the time limit. An abort terminates it and rejects with the reason. */
export function runWorker(run: WorkerRun): Promise<WorkerResult> {
  return new Promise<WorkerResult>((resolve, reject) => {
    const worker = new Worker(run.script, { env: { ...run.env } });
    let settled = false;
    let error: string | undefined;
    const finish = (result: WorkerResult | undefined, failure?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener("abort", onAbort);
      if (result === undefined || failure !== undefined) {
        worker.terminate();
        reject(failure);
        return;
      }
      if (result.timedOut) worker.terminate();
      resolve(result);
    };
    const onAbort = (): void => finish(undefined, run.signal?.reason);
    const timer = setTimeout(() => finish({ timedOut: true, exitCode: undefined }), run.timeoutMs);
    run.signal?.addEventListener("abort", onAbort, { once: true });
    worker.addEventListener("error", (event) => {
      error = event.message;
      event.preventDefault();
    });
    worker.addEventListener("close", (event) => {
      const code = "code" in event && typeof event.code === "number" ? event.code : undefined;
      finish({ timedOut: false, exitCode: code, ...(error ? { error } : {}) });
    });
    if (run.signal?.aborted) onAbort();
  });
}
