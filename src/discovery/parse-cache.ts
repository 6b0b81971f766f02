/**
 * On-disk cache of parse results, so planning an unchanged project never
 * loads the TypeScript compiler — and, for files whose stamp (size, mtime,
 * ctime, inode) is unchanged and not racy, never even reads them (see
 * file-stamp.ts). One file, `.jaunt/cache/parse.json` (cache-file.ts): an
 * index mapping each file to its last parse (or to "not worth parsing"), the
 * spec digests of that parse and the file's stamp when it was read, followed
 * by the specs' bulky details (texts, public API…), which are read only when
 * something asks for them (spec-detail.ts) — `jaunt status` never does. A
 * parse is valid while the file's content hash, kind and module name are
 * unchanged. A missing, corrupt or foreign-version cache is ignored (never
 * fatal); writes are atomic (temp file + rename), so concurrent runs at worst
 * overwrite each other's equally valid results.
 */
import path from "node:path";
import { JauntDiscoveryError } from "@jaunt/runtime";
import { type Digest, SPEC_DIGEST_VERSION } from "../graph/digests.ts";
import { VERSION } from "../version.ts";
import { type OpenedCacheFile, openCacheFile, writeCacheFile } from "./cache-file.ts";
import { dropMissing, type FileStamp, isFileStamp, isRacy, sameStamp, stampProvesUnchanged } from "./file-stamp.ts";
import { detailOf, isLightSpec, isSpecDetail, joinSpecs, type LightSpec, lightOf, type SpecDetail } from "./spec-detail.ts";
import type { ModuleInfo } from "./types.ts";
import { type FileLayout, isFileLayout } from "./comment-patch.ts";
import { isRecord } from "../support/is-record.ts";

/** Bump when the shape of an entry or the parser's output changes. */
const CACHE_FORMAT = 8;

export const PARSE_CACHE_PATH = ".jaunt/cache/parse.json";

/** A ModuleInfo as the index stores it: specs without their details. */
export type LightModuleInfo = Omit<ModuleInfo, "specs"> & { readonly specs: readonly LightSpec[] };

/** Where an entry's spec details are: a segment of the loaded file, or the JSON of a fresh parse. */
type DetailSource = { readonly file: OpenedCacheFile; readonly offset: number; readonly length: number } | { readonly json: string };

/** One file's cached result. `info: null` records a file that does not mention the runtime and re-exports nothing. */
export interface CacheEntry {
  readonly stamp: FileStamp;
  readonly info: ModuleInfo | null;
  /** `specDigest` of each of `info.specs`, in the same order (empty for `info: null`). */
  readonly specDigests: readonly Digest[];
  readonly light: LightModuleInfo | null;
  readonly detail: DetailSource;
}

/** What a stamp lookup found: a parse to reuse, a file known not to need parsing, or nothing trustworthy. */
export type StampLookup = { readonly kind: "parsed"; readonly entry: CacheEntry } | { readonly kind: "skip" } | undefined;

function isDigest(value: unknown): value is Digest {
  return typeof value === "string" && value.startsWith("sha256:");
}

/** Cheap structural check: enough to reject truncated or foreign data, not a full schema. */
function isLightModuleInfo(value: unknown, file: string): value is LightModuleInfo {
  return isRecord(value) && value.file === file && typeof value.module === "string" &&
    (value.kind === "build" || value.kind === "test") && typeof value.contentHash === "string" &&
    Array.isArray(value.specs) && value.specs.every(isLightSpec) && Array.isArray(value.imports) &&
    Array.isArray(value.reExports) && Array.isArray(value.exportedNames) && Array.isArray(value.problems) &&
    Array.isArray(value.warnings) && Array.isArray(value.rejected) && isRecord(value.localExports);
}

interface StoredEntry {
  readonly stamp: FileStamp;
  readonly specDigests: readonly Digest[];
  readonly info: LightModuleInfo | null;
  /** `[offset, length]` of the details in the segment region. */
  readonly detail: readonly [number, number];
}

function isStoredEntry(value: unknown, file: string): value is StoredEntry {
  if (!isRecord(value) || !isFileStamp(value.stamp) || !Array.isArray(value.specDigests) || !value.specDigests.every(isDigest)) return false;
  const detail = value.detail;
  if (!Array.isArray(detail) || detail.length !== 2 || !detail.every((n) => Number.isInteger(n) && n >= 0)) return false;
  if (value.info === null) return value.specDigests.length === 0;
  return isLightModuleInfo(value.info, file) && value.info.specs.length === value.specDigests.length;
}

