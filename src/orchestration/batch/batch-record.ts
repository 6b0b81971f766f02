/**
 * The pending batch, `.jaunt/batch.json`: written right after a batch is
 * submitted and removed once its results are collected, so a run that ends
 * (Ctrl-C, a closed laptop, CI's time limit) leaves the batch running at the
 * provider and the next `jaunt build --batch` picks it up; `jaunt status`
 * shows it. It holds ids, module names and request keys — no secrets, and the
 * endpoint only redacted.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../../generated/atomic-write.ts";
import { isRecord } from "../../support/is-record.ts";
import { readJsonFile } from "../../support/json.ts";

export const BATCH_RECORD_PATH = ".jaunt/batch.json";

export interface BatchModule {
  readonly module: string;
  readonly customId: string;
  /** The module's response-cache key when submitted: an answer is used only while the request is the same. */
  readonly key: string;
}

export interface BatchRecord {
  readonly format: 1;
  /** The provider's batch id, `batch_…`. */
  readonly id: string;
  /** The endpoint it was submitted to, redacted. */
  readonly endpoint: string;
  readonly model: string;
  /** ISO time of submission. */
  readonly submittedAt: string;
  readonly modules: readonly BatchModule[];
}

function isBatchModule(value: unknown): value is BatchModule {
  return isRecord(value) && typeof value.module === "string" && typeof value.customId === "string" && typeof value.key === "string";
}

/** The pending batch of the project at `root`, or undefined (none, or a damaged file). */
export function readBatchRecord(root: string): BatchRecord | undefined {
  const value = readJsonFile(path.join(root, BATCH_RECORD_PATH));
  if (!isRecord(value) || value.format !== 1 || typeof value.id !== "string" || typeof value.endpoint !== "string") return undefined;
  if (typeof value.model !== "string" || typeof value.submittedAt !== "string" || !Array.isArray(value.modules)) return undefined;
  const modules = value.modules.filter(isBatchModule);
  return { format: 1, id: value.id, endpoint: value.endpoint, model: value.model, submittedAt: value.submittedAt, modules };
}

export async function writeBatchRecord(root: string, record: BatchRecord): Promise<void> {
  await writeFileAtomic(path.join(root, BATCH_RECORD_PATH), `${JSON.stringify(record, null, 2)}\n`);
}

export async function removeBatchRecord(root: string): Promise<void> {
  await rm(path.join(root, BATCH_RECORD_PATH), { force: true });
}

/** `pending batch batch_abc (5 modules, submitted …)`: for `jaunt status`. */
export function formatPendingBatch(record: BatchRecord): string {
  return `pending batch ${record.id} at ${record.endpoint} (${record.modules.length} module(s), model ${record.model}, submitted ${record.submittedAt}): \`jaunt build --batch\` collects it`;
}
