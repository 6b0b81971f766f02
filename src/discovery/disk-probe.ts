/**
 * Every look at the disk that planning makes beyond the walked files —
 * "does `lib/x.ts` exist?", "what does `tsconfig.json` say?" — recorded with
 * the file's stamp at that moment (null when absent). The status memo
 * (graph/status-memo.ts) is valid only while each of them is unchanged.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type FileStamp, fileStampOf } from "./file-stamp.ts";

export class DiskProbe {
  private readonly seen = new Map<string, FileStamp | null>();
  private readonly json = new Map<string, unknown>();

  constructor(private readonly root: string) {}

  private stamp(file: string): FileStamp | null {
    if (this.seen.has(file)) return this.seen.get(file) ?? null;
    const stamp = fileStampOf(path.join(this.root, file));
    this.seen.set(file, stamp);
    return stamp;
  }

  /** Whether project-relative `file` is a file. */
  exists(file: string): boolean {
    return this.stamp(file) !== null;
  }

  /** The parsed JSONC of project-relative `file`; undefined when absent or invalid. Read once per run. */
  readJson(file: string): unknown {
    if (this.json.has(file)) return this.json.get(file);
    // Stamp first: an edit after this read then shows as a changed stamp.
    let value: unknown;
    if (this.stamp(file) !== null) {
      try {
        value = Bun.JSONC.parse(readFileSync(path.join(this.root, file), "utf8"));
      } catch {
        value = undefined;
      }
    }
    this.json.set(file, value);
    return value;
  }

  /** Every probed path with its stamp (null: absent), sorted. */
  record(): Record<string, FileStamp | null> {
    const out: Record<string, FileStamp | null> = {};
    for (const key of [...this.seen.keys()].sort()) out[key] = this.seen.get(key) ?? null;
    return out;
  }
}
