/**
 * Static discovery of a project's spec modules (DESIGN §4): walk the roots,
 * read each candidate file, parse the ones that mention `@jaunt/runtime` (or
 * re-export, for dependency inference through index files), resolve their
 * relative imports. Parses are cached by content hash; the TypeScript
 * compiler is loaded only on a cache miss.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PathsConfig } from "../config/types.ts";
import { moduleNameOf } from "../generated/paths.ts";
import { RUNTIME_PACKAGE } from "./runtime-package.ts";
import { ParseCache } from "./parse-cache.ts";
import { resolveSpecifier } from "./resolve-specifier.ts";
import type { DiscoveryProblemData, DiscoveryResult, ModuleInfo } from "./types.ts";
import { walkRoots, type WalkedFile } from "./walk.ts";

export interface DiscoverOptions {
  /** Absolute project root. */
  readonly root: string;
  readonly paths: PathsConfig;
  /** Use and update `.jaunt/cache/parse.json` (default true). */
  readonly cache?: boolean;
}

export interface Discovery extends DiscoveryResult {
  /** Every problem found, in file order; the caller throws them together. */
  readonly problems: readonly DiscoveryProblemData[];
}

/** A re-export (`export … from`) makes a file worth parsing even without specs. */
const RE_EXPORT = /\bexport\s*(?:type\s*)?(?:\*|\{)[^;]*?\bfrom\s*["']/;
const decoder = new TextDecoder("utf-8", { fatal: true });

type FileRead =
  | { readonly kind: "skip" }
  | { readonly kind: "problem"; readonly problem: DiscoveryProblemData }
  | { readonly kind: "parse"; readonly walked: WalkedFile; readonly text: string; readonly hash: string; readonly module: string };

function sha256(bytes: Uint8Array): string {
  return `sha256:${new Bun.CryptoHasher("sha256").update(bytes).digest("hex")}`;
}

/** Synchronous on purpose: for a thousand small files, sync reads measured several times faster than async ones. */
function readCandidate(root: string, walked: WalkedFile): FileRead {
  let text: string;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path.join(root, walked.file));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { kind: "problem", problem: { file: walked.file, line: 1, column: 1, message: `cannot read file: ${reason}`, hint: "check the file's permissions" } };
  }
  try {
    text = decoder.decode(bytes);
  } catch {
    return { kind: "problem", problem: { file: walked.file, line: 1, column: 1, message: "file is not valid UTF-8", hint: "save the file as UTF-8" } };
  }
  if (!text.includes(RUNTIME_PACKAGE) && !RE_EXPORT.test(text)) return { kind: "skip" };
  return { kind: "parse", walked, text, hash: sha256(bytes), module: moduleNameOf(root, path.join(root, walked.file)) };
}

function resolveImports(root: string, info: ModuleInfo, known: ReadonlySet<string>): ModuleInfo {
  return {
    ...info,
    imports: info.imports.map((decl) => ({ ...decl, resolvedFile: resolveSpecifier(root, info.file, decl.specifier, known) })),
    reExports: info.reExports.map((decl) => ({ ...decl, resolvedFile: resolveSpecifier(root, info.file, decl.specifier, known) })),
  };
}

/** Discover every spec module of the project. Never throws for problems in user files: it returns them. */
export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const { root, paths } = options;
  const useCache = options.cache ?? true;
  const [walk, cache] = await Promise.all([
    walkRoots({ root, sourceRoots: paths.sourceRoots, testRoots: paths.testRoots, generatedDir: paths.generatedDir }),
    useCache ? ParseCache.load(root) : Promise.resolve(undefined),
  ]);
  const reads = walk.files.map((walked) => readCandidate(root, walked));
  const problems: DiscoveryProblemData[] = [];
  const parsed: ModuleInfo[] = [];
  const misses: Extract<FileRead, { kind: "parse" }>[] = [];
  for (const read of reads) {
    if (read.kind === "problem") problems.push(read.problem);
    if (read.kind !== "parse") continue;
    const hit = cache?.get(read.walked.file, read.hash, read.walked.kind, read.module);
    if (hit) parsed.push(hit);
    else misses.push(read);
  }
  if (misses.length > 0) {
    const { parseModule } = await import("./parse-module.ts");
    for (const miss of misses) {
      const info = parseModule({ file: miss.walked.file, module: miss.module, kind: miss.walked.kind, text: miss.text, contentHash: miss.hash });
      cache?.set(info);
      parsed.push(info);
    }
  }
  if (cache) {
    cache.retain(new Set(parsed.map((info) => info.file)));
    await cache.save();
  }
  const known = new Set(walk.files.map((f) => f.file));
  const files = new Map<string, ModuleInfo>();
  for (const info of parsed.sort((a, b) => (a.file < b.file ? -1 : 1))) {
    files.set(info.file, resolveImports(root, info, known));
    problems.push(...info.problems);
  }
  const modules = [...files.values()].filter((info) => info.specs.length > 0);
  return { files, modules, generatedFiles: walk.generatedFiles, problems };
}
