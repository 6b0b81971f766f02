/**
 * What planning computed last time that does not change when only texts do,
 * `.jaunt/cache/graph.json`: the spec graph (deps, handwritten imports,
 * warnings), the module graph, its order, and each module's digest with the
 * inputs it came from. A re-plan after one spec's JSDoc edit then rebuilds
 * none of the graph and recomputes only the digests the edit reaches (the
 * edited module and its dependents).
 *
 * The graph is reused only when everything it was built from is the same:
 * the tool version, root, inference flags and request digests (the key); the
 * walked file set; each parsed file's graph-facing shape — module, kind,
 * imports and re-exports with what they resolve to, exported names, rejected
 * names, and each spec's ref, name, kind, options and references (names its
 * code, JSDoc or comments mention), plus its position when it has explicit
 * `deps` (their warnings name the line); and every path the graph probed on
 * disk (tsconfig.json, package.json, existence checks) with an unchanged,
 * non-racy stamp, and each glob's matches. A shape is hashed once per file
 * content: files whose content hash is unchanged reuse the stored one.
 * A module digest is reused when its file's content (so its spec digests),
 * dependency list, handwritten digests and every dependency's digest are
 * unchanged.
 * Missing, damaged or foreign: planning builds everything (never fatal).
 */
import path from "node:path";
import type { Discovery } from "../discovery/discover.ts";
import type { DiskProbe, ProbeRecord } from "../discovery/disk-probe.ts";
import { isFileStamp, isRacy, sameStamp } from "../discovery/file-stamp.ts";
import type { DiscoveryProblemData, ModuleInfo } from "../discovery/types.ts";
import { writeCacheFileAtomic } from "../generated/atomic-write.ts";
import { isRecord } from "../support/is-record.ts";
import { readJsonFile } from "../support/json.ts";
import { VERSION } from "../version.ts";
import type { Digest } from "./digests.ts";
import type { HandwrittenRef } from "./spec-graph.ts";

export const GRAPH_MEMO_PATH = ".jaunt/cache/graph.json";
const FORMAT = 2;

/** The graph-derived parts of a plan. */
export interface GraphParts {
  /** SpecRef → SpecRefs it depends on. */
  readonly deps: ReadonlyMap<string, readonly string[]>;
  /** Module → its imports that bring in no spec. */
  readonly handwritten: ReadonlyMap<string, readonly HandwrittenRef[]>;
  readonly warnings: readonly DiscoveryProblemData[];
  readonly moduleDeps: ReadonlyMap<string, readonly string[]>;
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  readonly downstream: ReadonlyMap<string, number>;
  readonly order: readonly string[];
}

/**
 * A module digest and the inputs it was computed from, compared as strings:
 * [content key (contentKey), dependency modules, handwritten file=digest list, digest].
 * A tuple, not an object: the memo is read on every re-plan, and its size is its cost.
 */
type DigestEntry = readonly [string, string, string, Digest];

/** How many recomputed shapes and digests (at least; or 1/16 of the modules) make rewriting the memo worth it. */
const REWRITE_AFTER = 32;

/** Hex characters kept of a SHA-256 in the memo (128 bits): a cache key, never a digest anyone sees. */
const KEY_HEX = 32;

/** A spec module's content key: its kind and (a prefix of) its content hash, which its spec digests are a function of (for one tool version). */
export function contentKey(kind: string, contentHash: string): string {
  return `${kind}:${contentHash.slice(contentHash.indexOf(":") + 1, contentHash.indexOf(":") + 1 + KEY_HEX)}`;
}

interface Stored {
  readonly key: string;
  readonly writtenAt: number;
  readonly fingerprint: string;
  /** File → content hash prefix + shape hash prefix (KEY_HEX characters each). */
  readonly shapes: Record<string, string>;
  readonly probes: ProbeRecord;
  readonly graph: {
    readonly deps: Record<string, string[]>;
    readonly handwritten: Record<string, HandwrittenRef[]>;
    readonly warnings: DiscoveryProblemData[];
    readonly moduleDeps: Record<string, string[]>;
    readonly dependents: Record<string, string[]>;
    readonly downstream: Record<string, number>;
    readonly order: string[];
  };
  readonly digests: Record<string, DigestEntry>;
}

