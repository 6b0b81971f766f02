/** Read and rewrite the index of a project's parse cache in tests (planting entries proves the cache is used). */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FileStamp } from "../../src/discovery/file-stamp.ts";
import { PARSE_CACHE_PATH } from "../../src/discovery/parse-cache.ts";

/** The parts of the index that tests look at or plant. */
export interface CacheIndex {
  format: number;
  writtenAt: number;
  entries: Record<string, {
    stamp: FileStamp;
    specDigests: string[];
    info: { module: string; contentHash: string; exportedNames: string[]; specs: unknown } | null;
  }>;
}

const HEADER = /^(JAUNT-PARSE-CACHE\/3) (\d+) (\d+)\n/;

function split(root: string): { magic: string; index: string; segments: Buffer } {
  const bytes = readFileSync(path.join(root, PARSE_CACHE_PATH));
  const match = HEADER.exec(bytes.subarray(0, 64).toString("latin1"));
  if (!match?.[1]) throw new Error("not a parse cache file");
  const start = match[0].length;
  const end = start + Number(match[2]);
  return { magic: match[1], index: bytes.subarray(start, end).toString("utf8"), segments: bytes.subarray(end) };
}

/** The parsed index document of `root`'s parse cache (test code reads it loosely). */
export function readCacheIndex(root: string): CacheIndex {
  const index: CacheIndex = JSON.parse(split(root).index);
  return index;
}

/** Replace the index document, keeping the stored spec details. */
export function writeCacheIndex(root: string, index: unknown): void {
  const { magic, segments } = split(root);
  const json = Buffer.from(JSON.stringify(index), "utf8");
  writeFileSync(path.join(root, PARSE_CACHE_PATH), Buffer.concat([Buffer.from(`${magic} ${json.length} ${segments.length}\n`), json, segments]));
}
