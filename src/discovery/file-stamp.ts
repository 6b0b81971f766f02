/**
 * File stamps: the stat-based fast path of the parse cache, as git's index
 * does it. A cached parse is reused without reading the file when its size,
 * mtime, ctime and inode all match the stamp recorded when it was read —
 * unless the entry is "racy": its file changed too close to the moment the
 * cache was written, so a later edit within the same timestamp tick could
 * have left the stamp unchanged. Racy entries are verified by content hash.
 * Stamps only decide whether a cached parse may be reused; digests are still
 * derived from the content that parse was made from, never from timestamps.
 */
import { type Stats, statSync } from "node:fs";

export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  /** Changes on every write and every utimes() call, so restoring an mtime by hand is still seen. */
  readonly ctimeMs: number;
  readonly ino: number;
}

/** How much newer than the cache write a file may be before its stamp is not trusted (covers coarse 2 s timestamps). */
export const RACY_MARGIN_MS = 2000;

function fromStat(stat: Stats): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
}

/** The stamp of `file`, or undefined when it cannot be stat'ed (the read that follows reports why). */
export function stampOf(file: string): FileStamp | undefined {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? fromStat(stat) : undefined;
}

/** The stamp of absolute path `full` when it is a file; null when absent or not a file (what the status memo records). */
export function fileStampOf(full: string): FileStamp | null {
  const stat = statSync(full, { throwIfNoEntry: false });
  return stat?.isFile() ? fromStat(stat) : null;
}

export function isFileStamp(value: unknown): value is FileStamp {
  if (typeof value !== "object" || value === null) return false;
  const fields: Record<string, unknown> = { ...value };
  return typeof fields.size === "number" && typeof fields.mtimeMs === "number" &&
    typeof fields.ctimeMs === "number" && typeof fields.ino === "number";
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** True when a file stamped `stamp` changed within RACY_MARGIN_MS of `reference` (or after it). */
export function isRacy(stamp: FileStamp, reference: number): boolean {
  return Math.max(stamp.mtimeMs, stamp.ctimeMs) >= reference - RACY_MARGIN_MS;
}

/**
 * True when `current` proves the file is unchanged since `recorded` was
 * taken, for a cache written at `writtenAt` (ms since the epoch).
 */
export function stampProvesUnchanged(recorded: FileStamp, current: FileStamp, writtenAt: number): boolean {
  return sameStamp(recorded, current) && !isRacy(recorded, writtenAt);
}

/** Delete the entries of a file-keyed cache whose file is not in `present`; true when any went. */
export function dropMissing(entries: Map<string, unknown>, present: ReadonlySet<string>): boolean {
  let dropped = false;
  for (const key of entries.keys()) {
    if (!present.has(key)) {
      entries.delete(key);
      dropped = true;
    }
  }
  return dropped;
}
