/**
 * Finds candidate spec files under the configured roots without reading them.
 * Skips `node_modules`, dot-folders and the generated dir (whose files are
 * listed separately, for orphan and conflict checks).
 */
import { type Dirent, readdirSync } from "node:fs";
import path from "node:path";
import type { ModuleKind } from "./types.ts";

export interface WalkedFile {
  /** Project-relative, `/`-separated. */
  readonly file: string;
  readonly kind: ModuleKind;
}

export interface WalkResult {
  /** Candidate spec files, sorted by path. */
  readonly files: readonly WalkedFile[];
  /** Every `.ts`-like file seen inside a generated dir, sorted. */
  readonly generatedFiles: readonly string[];
  /**
   * Files that cannot hold specs Jaunt builds, yet might (checked for a
   * warning): `.ts` files outside every root, and `*.test.ts`-style files in
   * test roots. `kind` is the role the file would need.
   */
  readonly outside: readonly WalkedFile[];
  /** Configured roots that are not folders. */
  readonly missingRoots: readonly { readonly root: string; readonly kind: ModuleKind }[];
}

export interface WalkOptions {
  readonly root: string;
  readonly sourceRoots: readonly string[];
  readonly testRoots: readonly string[];
  readonly generatedDir: string;
}

const SOURCE_FILE = /\.(?:ts|tsx|mts)$/;
const DECLARATION_FILE = /\.d\.(?:ts|tsx|mts)$|\.d\.[^/]*\.ts$/;
/** Files `bun test` collects on its own: ordinary tests, never test specs. */
const BUN_TEST_FILE = /(?:[._](?:test|spec))\.(?:ts|tsx|mts)$/;

/** True for a file that may hold specs of the given kind. */
export function isSpecCandidate(name: string, kind: ModuleKind): boolean {
  if (!SOURCE_FILE.test(name) || DECLARATION_FILE.test(name)) return false;
  return kind === "build" || !BUN_TEST_FILE.test(name);
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

function normalizeRoot(root: string): string {
  const posix = toPosix(path.normalize(root)).replace(/\/+$/, "");
  return posix === "." ? "" : posix;
}

function isUnder(file: string, dir: string): boolean {
  return dir === "" || file === dir || file.startsWith(`${dir}/`);
}

/** Synchronous on purpose: for a few dozen folders, sync readdir measured several times faster than async. */
function walkDir(
  options: WalkOptions,
  relDir: string,
  kind: ModuleKind,
  skipDirs: readonly string[],
  out: WalkOut,
  insideGenerated: boolean,
): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(options.root, relDir), { withFileTypes: true });
  } catch {
    return false; // a missing root is not an error (walkRoots reports it as a warning)
  }
  for (const entry of entries) {
    const rel = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      if (skipDirs.some((dir) => dir !== "" && rel === dir)) continue;
      const generated = insideGenerated || entry.name === options.generatedDir;
      walkDir(options, rel, kind, skipDirs, out, generated);
    } else if (entry.isFile()) {
      if (insideGenerated) {
        if (SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) out.generated.add(rel);
      } else if (isSpecCandidate(entry.name, kind)) {
        out.files.push({ file: rel, kind });
      } else if (kind === "test" && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) {
        out.outside.push({ file: rel, kind });
      }
    }
  }
  return true;
}

/** `.ts` files outside every root (roots, node_modules, dot-folders and generated dirs are not entered). */
function walkOutside(options: WalkOptions, relDir: string, roots: readonly string[], out: WalkOut): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(options.root, relDir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const rel = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === options.generatedDir || roots.includes(rel)) continue;
      walkOutside(options, rel, roots, out);
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) {
      out.outside.push({ file: rel, kind: "build" });
    }
  }
}

interface WalkOut {
  readonly files: WalkedFile[];
  readonly generated: Set<string>;
  readonly outside: WalkedFile[];
}

/**
 * List candidate spec files. A folder under both a source root and a test
 * root counts as a test root (the more specific role wins).
 */
export async function walkRoots(options: WalkOptions): Promise<WalkResult> {
  const out: WalkOut = { files: [], generated: new Set(), outside: [] };
  const testRoots = options.testRoots.map(normalizeRoot);
  const sourceRoots = options.sourceRoots.map(normalizeRoot);
  const missingRoots: { root: string; kind: ModuleKind }[] = [];
  for (const root of sourceRoots) {
    if (!walkDir(options, root, "build", testRoots.filter((t) => t !== root && isUnder(t, root)), out, false)) missingRoots.push({ root, kind: "build" });
  }
  for (const root of testRoots) if (!walkDir(options, root, "test", [], out, false)) missingRoots.push({ root, kind: "test" });
  if (!sourceRoots.includes("") && !testRoots.includes("")) walkOutside(options, "", [...sourceRoots, ...testRoots], out);
  const seen = new Map<string, WalkedFile>();
  for (const entry of out.files) {
    const previous = seen.get(entry.file);
    if (!previous || entry.kind === "test") seen.set(entry.file, entry);
  }
  const files = [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const outside = out.outside.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, generatedFiles: [...out.generated].sort(), outside, missingRoots };
}