function damaged(file: string): JauntDiscoveryError {
  return new JauntDiscoveryError(`the parse cache ${file} is damaged`, "discovery.cache_damaged", { hint: `delete ${file} (it is rebuilt on the next run)` });
}

/** An entry's bulky part: the specs' details and the file's layout (comment-patch.ts), one JSON object. */
function readDetail(detail: DetailSource): unknown {
  try {
    return JSON.parse("json" in detail ? detail.json : detail.file.segment(detail.offset, detail.length));
  } catch {
    return undefined;
  }
}

function detailJson(specs: readonly SpecDetail[], layout: FileLayout | undefined): string {
  return JSON.stringify({ specs, layout: layout ?? null });
}

/** The full ModuleInfo of a light one; spec details come from `detail` on first access. */
function joinInfo(light: LightModuleInfo, detail: DetailSource, cacheFile: string): ModuleInfo {
  const load = (): readonly SpecDetail[] => {
    const parsed = readDetail(detail);
    const specs = isRecord(parsed) ? parsed.specs : undefined;
    if (!Array.isArray(specs) || specs.length !== light.specs.length || !specs.every(isSpecDetail)) throw damaged(cacheFile);
    return specs;
  };
  // An explicit literal: spreading a thousand JSON-parsed objects is measurably slower.
  return {
    file: light.file,
    module: light.module,
    kind: light.kind,
    contentHash: light.contentHash,
    specs: joinSpecs(light.specs, load),
    imports: light.imports,
    reExports: light.reExports,
    exportedNames: light.exportedNames,
    localExports: light.localExports,
    problems: light.problems,
    warnings: light.warnings,
    rejected: light.rejected,
  };
}

