/**
 * Stopping a child and everything it started. On POSIX the child is spawned
 * as the leader of its own process group (`detached`: setsid), so one
 * signal to the group reaches every process the tests started too (unless
 * one made its own session); on Windows `taskkill /T` walks the tree.
 * Groups still running when Jaunt is forced to exit (a second Ctrl-C,
 * SIGTERM, process exit) are killed by `killAllTrees`.
 */
import { spawnSync } from "node:child_process";

const live = new Set<number>();
let exitHookInstalled = false;

/** Remember `pid` (a group leader) until `forgetTree`; installs the exit hook once. */
export function trackTree(pid: number): void {
  live.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", killAllTrees);
}

export function forgetTree(pid: number): void {
  live.delete(pid);
}

/**
 * Send `signal` to the process tree rooted at `pid` (spawned detached).
 * Returns false when nothing was left to signal. Never throws.
 */
export function signalTree(pid: number, signal: NodeJS.Signals): boolean {
  if (process.platform === "win32") {
    return spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" }).status === 0;
  }
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the whole group is gone
  }
}

/** SIGKILL every tracked tree (synchronous: safe in an exit handler). */
export function killAllTrees(): void {
  for (const pid of [...live]) {
    signalTree(pid, "SIGKILL");
    live.delete(pid);
  }
}
