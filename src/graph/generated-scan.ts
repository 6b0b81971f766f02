/**
 * Reads the headers of every file found inside generated dirs, once per run,
 * and flags handwritten specs placed inside a generated dir. With a header
 * cache, files whose stamp proves them unchanged are not read at all.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { RUNTIME_PACKAGE } from "../discovery/runtime-package.ts";
import type { DiscoveryProblemData } from "../discovery/types.ts";
import { type FileStamp, stampOf } from "../discovery/file-stamp.ts";
import { readHeaderSync } from "../generated/read-header.ts";
import type { HeaderCache } from "./header-cache.ts";
import type { HeaderResult } from "./staleness.ts";

export interface GeneratedScan {
  /** Project-relative generated file → its header read. */
  readonly headers: ReadonlyMap<string, HeaderResult>;
  readonly problems: readonly DiscoveryProblemData[];
}

/** A file without a Jaunt header inside a generated dir that declares specs is a mistake worth reporting. */
async function specsInside(root: string, file: string, generatedDir: string): Promise<DiscoveryProblemData | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(root, file), "utf8");
  } catch {
    return undefined;
  }
  if (!text.includes(RUNTIME_PACKAGE)) return undefined;
  const { parseModule } = await import("../discovery/parse-module.ts");
  const info = parseModule({ file, module: file, kind: "build", text, contentHash: "" });
  const first = info.specs[0]?.range.start ?? info.problems[0];
  if (first === undefined) return undefined;
  return {
    file,
    line: first.line,
    column: first.column,
    message: `spec file inside the generated dir \`${generatedDir}\``,
    hint: `Jaunt owns ${generatedDir}/ folders; move the spec file out of it`,
  };
}

/** Headers of `files` (project-relative), from `cache` when their stamps allow, else read (and recorded in `cache`). */
export async function scanGenerated(root: string, files: readonly string[], generatedDir: string, cache?: HeaderCache, stampFor: (file: string) => FileStamp | undefined = (file) => stampOf(path.join(root, file))): Promise<GeneratedScan> {
  const headers = new Map<string, HeaderResult>();
  for (const file of files) {
    const full = path.join(root, file);
    // Stamp before reading: an edit after the read then shows as a changed stamp next time.
    const stamp = cache ? stampFor(file) : undefined;
    const cached = stamp ? cache?.get(file, stamp) : undefined;
    if (cached) {
      headers.set(file, cached);
      continue;
    }
    const header = readHeaderSync(full);
    if (stamp) cache?.set(file, stamp, header);
    headers.set(file, header);
  }
  if (cache) {
    cache.retain(new Set(files));
    await cache.save();
  }
  const problems: DiscoveryProblemData[] = [];
  for (const [file, header] of headers) {
    if (header.status !== "missing") continue;
    const problem = await specsInside(root, file, generatedDir);
    if (problem) problems.push(problem);
  }
  return { headers, problems };
}
