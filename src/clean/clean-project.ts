/**
 * `jaunt clean`: removes generated files that carry the Jaunt header from
 * every generated folder under the configured roots, then the folders left
 * empty. A file without a valid header is never touched: it is reported as
 * kept. `only` narrows the run to some files (`--orphans`: those whose spec
 * module is gone). `cache` also empties `.jaunt/cache/`.
 */
import { readdir, readFile, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import type { JauntConfig } from "../config/types.ts";
import { walkRoots } from "../discovery/walk.ts";
import { parseHeader } from "../generated/header.ts";

export interface CleanOptions {
  readonly config: Pick<JauntConfig, "root" | "paths">;
  /** Also empty `.jaunt/cache/` (LLM responses and the parse cache). */
  readonly cache: boolean;
  /** Report what would go without removing anything. */
  readonly dryRun: boolean;
  /** Consider only these generated files (project-relative, `/`-separated); default: all. */
  readonly only?: readonly string[];
}

export interface KeptFile {
  /** Project-relative, `/`-separated. */
  readonly path: string;
  readonly reason: string;
}

export interface CleanReport {
  readonly root: string;
  readonly dryRun: boolean;
  /** Generated files removed (or that would be), project-relative. */
  readonly removed: readonly string[];
  /** Generated folders removed because they became empty. */
  readonly removedDirs: readonly string[];
  readonly kept: readonly KeptFile[];
  /** Whether `.jaunt/cache/` was (or would be) emptied. */
  readonly cacheCleared: boolean;
}

/** Why a file may not be removed, or undefined when it carries a valid Jaunt header. */
async function keepReason(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
  const header = parseHeader(text);
  if (header.status === "ok") return undefined;
  if (header.status === "missing") return "no Jaunt header (not written by Jaunt)";
  return `malformed Jaunt header (line ${header.line}: ${header.reason}); remove it yourself if it is Jaunt's`;
}

/** The outermost generated folder holding `rel` (`src/__generated__/x.ts` → `src/__generated__`). */
function generatedFolderOf(rel: string, generatedDir: string): string {
  const parts = rel.split("/");
  const index = parts.indexOf(generatedDir);
  return parts.slice(0, index + 1).join("/");
}

/** True when `dir` would be empty once `removed` (absolute paths) are gone; removes it (bottom-up) unless dry-run. */
async function pruneIfEmpty(dir: string, removed: ReadonlySet<string>, dryRun: boolean, out: string[], root: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let empty = true;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) empty = (await pruneIfEmpty(full, removed, dryRun, out, root)) && empty;
    else if (!removed.has(full)) empty = false;
  }
  if (!empty) return false;
  if (!dryRun) await rmdir(dir);
  out.push(path.relative(root, dir).split(path.sep).join("/"));
  return true;
}

export async function cleanProject(options: CleanOptions): Promise<CleanReport> {
  const { root, paths } = options.config;
  const walk = await walkRoots({ root, sourceRoots: paths.sourceRoots, testRoots: paths.testRoots, generatedDir: paths.generatedDir });
  const removed: string[] = [];
  const kept: KeptFile[] = [];
  const only = options.only === undefined ? undefined : new Set(options.only);
  for (const rel of walk.generatedFiles) {
    if (only !== undefined && !only.has(rel)) continue;
    const reason = await keepReason(path.join(root, rel));
    if (reason === undefined) removed.push(rel);
    else kept.push({ path: rel, reason });
  }
  if (!options.dryRun) await Promise.all(removed.map((rel) => rm(path.join(root, rel), { force: true })));

  const removedSet = new Set(removed.map((rel) => path.join(root, rel)));
  const folders = [...new Set(removed.map((rel) => generatedFolderOf(rel, paths.generatedDir)))].sort();
  const removedDirs: string[] = [];
  for (const folder of folders) await pruneIfEmpty(path.join(root, folder), removedSet, options.dryRun, removedDirs, root);

  if (options.cache && !options.dryRun) {
    const { clearCache } = await import("../generation/cache/response-cache.ts");
    await clearCache(root);
  }
  return { root, dryRun: options.dryRun, removed, removedDirs: removedDirs.sort(), kept, cacheCleared: options.cache };
}
