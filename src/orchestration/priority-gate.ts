/**
 * A counting semaphore whose waiters are served highest priority first (ties:
 * first come). Generation validates candidates through one sized to the
 * cores: validation is CPU work (a `bun check` process, parsing, running
 * examples), so more at once only slows each down — and a module on the
 * critical path should not wait behind one that has slack.
 */
import type { PoolSlot } from "./worker-pool.ts";

/** One task's hold on the gate. */
export interface GateSlot extends PoolSlot {
  /** Give back what the task still holds and leave the queue (the task is over). */
  dispose(): void;
}

interface Waiter {
  readonly priority: number;
  readonly order: number;
  readonly grant: () => void;
}

export class PriorityGate {
  #free: number;
  #order = 0;
  readonly #waiting: Waiter[] = [];

  /** `size` ≥ 1 holders at once. */
  constructor(size: number) {
    this.#free = Math.max(1, Math.floor(size));
  }

  /** A slot for a task of `priority` (higher goes first); not held until `acquire()`. */
  slot(priority: number): GateSlot {
    let held = false;
    let waiter: Waiter | undefined;
    let pending: Promise<void> | undefined;
    const release = (): void => {
      if (!held) return;
      held = false;
      this.#free += 1;
      this.#next();
    };
    return {
      acquire: () => {
        if (held) return Promise.resolve();
        pending ??= new Promise<void>((resolve) => {
          waiter = {
            priority,
            order: this.#order++,
            grant: () => {
              waiter = undefined;
              pending = undefined;
              held = true;
              resolve();
            },
          };
          this.#waiting.push(waiter);
          this.#next();
        });
        return pending;
      },
      release,
      dispose: () => {
        if (waiter) {
          const at = this.#waiting.indexOf(waiter);
          if (at >= 0) this.#waiting.splice(at, 1);
          waiter = undefined;
        }
        release();
      },
    };
  }

  #next(): void {
    while (this.#free > 0 && this.#waiting.length > 0) {
      let best = 0;
      for (let at = 1; at < this.#waiting.length; at += 1) {
        const candidate = this.#waiting[at];
        const incumbent = this.#waiting[best];
        if (candidate && incumbent && (candidate.priority > incumbent.priority || (candidate.priority === incumbent.priority && candidate.order < incumbent.order))) best = at;
      }
      const [chosen] = this.#waiting.splice(best, 1);
      if (!chosen) return;
      this.#free -= 1;
      chosen.grant();
    }
  }
}
