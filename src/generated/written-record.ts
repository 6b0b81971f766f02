/**
 * What Jaunt wrote, `.jaunt/written.json`: for each generated file, the
 * digest of the body it wrote (the code after the six-line header, normalized
 * like spec text), the file's stamp right after the write, and who answered
 * (Jaunt version, model). The header stays six lines; this record is how
 * `jaunt status` tells a hand-edited body from Jaunt's own, and what
 * `status --verbose` shows about the model. A file with no record (written by
 * an older Jaunt, or the record was deleted) is never called edited.
 */
import path from "node:path";
import { meaningOf } from "../discovery/meaning-text.ts";
import { normalizedTextDigest } from "../discovery/normalize-text.ts";
import { type FileStamp, isFileStamp } from "../discovery/file-stamp.ts";
import { isRecord } from "../support/is-record.ts";
import { readJsonFile } from "../support/json.ts";
import { writeCacheFileAtomic } from "./atomic-write.ts";

const RECORD_FORMAT = 1;

export const WRITTEN_RECORD_PATH = ".jaunt/written.json";

export interface WrittenEntry {
  /** `sha256:<hex>` of the normalized body (everything after the header). */
  readonly body: string;
  /**
   * Digest of the body's meaning (discovery/meaning-text.ts): a formatter run
   * over generated files is not a hand edit. Absent in records written before
   * it existed; `body` decides then.
   */
  readonly meaning?: string;
  /** The file's stamp just after Jaunt wrote it (or accepted it with `jaunt stamp`). */
  readonly stamp: FileStamp;
  readonly toolVersion: string;
  /** The model whose answer this is; undefined when the body was accepted by hand (`jaunt stamp`). */
  readonly model?: string;
  /** What checked this body before it was written (behaviour stage); absent: nothing recorded (older Jaunt, `jaunt stamp`). */
  readonly checks?: RecordedChecks;
}

/** The behaviour stage's evidence for a written body (same shape as generation's `ModuleChecks`). */
export interface RecordedChecks {
  readonly examples: { readonly passed: number; readonly total: number; readonly unchecked: number };
  readonly tests: { readonly passed: number; readonly total: number };
  /** Example blocks that could not run, with the reason. */
  readonly uncheckedExamples?: readonly { readonly file: string; readonly line: number; readonly spec: string; readonly reason: string }[];
}

function isCount(value: unknown, keys: readonly string[]): boolean {
  return isRecord(value) && keys.every((k) => typeof value[k] === "number");
}

export function isRecordedChecks(value: unknown): value is RecordedChecks {
  return isRecord(value) && isCount(value.examples, ["passed", "total", "unchecked"]) && isCount(value.tests, ["passed", "total"]) &&
    (value.uncheckedExamples === undefined || Array.isArray(value.uncheckedExamples));
}

/** True when the checks include at least one that passed (an example or a test). */
export function hasPassingCheck(checks: RecordedChecks | undefined): boolean {
  return checks !== undefined && (checks.examples.passed > 0 || checks.tests.passed > 0);
}

/** Digest of a generated file's body. */
export function bodyDigest(body: string): string {
  return normalizedTextDigest(body);
}

/** Digest of a generated file's body by meaning: reformatting keeps it. */
export function bodyMeaningDigest(body: string): string {
  return `sha256:${Bun.CryptoHasher.hash("sha256", meaningOf(body).text, "hex")}`;
}

function isEntry(value: unknown): value is WrittenEntry {
  return isRecord(value) && typeof value.body === "string" && isFileStamp(value.stamp) && typeof value.toolVersion === "string" &&
    (value.model === undefined || typeof value.model === "string") && (value.meaning === undefined || typeof value.meaning === "string") &&
    (value.checks === undefined || isRecordedChecks(value.checks));
}

export class WrittenRecords {
  private chain: Promise<unknown> = Promise.resolve();
  /** The save not yet started, which every new entry can join. */
  private next: Promise<void> | undefined;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, WrittenEntry>,
  ) {}

  /** Load the record of `root`; a missing or corrupt file gives an empty one. */
  static load(root: string): WrittenRecords {
    const file = path.join(root, WRITTEN_RECORD_PATH);
    const entries = new Map<string, WrittenEntry>();
    // Missing or corrupt: nothing is known to be edited.
    const parsed = readJsonFile(file);
    if (isRecord(parsed) && parsed.format === RECORD_FORMAT && isRecord(parsed.entries)) {
      for (const [key, value] of Object.entries(parsed.entries)) if (isEntry(value)) entries.set(key, value);
    }
    return new WrittenRecords(file, entries);
  }

  /** The entry of project-relative `generatedFile`. */
  get(generatedFile: string): WrittenEntry | undefined {
    return this.entries.get(generatedFile);
  }

  /**
   * Record `entry` and save. Saves are serialized and coalesced: entries set
   * while a save is being written go out together in the next one, so a big
   * build writes the record a few times, not once per module.
   */
  async set(generatedFile: string, entry: WrittenEntry): Promise<void> {
    this.entries.set(generatedFile, entry);
    await this.save();
  }

  private save(): Promise<void> {
    if (this.next) return this.next;
    const next = this.chain.then(async () => {
      this.next = undefined; // later entries need a later save
      const document = { format: RECORD_FORMAT, entries: Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) };
      await writeCacheFileAtomic(this.file, `${JSON.stringify(document, null, 1)}\n`);
    });
    this.next = next;
    this.chain = next.catch(() => undefined);
    return next;
  }
}
