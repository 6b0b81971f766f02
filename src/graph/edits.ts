/**
 * Hand-edit detection: a generated file whose header is intact but whose body
 * differs from the body Jaunt recorded writing (`.jaunt/written.json`) was
 * edited by hand. The file's stamp is compared first, so an untouched file is
 * not read; only a file whose stamp moved is read and its body hashed (a
 * `touch` or a checkout that rewrote identical bytes is not an edit).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type FileStamp, sameStamp, stampOf } from "../discovery/file-stamp.ts";
import { parseHeader } from "../generated/header.ts";
import { bodyDigest, bodyMeaningDigest, type RecordedChecks, type WrittenEntry, type WrittenRecords } from "../generated/written-record.ts";
import type { HeaderResult } from "./staleness.ts";

/** Who wrote a generated file, as far as Jaunt knows. */
export interface WrittenBy {
  readonly toolVersion: string;
  /** Undefined when unknown (no record) or when the body was accepted with `jaunt stamp`. */
  readonly model: string | undefined;
  /** What checked the body Jaunt wrote (behaviour stage); undefined when nothing was recorded. */
  readonly checks?: RecordedChecks;
}

export interface EditScan {
  /** Generated files (project-relative) whose body was edited by hand. */
  readonly edited: ReadonlySet<string>;
  /** Generated file → who wrote it (header's tool version, recorded model). */
  readonly writtenBy: ReadonlyMap<string, WrittenBy>;
}

/** True when the body of `file` differs in meaning from the recorded one (by text for older records). Unreadable files count as unchanged (the header read reports them). */
function bodyChanged(file: string, record: WrittenEntry): boolean {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  const header = parseHeader(text);
  if (header.status !== "ok") return false;
  const body = text.slice(header.bodyStart);
  return record.meaning === undefined ? bodyDigest(body) !== record.body : bodyMeaningDigest(body) !== record.meaning;
}

/** Scan the generated files that carry a valid header. */
export function scanEdits(root: string, headers: ReadonlyMap<string, HeaderResult>, records: WrittenRecords, stampFor: (file: string) => FileStamp | undefined = (file) => stampOf(path.join(root, file))): EditScan {
  const edited = new Set<string>();
  const writtenBy = new Map<string, WrittenBy>();
  for (const [file, header] of headers) {
    if (header.status !== "ok") continue;
    const record = records.get(file);
    writtenBy.set(file, { toolVersion: header.header.toolVersion, model: record?.model, ...(record?.checks ? { checks: record.checks } : {}) });
    if (!record) continue;
    const full = path.join(root, file);
    const stamp = stampFor(file);
    if (stamp && sameStamp(stamp, record.stamp)) continue;
    if (bodyChanged(full, record)) edited.add(file);
  }
  return { edited, writtenBy };
}
