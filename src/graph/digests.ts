/**
 * Digests (DESIGN §5 step 4), all `sha256:<64 hex>`:
 * - spec digest: normalized spec text + kind + name + options, so
 *   formatting-only edits (trailing spaces, CRLF, trailing blank lines) keep it;
 * - generation fingerprint: tool version, model and the prompt templates used
 *   for that module kind;
 * - module digest: fingerprint + module name + its specs' digests in name
 *   order + its dependency modules' digests (which include theirs: transitive).
 * Inputs never include timestamps, the environment, lockfiles or absolute paths.
 */
import { normalizeText } from "../discovery/normalize-text.ts";
import type { ModuleKind, SpecInfo } from "../discovery/types.ts";

export type Digest = `sha256:${string}`;

function digestOf(value: unknown): Digest {
  // The static hash skips creating a hasher object: measurably faster over thousands of modules.
  return `sha256:${Bun.CryptoHasher.hash("sha256", JSON.stringify(value), "hex")}`;
}

/** The spec digest's version tag; caches of spec digests are keyed by it. */
export const SPEC_DIGEST_VERSION = "jaunt-spec/1";

export function specDigest(spec: SpecInfo): Digest {
  return digestOf([SPEC_DIGEST_VERSION, spec.kind, spec.name, normalizeText(spec.text), spec.options.deps, spec.options.prompt ?? null]);
}

/** What besides the specs decides generated output. */
export interface FingerprintInput {
  readonly toolVersion: string;
  readonly model: string;
  /** Template texts used for this kind (build: build_system + build_module; test: test_*), in a fixed order. */
  readonly templates: readonly string[];
}

export function generationFingerprint(kind: ModuleKind, input: FingerprintInput): Digest {
  return digestOf(["jaunt-fingerprint/1", kind, input.toolVersion, input.model, input.templates]);
}

export interface ModuleDigestInput {
  readonly module: string;
  readonly kind: ModuleKind;
  readonly fingerprint: Digest;
  /** Spec name → spec digest (any order; sorted here). */
  readonly specDigests: ReadonlyMap<string, Digest>;
  /** Dependency module name → its module digest (any order; sorted here). */
  readonly dependencyDigests: ReadonlyMap<string, Digest>;
}

function sortedEntries(map: ReadonlyMap<string, Digest>): [string, Digest][] {
  const entries = [...map];
  return entries.length < 2 ? entries : entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function moduleDigest(input: ModuleDigestInput): Digest {
  return digestOf([
    "jaunt-module/1",
    input.kind,
    input.module,
    input.fingerprint,
    sortedEntries(input.specDigests),
    sortedEntries(input.dependencyDigests),
  ]);
}
