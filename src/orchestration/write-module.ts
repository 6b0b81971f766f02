/**
 * Write one generated module: the Jaunt header plus the validated code,
 * atomically (temp file + fsync + rename), and only over a file that carries
 * the Jaunt header — a user's file in `__generated__/` is never overwritten.
 */
import path from "node:path";
import { assertOverwritable } from "../generated/guard.ts";
import { parseHeader, renderHeader } from "../generated/header.ts";
import { bodyDigest, bodyMeaningDigest, type RecordedChecks, type WrittenRecords } from "../generated/written-record.ts";
import { stampOf } from "../discovery/file-stamp.ts";
import { writeFileAtomic } from "../generated/atomic-write.ts";
import type { PlannedModule } from "../graph/plan-types.ts";
import { VERSION } from "../version.ts";

/** The full text of a generated module. */
export function generatedText(module: PlannedModule, code: string): string {
  const header = renderHeader({
    toolVersion: VERSION,
    kind: module.kind,
    sourceModule: module.id,
    moduleDigest: module.digest,
    specRefs: module.specRefs,
  });
  const body = code.endsWith("\n") ? code : `${code}\n`;
  return `${header.endsWith("\n") ? header : `${header}\n`}${body}`;
}

/** Throws JauntGenerationError `generated.user_file` (exit 3) when the target is not ours to overwrite. */
export async function checkWritable(root: string, module: PlannedModule): Promise<void> {
  await assertOverwritable(path.join(root, module.generatedFile));
}

/** Check, then write `code` for `module` under `root`; with `records`, remember the body written (hand-edit detection). */
export async function writeModule(root: string, module: PlannedModule, code: string, records?: WrittenRecords, model?: string, checks?: RecordedChecks): Promise<void> {
  const file = path.join(root, module.generatedFile);
  await assertOverwritable(file);
  const text = generatedText(module, code);
  await writeFileAtomic(file, text);
  await recordWritten(root, module.generatedFile, text, records, model, checks);
}

/** Record the body of `text` (a whole generated file just written to `generatedFile`) with the file's stamp. */
export async function recordWritten(root: string, generatedFile: string, text: string, records: WrittenRecords | undefined, model: string | undefined, checks?: RecordedChecks): Promise<void> {
  const stamp = records ? stampOf(path.join(root, generatedFile)) : undefined;
  const header = parseHeader(text);
  if (!records || !stamp || header.status !== "ok") return;
  const body = text.slice(header.bodyStart);
  await records.set(generatedFile, { body: bodyDigest(body), meaning: bodyMeaningDigest(body), stamp, toolVersion: header.header.toolVersion, ...(model === undefined ? {} : { model }), ...(checks ? { checks } : {}) });
}
