/**
 * Handwritten code a spec module reaches is part of what is asked: the
 * prompt shows its direct imports, generated code calls them, and they call
 * what they import. Each import of a spec module that resolves to a project
 * file which is not itself a spec module contributes that file's normalized
 * content to the module digest — and so does every project file such a
 * helper imports in turn (relative paths and project aliases, followed
 * transitively, cycle-safe, at most MAX_REACHED files per module). Editing a
 * nested helper thus regenerates the modules that reach it (and `jaunt watch`
 * reacts to its saves). Not followed: packages, spec modules (they are
 * dependencies, not handwritten code), generated files and node_modules.
 * Every file read is stamped through the DiskProbe first, so the status memo
 * notices an edit to any of them.
 */
import { normalizedTextDigest } from "../discovery/normalize-text.ts";
import type { DiskProbe } from "../discovery/disk-probe.ts";
import type { ModuleInfo } from "../discovery/types.ts";
import { type Digest, handwrittenDigest } from "./digests.ts";
import type { MeaningCache } from "./meaning-cache.ts";
import { importSpecifiers } from "./import-scan.ts";

/** How many handwritten files one module's digest may cover: a bound on a helper that pulls in a whole codebase. */
export const MAX_REACHED = 200;

interface FileNode {
  /** Meaning digest (digests.ts `handwrittenDigest`). */
  readonly digest: Digest;
  /** The previous format's digest (normalized text), for recognising older headers. */
  readonly legacy: Digest;
  /** Project files it imports (resolved, in source order). */
  readonly imports: readonly string[];
}

export interface HandwrittenOptions {
  /** Project-relative spec module files: imports of these are dependencies, not handwritten code. */
  readonly specFiles: ReadonlySet<string>;
  /** The folder name of generated files (never followed). */
  readonly generatedDir: string;
  /** Stamps each file before it is read (recorded for the status memo). */
  readonly probe: DiskProbe;
  /** The project file `specifier` imported from `fromFile` stands for (relative, alias, workspace), or undefined. */
  readonly resolve: (fromFile: string, specifier: string) => string | undefined;
  /** Meaning digests by content (default: computed every time, nothing stored). */
  readonly meanings?: MeaningCache;
}

/** Content digests and imports of handwritten files, memoised for one plan. */
export class HandwrittenFiles {
  private readonly nodes = new Map<string, FileNode>();
  private readonly reached = new Set<string>();

  constructor(private readonly options: HandwrittenOptions) {}

  /** Whether `file` is handwritten code worth hashing (and following). */
  private followable(file: string): boolean {
    if (this.options.specFiles.has(file)) return false;
    const segments = file.split("/");
    return !segments.includes("node_modules") && !segments.includes(this.options.generatedDir);
  }

  private nodeOf(file: string): FileNode {
    let node = this.nodes.get(file);
    if (node === undefined) {
      const text = this.options.probe.readText(file);
      const imports: string[] = [];
      for (const specifier of text === undefined ? [] : importSpecifiers(text)) {
        const target = this.options.resolve(file, specifier);
        if (target !== undefined && target !== file && !imports.includes(target)) imports.push(target);
      }
      const content = text ?? "\0unreadable";
      node = { digest: this.options.meanings ? this.options.meanings.digestOf(content) : handwrittenDigest(content), legacy: normalizedTextDigest(content), imports };
      this.nodes.set(file, node);
    }
    return node;
  }

  /** Handwritten project file → content digest, for everything `info` reaches through its imports. */
  of(info: ModuleInfo): Map<string, Digest> {
    return this.reach(info, "digest");
  }

  /** The same with the previous format's digests (`of` must have been called for `info`). */
  legacyOf(info: ModuleInfo): Map<string, Digest> {
    return this.reach(info, "legacy");
  }

  private reach(info: ModuleInfo, which: "digest" | "legacy"): Map<string, Digest> {
    const result = new Map<string, Digest>();
    const queue: string[] = [];
    const queued = new Set<string>([info.file]);
    const enqueue = (file: string | undefined): void => {
      if (file === undefined || queued.has(file) || !this.followable(file)) return;
      queued.add(file);
      queue.push(file);
    };
    for (const decl of info.imports) enqueue(decl.resolvedFile);
    // Breadth first: the nearest files count first when the bound cuts.
    for (let i = 0; i < queue.length && result.size < MAX_REACHED; i++) {
      const file = queue[i] ?? "";
      const node = this.nodeOf(file);
      result.set(file, node[which]);
      this.reached.add(file);
      for (const next of node.imports) enqueue(next);
    }
    return result;
  }

  /** Every handwritten file some module reached so far, sorted (what `jaunt watch` must see saves of). */
  files(): string[] {
    return [...this.reached].sort();
  }
}

