/**
 * Cache of generated-file header reads, `.jaunt/cache/headers.json`: each
 * file's parsed header with the stamp (size, mtime, ctime, inode) the file
 * had when it was read. A header is reused only while the stamp is unchanged
 * and not racy (file-stamp.ts), exactly like the parse cache's fast path; the
 * header itself always comes from the file's content. `jaunt build` replaces
 * generated files by rename, which changes the inode, so a rewrite is never
 * missed. The overwrite guard does not use this cache: it always reads.
 */
import path from "node:path";
import { writeCacheFileAtomic } from "../generated/atomic-write.ts";
import { dropMissing, type FileStamp, isFileStamp, isRacy, sameStamp, stampProvesUnchanged } from "../discovery/file-stamp.ts";
import type { HeaderRead } from "../generated/read-header.ts";
import { VERSION } from "../version.ts";
import { isRecord } from "../support/is-record.ts";
import { readJsonFile } from "../support/json.ts";

const CACHE_FORMAT = 1;

export const HEADER_CACHE_PATH = ".jaunt/cache/headers.json";

interface HeaderEntry {
  readonly stamp: FileStamp;
  readonly header: HeaderRead;
}

/** Shape check of a stored header read: enough to reject foreign or truncated data. */
function isHeaderRead(value: unknown): value is HeaderRead {
  if (!isRecord(value)) return false;
  if (value.status === "missing" || value.status === "absent") return true;
  if (value.status === "malformed") return typeof value.line === "number" && typeof value.reason === "string";
  if (value.status !== "ok" || typeof value.bodyStart !== "number" || !isRecord(value.header)) return false;
  const h = value.header;
  return typeof h.toolVersion === "string" && (h.kind === "build" || h.kind === "test") && typeof h.sourceModule === "string" &&
    typeof h.moduleDigest === "string" && Array.isArray(h.specRefs) && h.specRefs.every((r) => typeof r === "string");
}

function isHeaderEntry(value: unknown): value is HeaderEntry {
  return isRecord(value) && isFileStamp(value.stamp) && isHeaderRead(value.header);
}

export class HeaderCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, HeaderEntry>,
    private readonly writtenAt: number,
  ) {}

  /** Load the cache of `root`; an unreadable or invalid file gives an empty cache. Synchronous: it is small. */
  static load(root: string): HeaderCache {
    const file = path.join(root, HEADER_CACHE_PATH);
    const entries = new Map<string, HeaderEntry>();
    let writtenAt = 0;
    // Missing or corrupt: start empty; the next save replaces it.
    const parsed = readJsonFile(file);
    if (isRecord(parsed) && parsed.format === CACHE_FORMAT && parsed.toolVersion === VERSION && typeof parsed.writtenAt === "number" && isRecord(parsed.entries)) {
      writtenAt = parsed.writtenAt;
      for (const [key, value] of Object.entries(parsed.entries)) if (isHeaderEntry(value)) entries.set(key, value);
    }
    return new HeaderCache(file, entries, writtenAt);
  }

  /** The cached header of project-relative `file` when `stamp` proves the file unchanged. */
  get(file: string, stamp: FileStamp): HeaderRead | undefined {
    const entry = this.entries.get(file);
    return entry && stampProvesUnchanged(entry.stamp, stamp, this.writtenAt) ? entry.header : undefined;
  }

  /** Record a header just read from `file`, stamped before the read. */
  set(file: string, stamp: FileStamp, header: HeaderRead): void {
    const entry = this.entries.get(file);
    const same = entry !== undefined && sameStamp(entry.stamp, stamp) && JSON.stringify(entry.header) === JSON.stringify(header);
    this.entries.set(file, { stamp, header });
    // Rewrite when something changed, or when a racy entry has aged enough to be trusted after a rewrite now.
    if (!same || (isRacy(stamp, this.writtenAt) && !isRacy(stamp, Date.now()))) this.dirty = true;
  }

  /** Drop entries of files no longer present. */
  retain(files: ReadonlySet<string>): void {
    if (dropMissing(this.entries, files)) this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    const document = { format: CACHE_FORMAT, toolVersion: VERSION, writtenAt: Date.now(), entries: Object.fromEntries(this.entries) };
    if (await writeCacheFileAtomic(this.file, JSON.stringify(document))) this.dirty = false;
  }
}