function sha(text: string): string {
  return Bun.CryptoHasher.hash("sha256", text, "hex");
}

/** The content-hash prefix a shape is stored under. */
function contentPrefix(contentHash: string): string {
  const start = contentHash.indexOf(":") + 1;
  return contentHash.slice(start, start + KEY_HEX);
}

/** Everything of `info` the spec graph reads, except import resolution (added per run: it depends on other files). */
function shapeOf(info: ModuleInfo): string {
  return sha(JSON.stringify([
    info.module,
    info.kind,
    info.imports.map((d) => [d.specifier, d.bindings]),
    info.reExports.map((d) => [d.specifier, d.names]),
    info.exportedNames,
    info.localExports,
    info.rejected,
    info.specs.map((s) => [s.ref, s.name, s.kind, s.options, s.references, s.options.deps.length > 0 ? s.range.start : null]),
  ])).slice(0, KEY_HEX);
}

function resolutionOf(info: ModuleInfo): string {
  let out = "";
  for (const d of info.imports) out += `${d.resolvedFile ?? "-"}\u0001`;
  for (const d of info.reExports) out += `${d.resolvedFile ?? "-"}\u0001`;
  return out;
}

function isStored(value: unknown, key: string): value is Stored {
  return isRecord(value) && value.format === FORMAT && value.key === key && typeof value.writtenAt === "number" &&
    typeof value.fingerprint === "string" && isRecord(value.shapes) && isRecord(value.probes) && isRecord(value.probes.files) &&
    isRecord(value.probes.globs) && isRecord(value.graph) && isRecord(value.digests) && Array.isArray(value.graph.order) &&
    isRecord(value.graph.deps) && isRecord(value.graph.handwritten) && Array.isArray(value.graph.warnings) &&
    isRecord(value.graph.moduleDeps) && isRecord(value.graph.dependents) && isRecord(value.graph.downstream);
}

function toMap<T>(record: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(record));
}

/** One plan's use of the memo: load, look up, then remember what this plan computed. */
export class GraphMemo {
  private readonly stored: Stored | undefined;
  private readonly shapes: Record<string, string> = {};
  private fingerprint = "";
  private graph: Stored["graph"] | undefined;
  private probes: ProbeRecord = { files: {}, globs: {} };
  private readonly digests: Record<string, DigestEntry> = {};
  /** The graph was built this run (or nothing was stored): the memo must be written. */
  private rebuilt = false;
  /** Shapes and digests this run computed instead of reusing: work the next run repeats unless the memo is written. */
  private recomputed = 0;

  /** `root` undefined: a plan without caches (nothing read or written). `key`: what must match besides files (see memoKey). */
  constructor(private readonly root: string | undefined, private readonly key: string) {
    const value = root === undefined ? undefined : readJsonFile(path.join(root, GRAPH_MEMO_PATH));
    this.stored = isStored(value, key) ? value : undefined;
  }

  /** The key: tool version and `parts` (the plan passes the spec digest version, root, inference flags, generated dir and request digests). */
  static keyOf(parts: readonly unknown[]): string {
    return JSON.stringify([VERSION, ...parts]);
  }

  /**
   * The stored graph parts when `discovery` gives the same graph inputs, else
   * undefined (build them, then `remember`). Re-probes what the stored graph
   * probed, through `probe`, so the caller's probe record still lists it.
   */
  graphOf(discovery: Discovery, probe: DiskProbe): GraphParts | undefined {
    const parts: string[] = [];
    for (const [file, info] of discovery.files) {
      const known = this.stored?.shapes[file];
      const content = contentPrefix(info.contentHash);
      const reuse = typeof known === "string" && known.length === 2 * KEY_HEX && known.startsWith(content);
      const shape = reuse ? known.slice(KEY_HEX) : shapeOf(info);
      if (!reuse) this.recomputed += 1;
      this.shapes[file] = content + shape;
      // Kind and module come from the file's place under the roots, not its content: a stored shape does not vouch for them.
      parts.push(file, info.kind, info.module, shape, resolutionOf(info));
    }
    parts.push("\u0002", ...[...discovery.walked].sort());
    this.fingerprint = sha(parts.join("\u0000"));
    const stored = this.stored;
    if (!stored || stored.fingerprint !== this.fingerprint || !this.sameProbes(stored, probe)) {
      this.rebuilt = true;
      return undefined;
    }
    this.graph = stored.graph;
    this.probes = stored.probes;
    const g = stored.graph;
    return {
      deps: toMap(g.deps),
      handwritten: toMap(g.handwritten),
      warnings: g.warnings,
      moduleDeps: toMap(g.moduleDeps),
      dependents: toMap(g.dependents),
      downstream: toMap(g.downstream),
      order: g.order,
    };
  }

