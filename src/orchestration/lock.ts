/**
 * The build lock, `.jaunt/build.lock`: one build or test run per project at a
 * time. Created exclusively (`wx`), holding who owns it; a lock left by a dead
 * process on this host is recovered with a warning. Released on return, on
 * error, and — through a process `exit` hook — when the process exits on a
 * signal path.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JauntError } from "@jaunt/runtime";

export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** ISO time the lock was taken. */
  readonly startedAt: string;
  readonly command: string;
}

export interface BuildLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Set when a stale lock was recovered. */
  readonly warning: string | undefined;
  /** Remove the lock if it is still ours; safe to call twice. */
  release(): void;
}

/** A lock file whose content cannot be read is stale after this long (a writer died mid-write). */
const UNREADABLE_STALE_MS = 10_000;

const held = new Set<BuildLock>();
let exitHookInstalled = false;

/** Where the lock of a project lives. */
export function lockPath(root: string): string {
  return path.join(root, ".jaunt", "build.lock");
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return undefined;
    const field = (key: string): unknown => Reflect.get(value, key);
    const pid = field("pid");
    const hostname = field("hostname");
    if (typeof pid !== "number" || typeof hostname !== "string") return undefined;
    return { pid, hostname, startedAt: String(field("startedAt") ?? ""), command: String(field("command") ?? "") };
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/** Why the existing lock may be taken over, or undefined when its owner may still be running. */
function staleReason(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return "it vanished";
  }
  const owner = parseOwner(text);
  if (!owner) {
    const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return Date.now() - modified > UNREADABLE_STALE_MS ? "its content was unreadable" : undefined;
  }
  if (owner.hostname !== os.hostname()) return undefined;
  if (owner.pid === process.pid) return undefined;
  return processAlive(owner.pid) ? undefined : `process ${owner.pid} is no longer running`;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return parseOwner(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function lockedError(file: string): JauntError {
  const owner = readOwner(file);
  const who = owner
    ? `${owner.command || "jaunt"} (pid ${owner.pid} on ${owner.hostname}, started ${owner.startedAt})`
    : "another process";
  return new JauntError(`another Jaunt run holds the build lock: ${who}; lock file ${file}`, "build.locked", 2, {
    hint: "wait for it to finish; if no Jaunt process is running, delete the lock file",
  });
}

/** Release every lock this process holds (sync; for exit and forced-abort paths). */
export function releaseAllLocks(): void {
  for (const lock of [...held]) lock.release();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", releaseAllLocks);
}

/** Take the project's build lock or throw `build.locked` (exit 2). */
export function acquireBuildLock(root: string, command: string): BuildLock {
  const file = lockPath(root);
  mkdirSync(path.dirname(file), { recursive: true });
  const owner: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), command };
  let warning: string | undefined;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (error) {
      if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
      const reason = staleReason(file);
      if (reason === undefined || attempt > 0) throw lockedError(file);
      warning = `recovered a stale build lock (${reason}): ${file}`;
      unlinkSync(file);
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(owner)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const lock: BuildLock = {
      file,
      owner,
      warning,
      release() {
        held.delete(lock);
        const current = readOwner(file);
        // Only remove our own lock, never one a later run took over.
        if (current?.pid === owner.pid && current.startedAt === owner.startedAt) {
          try {
            unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        }
      },
    };
    held.add(lock);
    installExitHook();
    return lock;
  }
  throw lockedError(file);
}
