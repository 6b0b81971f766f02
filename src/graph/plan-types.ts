/**
 * The Plan: everything `jaunt status` shows and `jaunt build` / `jaunt test`
 * consume — modules, specs, the dependency graph, digests, the stale set with
 * reasons, and the build order. Plain data (arrays and records, project-
 * relative `/` paths) so it can be serialised, except `config`.
 */
import type { JauntConfig } from "../config/types.ts";
import type { ProbeRecord } from "../discovery/disk-probe.ts";
import type { DiscoveryProblemData, ModuleKind, SpecInfo, SpecKind } from "../discovery/types.ts";
import type { HandwrittenRef } from "./spec-graph.ts";
import type { Digest } from "./digests.ts";
import type { WrittenBy } from "./edits.ts";
import type { ModuleStatus, Reason } from "./staleness.ts";

export interface PlannedSpec {
  readonly ref: string;
  readonly module: string;
  readonly name: string;
  readonly kind: SpecKind;
  readonly digest: Digest;
  /** SpecRefs this spec depends on (explicit + inferred), sorted. */
  readonly deps: readonly string[];
  /** Everything discovery recorded: text, public API, options, imports, members, range. */
  readonly info: SpecInfo;
}

export interface PlannedModule {
  /** The module name, e.g. `src/slug` (unique across build and test modules). */
  readonly id: string;
  readonly kind: ModuleKind;
  /** The spec file, project-relative. */
  readonly file: string;
  /** Where its generated code goes, project-relative. */
  readonly generatedFile: string;
  /** SpecRefs in source order. */
  readonly specRefs: readonly string[];
  /** Module ids it depends on (sorted). */
  readonly dependsOn: readonly string[];
  /** Module ids that depend on it directly (sorted). */
  readonly dependents: readonly string[];
  readonly digest: Digest;
  readonly status: ModuleStatus;
  /** Why it is not fresh (empty when fresh): the messages of `causes`. */
  readonly reasons: readonly string[];
  /** The same reasons with what each names (spec, dependency, file, config key) and the spec's word diff. */
  readonly causes: readonly Reason[];
  /** `jaunt stamp` can accept the current spec text (or a hand edit) without a model call. */
  readonly stampable: boolean;
  /** Who wrote the generated file (header's Jaunt version, recorded model); absent when there is no Jaunt file. */
  readonly writtenBy?: WrittenBy;
  /** Length of the longest chain of dependents, itself included (scheduling priority). */
  readonly downstream: number;
  /** Imports of the spec module that bring in no spec (handwritten code, packages), in source order. */
  readonly handwrittenImports: readonly HandwrittenRef[];
  /** Handwritten project file → content digest, for every file its digest covers. */
  readonly handwrittenDigests: Readonly<Record<string, Digest>>;
}

/** A Jaunt-generated file whose spec module is gone or no longer has specs. */
export interface Orphan {
  readonly generatedFile: string;
  /** The `source_module` its header names. */
  readonly sourceModule: string;
  readonly kind: ModuleKind;
}

export interface Plan {
  readonly version: 1;
  /** Absolute project root. */
  readonly root: string;
  readonly config: JauntConfig;
  /** Every module, build and test, sorted by id. */
  readonly modules: readonly PlannedModule[];
  /** Every spec by SpecRef. */
  readonly specs: Readonly<Record<string, PlannedSpec>>;
  /** All module ids in dependency order (dependencies first, critical path first among ready ones). */
  readonly order: readonly string[];
  /** Ids of stale modules in the order they would be generated (conflicts excluded: they cannot be written). */
  readonly buildOrder: readonly string[];
  readonly orphans: readonly Orphan[];
  /** Things that silently do nothing (specs outside the roots, …), with `file:line` and the fix; fatal only under `--strict`. */
  readonly warnings: readonly DiscoveryProblemData[];
  /** Files planning looked at beyond the walked ones (resolution: tsconfig.json, package.json, probed paths; handwritten files), with their stamps (null: absent), and the globs it listed (workspaces) with their matches. */
  readonly probes: ProbeRecord;
  /** Every handwritten project file some module's digest covers (direct imports and what they import), sorted. */
  readonly handwrittenFiles: readonly string[];
  /** Request digest per module kind (the user's prompt overrides; see digests.ts). */
  readonly requestDigests: Readonly<Record<ModuleKind, Digest>>;
}
