/**
 * Staleness (DESIGN §5 steps 5–6): compare each module's digest and spec set
 * with the header of its generated file, then mark dependents of modules
 * that are not fresh. A hand-edited body (edits.ts) makes a module "edited":
 * build keeps it, and it does not restale its dependents. Who wrote a file
 * (Jaunt version, model) never makes it stale: only the digest does.
 */
import type { HeaderRead } from "../generated/read-header.ts";
import type { Digest } from "./digests.ts";

export type HeaderResult = HeaderRead;

export type ModuleStatus = "fresh" | "stale" | "conflict" | "edited";

/** What makes a module not fresh. */
export type ReasonKind = "spec" | "dependency" | "handwritten" | "prompt" | "digest" | "missing" | "conflict" | "header" | "spec-set" | "stale-dependency" | "edited";

/**
 * One reason, as `status --json` gives it: `ref` names the spec, dependency
 * spec or module, handwritten file or config key; `diff` is a word diff of
 * the spec's meaning text (`[-old-]` `{+new+}`); `message` is the line
 * `status` prints.
 */
export interface Reason {
  readonly kind: ReasonKind;
  readonly ref: string | null;
  readonly diff: string | null;
  readonly message: string;
}

function reason(kind: ReasonKind, message: string, ref: string | null = null): Reason {
  return { kind, ref, diff: null, message };
}

/** How planning tells an older header from a stale one, and what changed. */
export interface DigestHistory {
  /** The header's digest is what an older digest format gives for the same inputs (an upgrade, not a change). */
  readonly equivalent: (module: StalenessInput, headerDigest: string) => boolean;
  /** What changed since the module was built, when recorded; undefined when unknown. */
  readonly explain: (module: StalenessInput, headerDigest: string) => readonly Reason[] | undefined;
}

export interface StalenessInput {
  readonly id: string;
  readonly module: string;
  readonly kind: "build" | "test";
  readonly generatedFile: string;
  readonly digest: Digest;
  readonly specRefs: readonly string[];
  readonly dependsOn: readonly string[];
}

export interface Staleness {
  readonly status: ModuleStatus;
  readonly reasons: readonly Reason[];
  /**
   * `jaunt stamp` can accept it without a model call: the generated file is
   * Jaunt's, implements the same specs, and only its digest differs (or its
   * body was edited by hand).
   */
  readonly stampable: boolean;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

function specSetChange(header: readonly string[], current: readonly string[]): string {
  const before = new Set(header);
  const now = new Set(current);
  const added = current.filter((r) => !before.has(r));
  const removed = header.filter((r) => !now.has(r));
  const parts = [...added.map((r) => `+${r}`), ...removed.map((r) => `-${r}`)];
  return `spec set changed (${parts.join(", ")})`;
}

const EDITED = "edited by hand since Jaunt wrote it: `jaunt build` keeps it (`jaunt stamp` accepts the edit, `jaunt build --force` regenerates it)";

/** The status of one module from its own header alone (dependencies come later). */
function ownStaleness(module: StalenessInput, header: HeaderResult, staleDeps: readonly string[], edited: boolean, history: DigestHistory | undefined): Staleness {
  if (header.status === "absent") return { status: "stale", reasons: [reason("missing", `generated file ${module.generatedFile} is missing`, module.generatedFile)], stampable: false };
  if (header.status === "missing") {
    return { status: "conflict", reasons: [reason("conflict", `${module.generatedFile} exists but has no Jaunt header; Jaunt will not overwrite it (move or delete it)`, module.generatedFile)], stampable: false };
  }
  if (header.status === "malformed") return { status: "stale", reasons: [reason("header", `malformed header at line ${header.line}: ${header.reason}`, module.generatedFile)], stampable: false };
  const h = header.header;
  const reasons: Reason[] = [];
  if (h.kind !== module.kind) reasons.push(reason("header", `header kind is ${h.kind}, expected ${module.kind}`, module.generatedFile));
  if (h.sourceModule !== module.module) reasons.push(reason("header", `header names source module ${h.sourceModule}`, module.generatedFile));
  if (!sameSet(h.specRefs, module.specRefs)) reasons.push(reason("spec-set", specSetChange(h.specRefs, module.specRefs)));
  const structural = reasons.length > 0;
  if (h.moduleDigest !== module.digest && !structural && !history?.equivalent(module, h.moduleDigest)) {
    const named = history?.explain(module, h.moduleDigest);
    if (named && named.length > 0) reasons.push(...named);
    else if (staleDeps.length > 0) reasons.push(...staleDeps.map((d) => reason("dependency", `dependency ${d} changed`, d)));
    else reasons.push(reason("digest", "digest changed (spec text, options, imported handwritten code or prompt overrides)"));
  }
  if (edited) return { status: "edited", reasons: [reason("edited", EDITED, module.generatedFile), ...reasons], stampable: !structural };
  return reasons.length === 0 ? { status: "fresh", reasons, stampable: false } : { status: "stale", reasons, stampable: !structural };
}

/** Statuses that do not restale dependents: the spec text, not the body, is what dependents see. */
function settled(status: ModuleStatus | undefined): boolean {
  return status === undefined || status === "fresh" || status === "edited";
}

/**
 * Staleness of every module. `modules` must be in dependency order
 * (dependencies first); `headers` maps generated file → its header read.
 */
export function computeStaleness(
  modules: readonly StalenessInput[],
  headers: ReadonlyMap<string, HeaderResult>,
  edited: ReadonlySet<string> = new Set(),
  history?: DigestHistory,
): Map<string, Staleness> {
  const result = new Map<string, Staleness>();
  for (const module of modules) {
    const notFresh = module.dependsOn.filter((d) => !settled(result.get(d)?.status));
    const own = ownStaleness(module, headers.get(module.generatedFile) ?? { status: "absent" }, notFresh, edited.has(module.generatedFile), history);
    if (own.status !== "fresh" || notFresh.length === 0) {
      result.set(module.id, own);
    } else {
      result.set(module.id, { status: "stale", reasons: notFresh.map((d) => reason("stale-dependency", `depends on stale ${d}`, d)), stampable: false });
    }
  }
  return result;
}
