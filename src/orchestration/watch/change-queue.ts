/**
 * Debounced change collection for `jaunt watch`: files pile up until no new
 * change arrived for `debounceMs`; then the batch is "ready". The loop waits
 * for a ready batch; a cycle in progress is told about it through `onReady`
 * (to cancel work the edit made obsolete). Timers only run while changes are
 * arriving: an idle watch has none.
 */
export class ChangeQueue {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  private waiter: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly debounceMs: number) {}

  /** A relevant file changed. */
  add(file: string): void {
    this.pending.add(file);
    this.arm(this.debounceMs);
  }

  /** Make a batch ready after `ms` even without a change (retry after a busy lock). */
  poke(ms: number): void {
    this.arm(ms);
  }

  private arm(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ready = true;
      this.waiter?.();
      for (const listener of this.listeners) listener();
    }, ms);
  }

  /** Resolves when a batch is ready (at once if one already is) or `signal` aborts. */
  wait(signal: AbortSignal): Promise<void> {
    if (this.ready || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiter = undefined;
        signal.removeEventListener("abort", done);
        resolve();
      };
      this.waiter = done;
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /** Take the ready batch (sorted); the queue is empty and not ready afterwards. */
  take(): string[] {
    this.ready = false;
    const files = [...this.pending].sort();
    this.pending.clear();
    return files;
  }

  /** Called each time a batch becomes ready; returns the unsubscribe function. */
  onReady(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiter?.();
  }
}
