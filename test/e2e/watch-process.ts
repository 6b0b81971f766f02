/** A `jaunt watch --json` process for end-to-end tests: its events as they arrive, and a way to wait for one. */
import { MAIN } from "../support/cli.ts";
import { API_KEY_ENV } from "./project.ts";

export interface WatchEventLine {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** A field of a nested event object, read without trusting its shape. */
export function fieldOf(event: WatchEventLine, key: string, field: string): unknown {
  const value = event[key];
  return typeof value === "object" && value !== null && field in value ? Reflect.get(value, field) : undefined;
}

export interface WatchProcess {
  readonly events: WatchEventLine[];
  /** Resolves with the first event at or after index `from` that matches; rejects after `timeoutMs`. */
  waitFor(match: (event: WatchEventLine) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<WatchEventLine>;
  /** Send SIGINT and wait for the exit code. */
  interrupt(): Promise<number>;
  stderr(): Promise<string>;
}

/** `options.binary` runs that executable (the compiled jaunt) instead of the source; `options.env` adds to the environment. */
export function startWatch(
  root: string,
  args: readonly string[] = [],
  options: { readonly binary?: string; readonly env?: Readonly<Record<string, string>> } = {},
): WatchProcess {
  const command = options.binary ? [options.binary] : [process.execPath, MAIN];
  const child = Bun.spawn([...command, "watch", "--json", "--debounce", "50", ...args], {
    cwd: root,
    env: { ...process.env, ...API_KEY_ENV, NO_COLOR: "1", COLUMNS: "100", ...options.env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const events: WatchEventLine[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    let buffer = "";
    const decoder = new TextDecoder();
    for await (const chunk of child.stdout) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline !== -1) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line.startsWith("{")) events.push(JSON.parse(line));
        newline = buffer.indexOf("\n");
      }
      for (const wake of waiters) wake();
    }
  })();
  const stderrText = new Response(child.stderr).text();
  return {
    events,
    waitFor(match, options = {}) {
      const from = options.from ?? 0;
      const timeoutMs = options.timeoutMs ?? 20_000;
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = events.slice(from).find(match);
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`timed out waiting for an event; got: ${events.slice(from).map((e) => e.type).join(", ")}`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    async interrupt() {
      child.kill("SIGINT");
      return await child.exited;
    },
    stderr: () => stderrText,
  };
}
