/**
 * On-disk cache of parse results, so planning an unchanged project never
 * loads the TypeScript compiler. One JSON file, `.jaunt/cache/parse.json`,
 * maps each file to its last parse, valid while the file's content hash, kind
 * and module name are unchanged. A missing, corrupt or foreign-version cache
 * is ignored (never fatal); writes are atomic (temp file + rename), so
 * concurrent runs at worst overwrite each other's equally valid results.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { VERSION } from "../version.ts";
import type { ModuleInfo } from "./types.ts";

/** Bump when the shape of ModuleInfo or the parser's output changes. */
const CACHE_FORMAT = 1;

export const PARSE_CACHE_PATH = ".jaunt/cache/parse.json";

interface CacheDocument {
  readonly format: number;
  readonly toolVersion: string;
  readonly entries: Record<string, ModuleInfo>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Cheap structural check: enough to reject truncated or foreign data, not a full schema. */
function isModuleInfo(value: unknown): value is ModuleInfo {
  return isRecord(value) && typeof value.file === "string" && typeof value.module === "string" &&
    (value.kind === "build" || value.kind === "test") && typeof value.contentHash === "string" &&
    Array.isArray(value.specs) && Array.isArray(value.imports) && Array.isArray(value.reExports) &&
    Array.isArray(value.exportedNames) && Array.isArray(value.problems);
}

export class ParseCache {
  private readonly entries: Map<string, ModuleInfo>;
  private dirty = false;

  private constructor(private readonly file: string, entries: Map<string, ModuleInfo>) {
    this.entries = entries;
  }

  /** Load the cache of `root`; an unreadable or invalid file gives an empty cache. */
  static async load(root: string): Promise<ParseCache> {
    const file = path.join(root, PARSE_CACHE_PATH);
    const entries = new Map<string, ModuleInfo>();
    try {
      const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
      if (isRecord(parsed) && parsed.format === CACHE_FORMAT && parsed.toolVersion === VERSION && isRecord(parsed.entries)) {
        for (const [key, value] of Object.entries(parsed.entries)) {
          if (isModuleInfo(value) && value.file === key) entries.set(key, value);
        }
      }
    } catch {
      // Missing or corrupt: start empty; the next save replaces it.
    }
    return new ParseCache(file, entries);
  }

  /** The cached parse of `file` if it was made from the same content, kind and module. */
  get(file: string, contentHash: string, kind: ModuleInfo["kind"], module: string): ModuleInfo | undefined {
    const entry = this.entries.get(file);
    return entry && entry.contentHash === contentHash && entry.kind === kind && entry.module === module ? entry : undefined;
  }

  set(info: ModuleInfo): void {
    this.entries.set(info.file, info);
    this.dirty = true;
  }

  /** Drop entries of files no longer present. */
  retain(files: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) {
      if (!files.has(key)) {
        this.entries.delete(key);
        this.dirty = true;
      }
    }
  }

  /** Write the cache if it changed. Failures (read-only checkout, full disk) are ignored: the cache is optional. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const document: CacheDocument = { format: CACHE_FORMAT, toolVersion: VERSION, entries: Object.fromEntries(this.entries) };
    const temp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(temp, JSON.stringify(document));
      await rename(temp, this.file);
      this.dirty = false;
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }
}