export class ParseCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, CacheEntry>,
    /** When the loaded document was written; 0 for a new cache (every entry racy). */
    private readonly writtenAt: number,
    /** The loaded file, still open for lazy detail reads. */
    private readonly opened: OpenedCacheFile | undefined,
  ) {}

  /** Load the cache of `root` (its index only); an unreadable or invalid file gives an empty cache. */
  static async load(root: string): Promise<ParseCache> {
    const file = path.join(root, PARSE_CACHE_PATH);
    const entries = new Map<string, CacheEntry>();
    let writtenAt = 0;
    const opened = openCacheFile(file);
    const index = opened?.index;
    if (
      opened && isRecord(index) && index.format === CACHE_FORMAT && index.toolVersion === VERSION &&
      index.specDigestVersion === SPEC_DIGEST_VERSION && typeof index.writtenAt === "number" && isRecord(index.entries)
    ) {
      writtenAt = index.writtenAt;
      for (const [key, value] of Object.entries(index.entries)) {
        if (!isStoredEntry(value, key)) continue;
        const detail: DetailSource = { file: opened, offset: value.detail[0], length: value.detail[1] };
        const info = value.info === null ? null : joinInfo(value.info, detail, PARSE_CACHE_PATH);
        entries.set(key, { stamp: value.stamp, specDigests: value.specDigests, info, light: value.info, detail });
      }
    }
    return new ParseCache(file, entries, writtenAt, opened);
  }

  /** The cached result for `file` when its current stamp proves it unchanged (no read needed), else undefined. */
  byStamp(file: string, stamp: FileStamp, kind: ModuleInfo["kind"], module: string): StampLookup {
    const entry = this.entries.get(file);
    if (!entry || !stampProvesUnchanged(entry.stamp, stamp, this.writtenAt)) return undefined;
    if (entry.info === null) return { kind: "skip" };
    return entry.info.kind === kind && entry.info.module === module ? { kind: "parsed", entry } : undefined;
  }

  /**
   * The cached entry of `file` if its parse was made from the same content,
   * kind and module. The entry's stamp is refreshed to `stamp` (the file was
   * just read and hashed), so the next run can skip reading it.
   */
  byHash(file: string, stamp: FileStamp | undefined, contentHash: string, kind: ModuleInfo["kind"], module: string): CacheEntry | undefined {
    const entry = this.entries.get(file);
    const info = entry?.info;
    if (!entry || !info || info.contentHash !== contentHash || info.kind !== kind || info.module !== module) return undefined;
    if (stamp) this.restamp(file, entry, stamp);
    return entry;
  }

  /**
   * The last parse of `file` with its layout, whatever the file holds now:
   * what a comment-only edit is patched from (comment-patch.ts).
   */
  previous(file: string): { readonly info: ModuleInfo; readonly layout: FileLayout } | undefined {
    const entry = this.entries.get(file);
    if (!entry?.info) return undefined;
    const parsed = readDetail(entry.detail);
    const layout = isRecord(parsed) ? parsed.layout : undefined;
    return isFileLayout(layout) ? { info: entry.info, layout } : undefined;
  }

  /**
   * Record a fresh parse of `file` (or `null`: not worth parsing) with the
   * stamp taken before reading it. A `patched` entry (comment-patch.ts) is
   * saved only with other changes: until then each run re-patches it from
   * the entry on disk, without TypeScript.
   */
  set(file: string, stamp: FileStamp | undefined, info: ModuleInfo | null, specDigests: readonly Digest[], layout?: FileLayout, patched = false): void {
    const light: LightModuleInfo | null = info && { ...info, specs: info.specs.map(lightOf) };
    const detail = { json: detailJson(info ? info.specs.map(detailOf) : [], layout) };
    // Without a stamp, a zero stamp never matches a real file: the entry is reused by hash only.
    this.entries.set(file, { stamp: stamp ?? { size: -1, mtimeMs: 0, ctimeMs: 0, ino: 0 }, info, specDigests, light, detail });
    // A comment patch is cheap to redo from the entry it replaced: alone, it is not worth rewriting the whole cache.
    if (!patched) this.dirty = true;
  }

  /** Record that `file` (just read) is not worth parsing. */
  setSkip(file: string, stamp: FileStamp | undefined): void {
    const entry = this.entries.get(file);
    if (entry?.info === null && stamp) this.restamp(file, entry, stamp);
    else this.set(file, stamp, null, []);
  }

  /** Drop entries of files no longer present. */
  retain(files: ReadonlySet<string>): void {
    if (dropMissing(this.entries, files)) this.dirty = true;
  }

  /** Write the cache if it changed. Failures (read-only checkout, full disk) are ignored: the cache is optional. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const stored: Record<string, StoredEntry> = {};
    const segments: Uint8Array[] = [];
    const regions = new Map<OpenedCacheFile, Uint8Array>();
    let offset = 0;
    try {
      // Read the old details into memory (closing the file) before replacing it: entries
      // reused from it still need them, and some systems cannot replace an open file.
      this.opened?.segments();
      for (const [file, entry] of this.entries) {
        let bytes: Uint8Array;
        if ("json" in entry.detail) {
          bytes = Buffer.from(entry.detail.json, "utf8");
        } else {
          // Unchanged entries: copy their stored bytes, never parsing them.
          const { file: source, offset: start, length } = entry.detail;
          let region = regions.get(source);
          if (!region) {
            region = source.segments();
            regions.set(source, region);
          }
          bytes = region.subarray(start, start + length);
        }
        stored[file] = { stamp: entry.stamp, specDigests: entry.specDigests, info: entry.light, detail: [offset, bytes.byteLength] };
        segments.push(bytes);
        offset += bytes.byteLength;
      }
    } catch {
      return; // the old file could not be read back: keep it rather than write a damaged one
    }
    const index = { format: CACHE_FORMAT, toolVersion: VERSION, specDigestVersion: SPEC_DIGEST_VERSION, writtenAt: Date.now(), entries: stored };
    if (await writeCacheFile(this.file, index, segments)) this.dirty = false;
  }

  /**
   * Record a verified file's current stamp. Worth a write when the stamp
   * changed (a touched but unchanged file) or when a racy entry has become
   * old enough to be trusted once the cache is rewritten now.
   */
  private restamp(file: string, entry: CacheEntry, stamp: FileStamp): void {
    const changed = !sameStamp(entry.stamp, stamp);
    if (changed) this.entries.set(file, { ...entry, stamp });
    if (changed || (isRacy(stamp, this.writtenAt) && !isRacy(stamp, Date.now()))) this.dirty = true;
  }
}