  private sameProbes(stored: Stored, probe: DiskProbe): boolean {
    for (const [file, old] of Object.entries(stored.probes.files)) {
      const now = probe.stampOf(file);
      if (old === null || now === null) {
        if (old !== now) return false;
        continue;
      }
      if (!isFileStamp(old) || !sameStamp(old, now) || isRacy(now, stored.writtenAt)) return false;
    }
    for (const [pattern, files] of Object.entries(stored.probes.globs)) {
      const now = probe.glob(pattern);
      if (!Array.isArray(files) || now.length !== files.length || now.some((f, i) => f !== files[i])) return false;
    }
    return true;
  }

  /** Remember graph parts just built, with what the probe had looked at by then. */
  remember(parts: GraphParts, probes: ProbeRecord): void {
    this.graph = {
      deps: Object.fromEntries([...parts.deps].map(([k, v]) => [k, [...v]])),
      handwritten: Object.fromEntries([...parts.handwritten].map(([k, v]) => [k, [...v]])),
      warnings: [...parts.warnings],
      moduleDeps: Object.fromEntries([...parts.moduleDeps].map(([k, v]) => [k, [...v]])),
      dependents: Object.fromEntries([...parts.dependents].map(([k, v]) => [k, [...v]])),
      downstream: Object.fromEntries(parts.downstream),
      order: [...parts.order],
    };
    this.probes = probes;
    this.rebuilt = true;
  }

  /**
   * The module digest of `module`: the stored one when its inputs are the
   * same and no dependency's digest changed this run (`changedDeps`), else
   * `compute()`. Returns the digest and whether it differs from the stored one.
   */
  digestOf(module: string, inputs: { content: string; deps: readonly string[]; handwritten: ReadonlyMap<string, Digest> }, changedDeps: boolean, compute: () => Digest): { digest: Digest; changed: boolean } {
    const content = inputs.content;
    const deps = inputs.deps.join(";");
    let handwritten = "";
    for (const [file, digest] of inputs.handwritten) handwritten += `${file}=${digest};`;
    const old = this.stored?.digests[module];
    const same = Array.isArray(old) && old.length === 4 && old[0] === content && old[1] === deps && old[2] === handwritten && typeof old[3] === "string" && old[3].startsWith("sha256:");
    const digest = same && !changedDeps ? old[3] : compute();
    const changed = !same || old[3] !== digest;
    if (!same || changedDeps) this.recomputed += 1;
    this.digests[module] = [content, deps, handwritten, digest];
    return { digest, changed };
  }

  /**
   * Write what this plan used when the graph was rebuilt, or when enough
   * shapes and digests were recomputed that the next run would repeat real
   * work. A few (the file just edited, its dependents) are not worth
   * rewriting the memo on every save: the next run recomputes them from the
   * stored entries they no longer match, which is what an edit costs anyway.
   * Failures are ignored: the memo is optional.
   */
  async save(): Promise<void> {
    if (this.root === undefined || !this.graph) return;
    const modules = Object.keys(this.digests).length;
    if (!this.rebuilt && this.recomputed <= Math.max(REWRITE_AFTER, modules / 16)) return;
    const stored = { format: FORMAT, key: this.key, writtenAt: Date.now(), fingerprint: this.fingerprint, shapes: this.shapes, probes: this.probes, graph: this.graph, digests: this.digests };
    await writeCacheFileAtomic(path.join(this.root, GRAPH_MEMO_PATH), `${JSON.stringify(stored)}\n`);
  }
}

