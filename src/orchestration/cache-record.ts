/**
 * Where the last run's answers came from, `.jaunt/last-cache.json`: local
 * hits, remote hits and misses of the last `jaunt build` / `jaunt test` that
 * generated something, so `jaunt status --verbose` can show them without
 * running anything. Counts only: no keys, URLs or secrets.
 */
import path from "node:path";
import { writeCacheFileAtomic } from "../generated/atomic-write.ts";
import { isRecord } from "../support/is-record.ts";
import { readJsonFile } from "../support/json.ts";
import type { BuildReport, CacheCounts } from "./build-report.ts";

export const CACHE_RECORD_PATH = ".jaunt/last-cache.json";

export interface CacheRecord extends CacheCounts {
  readonly kind: "build" | "test";
  /** ISO time the run finished. */
  readonly finishedAt: string;
  /** Whether a remote cache was configured for that run. */
  readonly remote: boolean;
}

/** Record `report`'s cache counts (a run that generated nothing keeps the previous record). */
export async function recordCacheCounts(report: BuildReport, remote: boolean): Promise<void> {
  const { localHits, remoteHits, misses } = report.cache;
  if (localHits + remoteHits + misses === 0) return;
  const record: CacheRecord = { kind: report.kind, finishedAt: new Date().toISOString(), remote, localHits, remoteHits, misses };
  await writeCacheFileAtomic(path.join(report.root, CACHE_RECORD_PATH), `${JSON.stringify(record, null, 2)}\n`);
}

/** The last recorded counts; undefined when none (or the file is damaged). */
export function readCacheRecord(root: string): CacheRecord | undefined {
  const value = readJsonFile(path.join(root, CACHE_RECORD_PATH));
  if (!isRecord(value)) return undefined;
  const { kind, finishedAt, remote, localHits, remoteHits, misses } = value;
  if ((kind !== "build" && kind !== "test") || typeof finishedAt !== "string" || typeof remote !== "boolean") return undefined;
  if (typeof localHits !== "number" || typeof remoteHits !== "number" || typeof misses !== "number") return undefined;
  return { kind, finishedAt, remote, localHits, remoteHits, misses };
}

/** `last build (2026-…): 3 local hits, 5 remote hits, 2 misses`. */
export function formatCacheRecord(record: CacheRecord): string {
  const remote = record.remote ? `${record.remoteHits} remote hit(s), ` : "";
  return `cache, last ${record.kind} (${record.finishedAt}): ${record.localHits} local hit(s), ${remote}${record.misses} miss(es)`;
}
