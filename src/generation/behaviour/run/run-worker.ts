/**
 * Run one script in a Bun Worker isolated from Jaunt's own code: its own
 * global, module registry and resolver hooks, its own environment (`env`
 * replaces `process.env` in the Worker — without Jaunt's secrets), a time
 * limit after which it is terminated (a synchronous loop included), and
 * `process.exit` ending only the Worker.
 *
 * Starting a Worker (a new global, the entry's builtins) is a fixed ~7–12 ms
 * of CPU per run. One spare Worker is started after each run, while Jaunt
 * waits for the next answer, so the next run finds it ready; the script
 * loads nothing of the project until its start message (`message`) comes,
 * and a Worker serves one run only — no module cache is shared between runs.
 */

export interface WorkerRun {
  /** The script: an absolute path or a `blob:` URL (a compiled jaunt has no source tree). */
  readonly script: string;
  /** The Worker's whole environment (fixed at its start, so a spare is kept per script and environment). */
  readonly env: Readonly<Record<string, string>>;
  /** Posted to the Worker when its run starts; the Worker posts `"done"` when it has finished. */
  readonly message: unknown;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface WorkerResult {
  readonly timedOut: boolean;
  /** The Worker's exit code (0 after `"done"`); undefined when it was terminated. */
  readonly exitCode: number | undefined;
  /** An uncaught error's message, when the Worker died of one. */
  readonly error?: string;
}

interface Started {
  readonly key: string;
  readonly worker: Worker;
  /** Set when the Worker closes or errors before (or while) it runs. */
  closed?: number | undefined;
  error?: string;
  /** Called on the Worker's end; replaced when the run takes the Worker. */
  onEnd: () => void;
  onDone: () => void;
}

let spare: Started | undefined;

function start(script: string, env: Readonly<Record<string, string>>, key: string): Started {
  const worker = new Worker(script, { env: { ...env } });
  const started: Started = { key, worker, onEnd: () => undefined, onDone: () => undefined };
  worker.addEventListener("error", (event) => {
    started.error = event.message;
    event.preventDefault();
  });
  worker.addEventListener("close", (event) => {
    started.closed = "code" in event && typeof event.code === "number" ? event.code : -1;
    started.onEnd();
  });
  worker.addEventListener("message", (event) => {
    if (event.data === "done") started.onDone();
  });
  return started;
}

/** A ready Worker for `script` and `env`: the spare when it matches and is alive, else a new one. */
function take(script: string, env: Readonly<Record<string, string>>): Started {
  const key = `${script}\u0000${JSON.stringify(env)}`;
  const ready = spare;
  spare = undefined;
  if (ready && ready.key === key && ready.closed === undefined) {
    ready.worker.ref();
    return ready;
  }
  ready?.worker.terminate();
  return start(script, env, key);
}

/** Start the next run's Worker once this run has ended (off the run's critical path); it does not keep Jaunt alive. */
function prepareSpare(script: string, env: Readonly<Record<string, string>>): void {
  setTimeout(() => {
    if (spare) return;
    spare = start(script, env, `${script}\u0000${JSON.stringify(env)}`);
    spare.worker.unref();
  }, 0).unref();
}

/** Run `run.script` to its `"done"`, its exit, an uncaught error or the time limit. An abort terminates it and rejects with the reason. */
export function runWorker(run: WorkerRun): Promise<WorkerResult> {
  return new Promise<WorkerResult>((resolve, reject) => {
    const started = take(run.script, run.env);
    const { worker } = started;
    let settled = false;
    const finish = (result: WorkerResult | undefined, failure?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener("abort", onAbort);
      worker.terminate();
      if (!run.signal?.aborted) prepareSpare(run.script, run.env);
      if (result === undefined || failure !== undefined) reject(failure);
      else resolve(result);
    };
    const onAbort = (): void => finish(undefined, run.signal?.reason);
    const timer = setTimeout(() => finish({ timedOut: true, exitCode: undefined }), run.timeoutMs);
    run.signal?.addEventListener("abort", onAbort, { once: true });
    started.onDone = () => finish({ timedOut: false, exitCode: 0 });
    started.onEnd = () => finish({ timedOut: false, exitCode: started.closed === -1 ? undefined : started.closed, ...(started.error ? { error: started.error } : {}) });
    if (run.signal?.aborted) onAbort();
    else worker.postMessage(run.message);
  });
}
