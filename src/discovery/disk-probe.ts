/**
 * Every look at the disk that planning makes beyond the walked files —
 * "does `lib/x.ts` exist?", "what does `tsconfig.json` say?" — recorded with
 * the file's stamp at that moment (null when absent), and every glob listed
 * (the root package.json's `workspaces`) with the files it matched. The
 * status memo (graph/status-memo.ts) is valid only while each of them is
 * unchanged: a new workspace package is a new match.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type FileStamp, fileStampOf } from "./file-stamp.ts";

/** Project-relative files matching `pattern` under `root`, `/`-separated and sorted; node_modules is never entered. */
export function globFiles(root: string, pattern: string): string[] {
  const found: string[] = [];
  for (const file of new Bun.Glob(pattern).scanSync({ cwd: root, onlyFiles: true })) {
    const rel = file.split(path.sep).join("/");
    if (!rel.split("/").includes("node_modules")) found.push(rel);
  }
  return found.sort();
}

/** What planning looked at: file stamps (null: absent) and glob matches. */
export interface ProbeRecord {
  readonly files: Readonly<Record<string, FileStamp | null>>;
  readonly globs: Readonly<Record<string, readonly string[]>>;
}

export class DiskProbe {
  private readonly seen = new Map<string, FileStamp | null>();
  private readonly globs = new Map<string, string[]>();
  private readonly json = new Map<string, unknown>();

  constructor(private readonly root: string) {}

  private stamp(file: string): FileStamp | null {
    if (this.seen.has(file)) return this.seen.get(file) ?? null;
    const stamp = fileStampOf(path.join(this.root, file));
    this.seen.set(file, stamp);
    return stamp;
  }

  /** The stamp of project-relative `file` (null: absent), taken once per run and recorded. */
  stampOf(file: string): FileStamp | null {
    return this.stamp(file);
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

  /** The text of project-relative `file`; undefined when absent or unreadable. Stamped before the read, like readJson. */
  readText(file: string): string | undefined {
    if (this.stamp(file) === null) return undefined;
    try {
      return readFileSync(path.join(this.root, file), "utf8");
    } catch {
      return undefined;
    }
  }

  /** Project-relative files matching `pattern` (see globFiles). Listed once per run. */
  glob(pattern: string): readonly string[] {
    let found = this.globs.get(pattern);
    if (found === undefined) {
      found = globFiles(this.root, pattern);
      this.globs.set(pattern, found);
    }
    return found;
  }

  /** Every probed path with its stamp (null: absent), and every glob with its matches, sorted. */
  record(): ProbeRecord {
    const files: Record<string, FileStamp | null> = {};
    for (const key of [...this.seen.keys()].sort()) files[key] = this.seen.get(key) ?? null;
    const globs: Record<string, readonly string[]> = {};
    for (const key of [...this.globs.keys()].sort()) globs[key] = this.globs.get(key) ?? [];
    return { files, globs };
  }
}
