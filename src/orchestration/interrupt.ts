/**
 * Ctrl-C during a build. The first SIGINT aborts `signal`: the scheduler
 * starts nothing new, in-flight generations are abandoned, writes already
 * under way finish (they are synchronous and atomic), the lock is released
 * and the command exits 130. A second SIGINT (or SIGTERM) releases the locks
 * and kills a running `bun test` tree at once, and re-raises the signal with the default handler, so the process
 * dies the way a shell expects (status 130 / 143).
 */
import { releaseAllLocks } from "./lock.ts";
import { killAllTrees } from "./process-tree.ts";

export interface InterruptHandler {
  /** Aborted on the first SIGINT. */
  readonly signal: AbortSignal;
  /** Remove the signal listeners. */
  dispose(): void;
}

export interface InterruptOptions {
  /** Told once, on the first SIGINT (e.g. to log what happens next). */
  readonly onFirst?: () => void;
}

/** Install the two-stage Ctrl-C behaviour for the duration of a build or test run. */
export function handleInterrupts(options: InterruptOptions = {}): InterruptHandler {
  const controller = new AbortController();
  const force = (signal: NodeJS.Signals): void => {
    dispose();
    releaseAllLocks();
    killAllTrees(); // a running `bun test` is in its own process group: it would outlive us
    process.kill(process.pid, signal);
  };
  const onSigint = (): void => {
    if (controller.signal.aborted) {
      force("SIGINT");
      return;
    }
    controller.abort();
    options.onFirst?.();
  };
  const onSigterm = (): void => force("SIGTERM");
  function dispose(): void {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigterm);
  }
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigterm);
  return { signal: controller.signal, dispose };
}
