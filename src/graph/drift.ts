/**
 * Why a module's digest moved, named to the word: its current inputs against
 * the ones it was last built from (built-inputs.ts). Each changed input is
 * one reason — a spec of the module (with a word diff of its meaning text),
 * a dependency (by the spec refs whose digests moved, else the module), a
 * handwritten file, the prompt overrides — in that order.
 */
import { builtSpecOf, type BuiltInputs } from "./built-inputs.ts";
import type { Digest } from "./digests.ts";
import type { Reason } from "./staleness.ts";
import { wordDiff } from "./word-diff.ts";

export interface CurrentInputs {
  /** SpecRef → current digest and a way to get its source text (read only for changed specs). */
  readonly specs: ReadonlyMap<string, { readonly digest: Digest; readonly text: () => string }>;
  readonly dependencies: ReadonlyMap<string, Digest>;
  /** Dependency module → its spec refs this module's specs depend on, with their current digests. */
  readonly dependencySpecs: ReadonlyMap<string, ReadonlyMap<string, Digest>>;
  readonly handwritten: ReadonlyMap<string, Digest>;
  readonly request: Digest;
}

/** The reasons `now` differs from `built`; empty when nothing recorded differs (the caller then says "digest changed"). */
export function driftReasons(built: BuiltInputs, now: CurrentInputs, readDependency: (module: string) => BuiltInputs | undefined): Reason[] {
  const reasons: Reason[] = [];
  for (const [ref, spec] of now.specs) {
    const before = built.specs[ref];
    if (!before) {
      reasons.push({ kind: "spec", ref, diff: null, message: `spec ${ref} added` });
      continue;
    }
    if (before.digest === spec.digest) continue;
    const after = builtSpecOf(spec.digest, spec.text());
    const diff = wordDiff(before.text, after.text);
    const what = before.code === after.code ? "comment or JSDoc text" : "code";
    reasons.push({ kind: "spec", ref, diff: diff === "" ? null : diff, message: `spec ${ref} changed (${what})${diff === "" ? " (options)" : `: ${diff}`}` });
  }
  for (const ref of Object.keys(built.specs)) {
    if (!now.specs.has(ref)) reasons.push({ kind: "spec", ref, diff: null, message: `spec ${ref} removed` });
  }
  for (const [module, digest] of now.dependencies) {
    const before = built.dependencies[module];
    if (before === digest) continue;
    if (before === undefined) {
      reasons.push({ kind: "dependency", ref: module, diff: null, message: `new dependency ${module}` });
      continue;
    }
    // Name the dependency's specs that changed, from its own record (what it was built from last).
    const record = readDependency(module);
    const specs = now.dependencySpecs.get(module) ?? new Map<string, Digest>();
    const changed = record ? [...specs].filter(([ref, d]) => record.specs[ref] !== undefined && record.specs[ref]?.digest !== d).map(([ref]) => ref) : [];
    if (changed.length > 0) for (const ref of changed) reasons.push({ kind: "dependency", ref, diff: null, message: `dependency ${ref} changed` });
    else reasons.push({ kind: "dependency", ref: module, diff: null, message: `dependency ${module} changed` });
  }
  for (const module of Object.keys(built.dependencies)) {
    if (!now.dependencies.has(module)) reasons.push({ kind: "dependency", ref: module, diff: null, message: `no longer depends on ${module}` });
  }
  for (const [file, digest] of now.handwritten) {
    const before = built.handwritten[file];
    if (before !== digest) reasons.push({ kind: "handwritten", ref: file, diff: null, message: before === undefined ? `now imports handwritten ${file}` : `handwritten ${file} changed` });
  }
  for (const file of Object.keys(built.handwritten)) {
    if (!now.handwritten.has(file)) reasons.push({ kind: "handwritten", ref: file, diff: null, message: `no longer imports handwritten ${file}` });
  }
  if (built.request !== now.request) reasons.push({ kind: "prompt", ref: "[prompts]", diff: null, message: "prompt overrides changed ([prompts] in jaunt.toml, or an override file's text)" });
  return reasons;
}
