/**
 * Digests (DESIGN §5 step 4), all `sha256:<64 hex>`:
 * - spec digest: the spec text's meaning (discovery/meaning-text.ts: tokens,
 *   literal values, comment words) + kind + name + options, so a formatter
 *   run keeps it;
 * - request digest: what the user controls about the request for a module
 *   kind — the texts of their `[prompts]` overrides (a packaged template
 *   counts as "packaged", not as its text);
 * - module digest: request digest + module name + its specs' digests in name
 *   order + its dependency modules' digests (which include theirs: transitive)
 *   + the content digests of the handwritten project files it imports.
 * Inputs never include timestamps, the environment, lockfiles or absolute
 * paths — nor who answers: the Jaunt version, the model and the packaged
 * prompt templates are recorded (header, .jaunt/written.json), not hashed,
 * so an upgrade or a model switch restales nothing (`--force` opts in).
 */
import { CONFIG_DEFAULTS } from "../config/defaults.ts";
import { loadPromptTemplates, type PromptTemplate } from "../assets/prompts.ts";
import type { JauntConfig } from "../config/types.ts";
import { meaningOf } from "../discovery/meaning-text.ts";
import { normalizeText } from "../discovery/normalize-text.ts";
import type { ModuleKind, SpecInfo } from "../discovery/types.ts";

export type Digest = `sha256:${string}`;

function digestOf(value: unknown): Digest {
  // The static hash skips creating a hasher object: measurably faster over thousands of modules.
  return `sha256:${Bun.CryptoHasher.hash("sha256", JSON.stringify(value), "hex")}`;
}

/** The spec digest's version tag; caches of spec digests are keyed by it. */
export const SPEC_DIGEST_VERSION = "jaunt-spec/2";

export function specDigest(spec: SpecInfo): Digest {
  return digestOf([SPEC_DIGEST_VERSION, spec.kind, spec.name, meaningOf(spec.text).text, spec.options.deps, spec.options.prompt ?? null]);
}

/**
 * The spec digest of the previous format (`jaunt-spec/1`: line endings and
 * trailing blanks ignored, nothing else). Headers written with it are still
 * recognised as fresh (plan.ts), so an upgrade regenerates nothing.
 */
export function legacySpecDigest(spec: SpecInfo): Digest {
  return digestOf(["jaunt-spec/1", spec.kind, spec.name, normalizeText(spec.text), spec.options.deps, spec.options.prompt ?? null]);
}

/** Content digest of a handwritten file: its meaning, so reformatting a helper restales nothing. */
export function handwrittenDigest(text: string): Digest {
  return `sha256:${Bun.CryptoHasher.hash("sha256", `jaunt-file/2\0${meaningOf(text).text}`, "hex")}`;
}

/**
 * What the user controls about the request besides the specs: the prompt
 * templates they override in `[prompts]` (text, or null for a packaged one),
 * in a fixed order (build: build_system, build_module; test: test_*).
 */
export interface RequestInput {
  readonly overrides: readonly (string | null)[];
  /** Settings that change the output, as `key=value`, only when not at their default (so adding one restales nothing). */
  readonly settings?: readonly string[];
}

export function requestDigest(kind: ModuleKind, input: RequestInput): Digest {
  const settings = input.settings ?? [];
  return digestOf(["jaunt-request/1", kind, input.overrides.map((text) => (text === null ? null : normalizeText(text))), ...(settings.length > 0 ? [settings] : [])]);
}

export interface ModuleDigestInput {
  readonly module: string;
  readonly kind: ModuleKind;
  /** The module kind's request digest (`requestDigest`). */
  readonly request: Digest;
  /** Spec name → spec digest (any order; sorted here). */
  readonly specDigests: ReadonlyMap<string, Digest>;
  /** Dependency module name → its module digest (any order; sorted here). */
  readonly dependencyDigests: ReadonlyMap<string, Digest>;
  /** Handwritten project file it imports → content digest (any order; sorted here). */
  readonly handwritten?: ReadonlyMap<string, Digest>;
}

function sortedEntries(map: ReadonlyMap<string, Digest>): [string, Digest][] {
  const entries = [...map];
  return entries.length < 2 ? entries : entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function moduleDigest(input: ModuleDigestInput): Digest {
  return digestOf([
    "jaunt-module/2",
    input.kind,
    input.module,
    input.request,
    sortedEntries(input.specDigests),
    sortedEntries(input.dependencyDigests),
    sortedEntries(input.handwritten ?? new Map()),
  ]);
}

/** Request digests per kind: only the user's `[prompts]` overrides count, never the packaged templates. */
export async function requestDigests(config: JauntConfig): Promise<Record<ModuleKind, Digest>> {
  const t = await loadPromptTemplates(config);
  const own = (template: PromptTemplate): string | null => (template.source === "packaged" ? null : template.text);
  return {
    build: requestDigest("build", { overrides: [own(t.build_system), own(t.build_module)] }),
    // property_runs is written into each property test: a change regenerates the tests.
    test: requestDigest("test", {
      overrides: [own(t.test_system), own(t.test_module)],
      settings: config.test.propertyRuns === CONFIG_DEFAULTS.test.property_runs ? [] : [`property_runs=${config.test.propertyRuns}`],
    }),
  };
}
