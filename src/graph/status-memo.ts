/**
 * The no-op fast path of `jaunt status`: the last report, kept with every
 * input it was computed from — the config, the request digests (prompt overrides), and the
 * stamp of each walked spec file, generated file, file outside the roots,
 * `.jaunt/written.json` (hand edits, who wrote what) and file planning looked
 * at (tsconfig.json, package.json, probed paths, handwritten files), and
 * the matches of each glob it listed (the root package.json's `workspaces`). When
 * a walk and a stat of each shows all of them unchanged (and none racy, as in
 * file-stamp.ts), the report is reused without loading the parse cache or
 * planning. Any difference, a missing or foreign memo: plan as usual and
 * write a new one. `.jaunt/cache/status.json`: one line of inputs, one line
 * with the report; never fatal.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { JauntConfig } from "../config/types.ts";
import { globFiles, type ProbeRecord } from "../discovery/disk-probe.ts";
import { type FileStamp, fileStampOf, isFileStamp, isRacy, sameStamp } from "../discovery/file-stamp.ts";
import { walkRoots, type WalkResult } from "../discovery/walk.ts";
import { writeCacheFileAtomic } from "../generated/atomic-write.ts";
import { WRITTEN_RECORD_PATH } from "../generated/written-record.ts";
import { isRecord } from "../support/is-record.ts";
import { parseJson } from "../support/json.ts";
import { VERSION } from "../version.ts";
import type { StatusReport } from "./status.ts";

export const STATUS_MEMO_PATH = ".jaunt/cache/status.json";
const FORMAT = 4;

/** The stamps of everything a walk finds, taken before planning reads any of it. */
export interface Snapshot {
  /** Project-relative path → stamp (null: vanished between walk and stat). Includes jaunt.toml. */
  readonly files: Readonly<Record<string, FileStamp | null>>;
  /** The walk the stamps come from: planning reuses it (and the stamps) instead of walking again. */
  readonly walk: WalkResult;
}

/** What must be equal besides files: config, request digests, flags, tool version. */
export function memoKey(config: JauntConfig, requestDigests: unknown, inferDeps: boolean | undefined): string {
  return JSON.stringify([VERSION, config, requestDigests, inferDeps ?? null]);
}

export async function takeSnapshot(config: JauntConfig): Promise<Snapshot> {
  const { root, paths } = config;
  const walk = await walkRoots({ root, sourceRoots: paths.sourceRoots, testRoots: paths.testRoots, generatedDir: paths.generatedDir });
  const files: Record<string, FileStamp | null> = {};
  const configFile = path.relative(root, config.configFile).split(path.sep).join("/");
  // .jaunt/written.json decides "edited" and who wrote each file; `jaunt stamp` may change only it (an edit accepted as is).
  for (const file of [configFile, WRITTEN_RECORD_PATH, ...walk.files.map((f) => f.file), ...walk.generatedFiles, ...walk.outside.map((f) => f.file)]) {
    files[file] = fileStampOf(path.join(root, file));
  }
  return { files, walk };
}

function sameStamps(stored: unknown, current: Readonly<Record<string, FileStamp | null>>, writtenAt: number, probe?: (file: string) => FileStamp | null): boolean {
  if (!isRecord(stored)) return false;
  const keys = Object.keys(stored);
  if (!probe && keys.length !== Object.keys(current).length) return false;
  for (const key of keys) {
    const old = stored[key];
    const now = probe ? probe(key) : current[key];
    if (now === undefined) return false;
    if (old === null || now === null) {
      if (old !== now) return false;
      continue;
    }
    if (!isFileStamp(old) || !sameStamp(old, now) || isRacy(now, writtenAt)) return false;
  }
  return true;
}

/** The memoised report when every input is unchanged, else undefined. */
export function readStatusMemo(root: string, key: string, snapshot: Snapshot): StatusReport | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(root, STATUS_MEMO_PATH), "utf8");
  } catch {
    return undefined;
  }
  // Line 1: the inputs, checked before the (larger) report on line 2 is parsed at all.
  const newline = text.indexOf("\n");
  const inputs = parseJson(text.slice(0, newline));
  if (!isRecord(inputs) || inputs.format !== FORMAT || inputs.key !== key || typeof inputs.writtenAt !== "number") return undefined;
  const writtenAt = inputs.writtenAt;
  if (!sameStamps(inputs.files, snapshot.files, writtenAt)) return undefined;
  if (!sameStamps(inputs.probes, {}, writtenAt, (file) => fileStampOf(path.join(root, file)))) return undefined;
  if (!sameGlobs(root, inputs.globs)) return undefined;
  const report = parseJson(text.slice(newline + 1));
  return isStatusReport(report, root) ? report : undefined;
}

/** Each glob planning listed (workspaces) still matches the same files: a new workspace package re-plans. */
function sameGlobs(root: string, stored: unknown): boolean {
  if (!isRecord(stored)) return false;
  for (const [pattern, files] of Object.entries(stored)) {
    if (!Array.isArray(files)) return false;
    const now = globFiles(root, pattern);
    if (now.length !== files.length || now.some((file, i) => file !== files[i])) return false;
  }
  return true;
}

const COUNTS = ["fresh", "stale", "conflicts", "orphans"];

/** Cheap structural check: enough to reject a damaged or foreign memo. */
function isStatusReport(value: unknown, root: string): value is StatusReport {
  return isRecord(value) && value.version === 1 && value.root === root && Array.isArray(value.modules) && value.modules.every(isRecord) &&
    Array.isArray(value.order) && Array.isArray(value.warnings) && value.warnings.every((w) => typeof w === "string") &&
    isRecord(value.summary) && COUNTS.every((k) => isRecord(value.summary) && typeof value.summary[k] === "number");
}

/** Remember `report` with the snapshot taken before planning and the probes planning made. */
export async function writeStatusMemo(root: string, key: string, snapshot: Snapshot, probes: ProbeRecord, report: StatusReport): Promise<void> {
  const inputs = { format: FORMAT, key, writtenAt: Date.now(), files: snapshot.files, probes: probes.files, globs: probes.globs };
  await writeCacheFileAtomic(path.join(root, STATUS_MEMO_PATH), `${JSON.stringify(inputs)}\n${JSON.stringify(report)}\n`);
}
