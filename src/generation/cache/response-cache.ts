/**
 * Response cache under `<root>/.jaunt/cache/`: one JSON file per key, written
 * atomically (temp file + rename). The key is the sha256 of everything that
 * shapes the answer — model, the module's first-attempt messages, temperature,
 * max_tokens — and never the API key or base URL. The entry holds the final
 * validated code, so `offline` can serve modules that needed a retry.
 */
import { readFile, rm } from "node:fs/promises";
import { writeFileAtomic } from "../../generated/atomic-write.ts";
import path from "node:path";
import type { LlmConfig } from "../../config/types.ts";
import type { ChatMessage, TokenUsage } from "../types.ts";

const CACHE_FORMAT = 1;

export interface CacheEntry {
  readonly format: typeof CACHE_FORMAT;
  readonly module: string;
  readonly model: string;
  /** The validated module code (no header). */
  readonly code: string;
  /** What producing it cost when it was generated. */
  readonly usage: TokenUsage;
  readonly createdAt: string;
}

export function defaultCacheDir(root: string): string {
  return path.join(root, ".jaunt", "cache");
}

/** sha256 hex of the request shape; base-URL- and key-independent. */
export function cacheKey(llm: Pick<LlmConfig, "model" | "temperature" | "maxTokens">, messages: readonly ChatMessage[]): string {
  const shape = JSON.stringify({
    format: CACHE_FORMAT,
    model: llm.model,
    temperature: llm.temperature ?? null,
    maxTokens: llm.maxTokens ?? null,
    messages: messages.map((m) => [m.role, m.content]),
  });
  return new Bun.CryptoHasher("sha256").update(shape).digest("hex");
}

/** Whether `value` is a cache entry of this format (local file or remote artifact). */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== "object" || value === null) return false;
  return "format" in value && value.format === CACHE_FORMAT && "code" in value && typeof value.code === "string" && "usage" in value && typeof value.usage === "object" && value.usage !== null;
}

export async function readCache(dir: string, key: string): Promise<CacheEntry | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dir, `${key}.json`), "utf8"));
    return isCacheEntry(parsed) ? parsed : undefined;
  } catch {
    return undefined; // absent or corrupt: a miss
  }
}

export async function writeCache(dir: string, key: string, entry: CacheEntry): Promise<void> {
  await writeFileAtomic(path.join(dir, `${key}.json`), `${JSON.stringify(entry, null, 2)}\n`, { durable: false });
}

/** Remove the whole response cache (`jaunt clean --cache`). */
export async function clearCache(root: string, dir = defaultCacheDir(root)): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
