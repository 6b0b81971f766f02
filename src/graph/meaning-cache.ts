/**
 * Meaning digests of handwritten files by their bytes' SHA-256,
 * `.jaunt/cache/meaning.json`: hashing bytes is a hundred times faster than
 * lexing them, and planning digests every handwritten file a module reaches
 * on every run. Missing or damaged: empty (never fatal); written only when
 * something new was learned, keeping only the files of this run.
 */
import path from "node:path";
import { writeCacheFileAtomic } from "../generated/atomic-write.ts";
import { isRecord } from "../support/is-record.ts";
import { readJsonFile } from "../support/json.ts";
import { type Digest, handwrittenDigest } from "./digests.ts";

export const MEANING_CACHE_PATH = ".jaunt/cache/meaning.json";
const FORMAT = 1;

export class MeaningCache {
  private loaded: Map<string, Digest> | undefined;
  private readonly used = new Map<string, Digest>();
  private dirty = false;

  constructor(private readonly root: string | undefined) {}

  private known(): Map<string, Digest> {
    if (this.loaded) return this.loaded;
    this.loaded = new Map();
    if (this.root === undefined) return this.loaded;
    const parsed = readJsonFile(path.join(this.root, MEANING_CACHE_PATH));
    if (isRecord(parsed) && parsed.format === FORMAT && isRecord(parsed.digests)) {
      for (const [key, value] of Object.entries(parsed.digests)) {
        if (typeof value === "string" && value.startsWith("sha256:")) this.loaded.set(key, `sha256:${value.slice(7)}`);
      }
    }
    return this.loaded;
  }

  /** The meaning digest of `text` (digests.ts `handwrittenDigest`), from the cache when its bytes were seen before. */
  digestOf(text: string): Digest {
    const key = Bun.CryptoHasher.hash("sha256", text, "hex");
    let digest = this.used.get(key) ?? this.known().get(key);
    if (digest === undefined) {
      digest = handwrittenDigest(text);
      this.dirty = true;
    }
    this.used.set(key, digest);
    return digest;
  }

  /** Write what this run used, when it learned something. Failures are ignored: the cache is optional. */
  async save(): Promise<void> {
    if (!this.dirty || this.root === undefined) return;
    await writeCacheFileAtomic(path.join(this.root, MEANING_CACHE_PATH), `${JSON.stringify({ format: FORMAT, digests: Object.fromEntries(this.used) })}\n`);
    this.dirty = false;
  }
}
