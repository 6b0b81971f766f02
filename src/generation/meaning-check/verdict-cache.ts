/**
 * Meaning-check verdicts, `.jaunt/cache/meaning-check.json`, keyed by the
 * digest pair of the edit (each changed spec's digest before and after), so
 * the same edit is never asked about twice — not after a failed build, not
 * on another branch with the same text. Missing or damaged: empty (never fatal).
 */
import path from "node:path";
import { writeCacheFileAtomic } from "../../generated/atomic-write.ts";
import { isRecord } from "../../support/is-record.ts";
import { readJsonFile } from "../../support/json.ts";
import type { MeaningAnswer } from "./ask.ts";

export const MEANING_CHECK_CACHE = ".jaunt/cache/meaning-check.json";
const FORMAT = 1;

export interface CachedVerdict extends MeaningAnswer {
  readonly model: string;
}

function isVerdict(value: unknown): value is CachedVerdict {
  return isRecord(value) && (value.verdict === "unchanged" || value.verdict === "changed" || value.verdict === "unclear") && typeof value.note === "string" && typeof value.model === "string";
}

/** The cache key of an edit: each changed spec's ref and digests before → after, in ref order. */
export function verdictKey(pairs: readonly { readonly ref: string; readonly before: string; readonly after: string }[]): string {
  const sorted = [...pairs].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)).map((p) => [p.ref, p.before, p.after]);
  return Bun.CryptoHasher.hash("sha256", JSON.stringify(sorted), "hex");
}

export class VerdictCache {
  private constructor(
    private readonly file: string,
    private readonly verdicts: Map<string, CachedVerdict>,
  ) {}

  static load(root: string): VerdictCache {
    const file = path.join(root, MEANING_CHECK_CACHE);
    const parsed = readJsonFile(file);
    const verdicts = new Map<string, CachedVerdict>();
    if (isRecord(parsed) && parsed.format === FORMAT && isRecord(parsed.verdicts)) {
      for (const [key, value] of Object.entries(parsed.verdicts)) if (isVerdict(value)) verdicts.set(key, value);
    }
    return new VerdictCache(file, verdicts);
  }

  get(key: string): CachedVerdict | undefined {
    return this.verdicts.get(key);
  }

  async set(key: string, verdict: CachedVerdict): Promise<void> {
    this.verdicts.set(key, verdict);
    await writeCacheFileAtomic(this.file, `${JSON.stringify({ format: FORMAT, verdicts: Object.fromEntries(this.verdicts) })}\n`);
  }
}
