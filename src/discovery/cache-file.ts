/**
 * The parse cache's file container: a one-line ASCII header, a JSON document
 * of what planning needs (the index), then a region of byte segments (the
 * bulky spec details) that the index points into by offset and length.
 * Opening reads the header and the index only; segments are read later, on
 * demand, through the same open file descriptor — so they always come from
 * the same snapshot as the index, even if another run has replaced the file
 * since (the replacement is a rename; the open descriptor keeps the old file).
 *
 *   JAUNT-PARSE-CACHE/3 <index bytes> <segment bytes>\n<index JSON><segments>
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { writeCacheFileAtomic } from "../generated/atomic-write.ts";

const MAGIC = "JAUNT-PARSE-CACHE/3";
const HEAD_BYTES = 64;
const HEADER = /^JAUNT-PARSE-CACHE\/3 (\d+) (\d+)\n/;

export interface OpenedCacheFile {
  /** The parsed index document (not yet validated). */
  readonly index: unknown;
  /** Bytes `[offset, offset + length)` of the segment region, as UTF-8 text. Throws when out of range. */
  segment(offset: number, length: number): string;
  /**
   * The whole segment region (to copy unchanged segments into a new file).
   * Reading it all also closes the descriptor (later segment reads come from
   * memory), so the file can be replaced even where open files cannot be.
   */
  segments(): Uint8Array;
}

/**
 * An opened cache whose details were never read keeps its descriptor; close
 * it once nothing can read it any more, so repeated planning in one process
 * (a library caller, a test suite) does not pile up open files.
 */
const closeWhenUnreachable = new FinalizationRegistry<{ fd: number; open: boolean }>((handle) => {
  if (handle.open) closeSync(handle.fd);
});

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, buffer, filled, length - filled, position + filled);
    if (read === 0) throw new Error("parse cache file ended early");
    filled += read;
  }
  return buffer;
}

/**
 * Open a cache file and parse its index; undefined when it is missing,
 * foreign, truncated or corrupt (the cache is then simply empty). The
 * descriptor stays open for later segment reads until `segments()` is called.
 */
export function openCacheFile(file: string): OpenedCacheFile | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, Math.min(HEAD_BYTES, size)).toString("latin1");
    const match = HEADER.exec(head);
    if (!match) throw new Error("not a parse cache");
    const headerBytes = match[0].length;
    const indexBytes = Number(match[1]);
    const segmentBytes = Number(match[2]);
    if (headerBytes + indexBytes + segmentBytes !== size) throw new Error("parse cache file has the wrong size");
    const index: unknown = JSON.parse(readAt(fd, headerBytes, indexBytes).toString("utf8"));
    const base = headerBytes + indexBytes;
    let region: Buffer | undefined;
    const handle = { fd, open: true };
    const segments = (): Buffer => {
      if (!region) {
        region = readAt(fd, base, segmentBytes);
        closeSync(fd);
        handle.open = false;
      }
      return region;
    };
    const opened: OpenedCacheFile = {
      index,
      segment(offset, length) {
        if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > segmentBytes) {
          throw new Error("parse cache segment out of range");
        }
        return (region ? region.subarray(offset, offset + length) : readAt(fd, base + offset, length)).toString("utf8");
      },
      segments,
    };
    closeWhenUnreachable.register(opened, handle);
    return opened;
  } catch {
    closeSync(fd);
    return undefined;
  }
}

/** Write a cache file atomically from its index document and segment region; false on failure. */
export function writeCacheFile(file: string, index: unknown, segments: readonly Uint8Array[]): Promise<boolean> {
  const indexBytes = Buffer.from(JSON.stringify(index), "utf8");
  const segmentBytes = segments.reduce((sum, segment) => sum + segment.byteLength, 0);
  const header = Buffer.from(`${MAGIC} ${indexBytes.byteLength} ${segmentBytes}\n`, "latin1");
  return writeCacheFileAtomic(file, [header, indexBytes, ...segments]);
}
