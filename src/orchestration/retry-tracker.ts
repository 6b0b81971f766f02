/**
 * Which in-flight modules are retrying a provider request, for the live status
 * line: waiting out the backoff (`retrying src/x in 4 s: …`), then with the
 * retried request running (`src/x: retry 2 of 4 running …`) until the module
 * makes another attempt or finishes.
 */
import type { GenerationEvent } from "../generation/types.ts";

export type RetryEvent = Extract<GenerationEvent, { type: "provider_retry" }>;

export interface RetryState extends RetryEvent {
  /** True during the backoff wait; false once the retried request is on its way. */
  readonly waiting: boolean;
}

export interface RetryTracker {
  /** Follow a generation event; true when the tracked states changed. */
  observe(event: GenerationEvent): boolean;
  /** Forget `module` (it finished); true when it was tracked. */
  forget(module: string): boolean;
  /** Current states, oldest first. */
  states(): RetryState[];
  /** Stop the timers. */
  dispose(): void;
}

/** `onChange` runs when a wait ends (the retried request starts). */
export function createRetryTracker(onChange: () => void): RetryTracker {
  const states = new Map<string, RetryState>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const forget = (module: string): boolean => {
    clearTimeout(timers.get(module));
    timers.delete(module);
    return states.delete(module);
  };
  return {
    observe(event) {
      if (event.type === "provider_retry") {
        forget(event.module);
        states.set(event.module, { ...event, waiting: true });
        const timer = setTimeout(() => {
          timers.delete(event.module);
          states.set(event.module, { ...event, waiting: false });
          onChange();
        }, event.delayMs);
        timers.set(event.module, timer);
        return true;
      }
      return event.type === "attempt" || event.type === "done" ? forget(event.module) : false;
    },
    forget,
    states: () => [...states.values()],
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
