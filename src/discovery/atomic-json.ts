/**
 * Atomic writes for Jaunt's caches under `.jaunt/cache/`: temp file +
 * rename, so a reader sees the old file or the new one, never half of one.
 * Failures (read-only checkout, full disk) are reported as `false`, never
 * thrown: the caches are optional.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** Write `chunks`, concatenated, to `file` atomically; true when written. */
export async function writeFileAtomic(file: string, chunks: readonly Uint8Array[]): Promise<boolean> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, Buffer.concat(chunks));
    await rename(temp, file);
    return true;
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
    return false;
  }
}

/** Write `value` as JSON to `file` atomically; true when written. */
export function writeJsonAtomic(file: string, value: unknown): Promise<boolean> {
  return writeFileAtomic(file, [Buffer.from(JSON.stringify(value), "utf8")]);
}
