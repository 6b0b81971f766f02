/**
 * Atomic file writes (DESIGN §5 step 8): a reader, a crash or a concurrent
 * writer sees either the old file or the new one, never a torn mix. The new
 * content goes to a temp file in the same folder (so `rename` stays on one
 * filesystem and is atomic), is fsynced, then renamed over the target.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { isNotFound } from "./read-header.ts";

/** `.<base>.<pid>.<hex>.tmp`: hidden, and tells which process left it behind. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

export interface AtomicWriteOptions {
  /**
   * fsync the file and its folder before returning (default true): a crash
   * right after still finds the new content. Caches that can be rebuilt skip it.
   */
  readonly durable?: boolean;
}

/**
 * Write `content` (a string as UTF-8, or bytes, or byte chunks concatenated)
 * to `target` atomically, creating missing folders. Leaves no temp file behind.
 */
export async function writeFileAtomic(
  target: string,
  content: string | Uint8Array | readonly Uint8Array[],
  options: AtomicWriteOptions = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, "wx", 0o644);
    try {
      if (typeof content === "string") await handle.writeFile(content, "utf8");
      else if (content instanceof Uint8Array) await handle.writeFile(content);
      else for (const chunk of content) await handle.write(chunk);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (durable) await syncDirectory(dir);
}

/**
 * `writeFileAtomic` for optional caches: not fsynced, and a failure (read-only
 * checkout, full disk) is reported as `false`, never thrown.
 */
export async function writeCacheFileAtomic(target: string, content: string | Uint8Array | readonly Uint8Array[]): Promise<boolean> {
  try {
    await writeFileAtomic(target, content, { durable: false });
    return true;
  } catch {
    return false;
  }
}

/** Persist the rename itself; not every platform can fsync a folder, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some filesystems refuse; the data itself is already synced.
  }
}

function isLiveOtherProcess(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/**
 * Delete temp files a killed write left in `dir` (not recursive). Temp files
 * of processes still running (this one included) may be in use and are kept.
 * @returns the paths removed.
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || isLiveOtherProcess(Number(match[1]))) continue;
    const file = path.join(dir, name);
    try {
      await unlink(file);
      removed.push(file);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return removed;
}
