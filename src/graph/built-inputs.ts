/**
 * What each generated module was built from, `.jaunt/inputs/<module>.json`:
 * the header digest it goes with, the module digest those inputs give in
 * today's format, and the inputs themselves — each spec's digest, code-only
 * digest and meaning text, each dependency module's digest, each handwritten
 * file's digest, the request digest. Written when Jaunt writes or stamps a
 * module, and when planning recognises a header of an older digest format
 * (the header is kept: it is rewritten only when the module is written
 * anyway). Read only for modules whose header digest differs from the
 * current one: to recognise an equivalent older header, and to name what
 * changed, to the word (drift.ts). One small file per module, so explaining
 * one stale module never reads the others'. Missing or damaged: nothing is
 * known (never fatal).
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { meaningOf } from "../discovery/meaning-text.ts";
import { writeCacheFileAtomic } from "../generated/atomic-write.ts";
import { isRecord } from "../support/is-record.ts";
import { parseJson } from "../support/json.ts";
import type { Digest } from "./digests.ts";
import type { Plan, PlannedModule } from "./plan-types.ts";

const FORMAT = 1;
export const BUILT_INPUTS_DIR = ".jaunt/inputs";

export interface BuiltSpec {
  readonly digest: string;
  /** Digest of the spec's code tokens alone: equal when only comment or JSDoc text changed. */
  readonly code: string;
  /** The spec's meaning text (meaning-text.ts), what `status` diffs against. */
  readonly text: string;
}

export interface BuiltInputs {
  /** The module digest in the generated file's header these inputs go with. */
  readonly header: string;
  /** The module digest these inputs give in today's format (equal to `header` unless an older format wrote it). */
  readonly digest: string;
  readonly specs: Readonly<Record<string, BuiltSpec>>;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly handwritten: Readonly<Record<string, string>>;
  readonly request: string;
}

function fileOf(root: string, module: string): string {
  return path.join(root, BUILT_INPUTS_DIR, `${module}.json`);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === "string");
}

function isBuiltSpec(value: unknown): value is BuiltSpec {
  return isRecord(value) && typeof value.digest === "string" && typeof value.code === "string" && typeof value.text === "string";
}

function isSpecRecord(value: unknown): value is Record<string, BuiltSpec> {
  return isRecord(value) && Object.values(value).every(isBuiltSpec);
}

/** The record of `module`, or undefined when missing or damaged. */
export function readBuiltInputs(root: string, module: string): BuiltInputs | undefined {
  let text: string;
  try {
    text = readFileSync(fileOf(root, module), "utf8");
  } catch {
    return undefined;
  }
  const value = parseJson(text);
  if (!isRecord(value) || value.format !== FORMAT || typeof value.header !== "string" || typeof value.digest !== "string" || typeof value.request !== "string") return undefined;
  if (!isSpecRecord(value.specs) || !isStringRecord(value.dependencies) || !isStringRecord(value.handwritten)) return undefined;
  return { header: value.header, digest: value.digest, specs: value.specs, dependencies: value.dependencies, handwritten: value.handwritten, request: value.request };
}

/** Spec meaning text and code digest, as recorded. */
export function builtSpecOf(digest: Digest, sourceText: string): BuiltSpec {
  const meaning = meaningOf(sourceText);
  return { digest, code: `sha256:${Bun.CryptoHasher.hash("sha256", meaning.code, "hex")}`, text: meaning.text };
}

/** The inputs `module` of `plan` is built from now, recorded with `header` (the digest its header carries). */
export function inputsOf(plan: Plan, module: PlannedModule, header: string = module.digest): BuiltInputs {
  const specs: Record<string, BuiltSpec> = {};
  for (const ref of module.specRefs) {
    const spec = plan.specs[ref];
    if (spec) specs[ref] = builtSpecOf(spec.digest, spec.info.text);
  }
  const digests = new Map(plan.modules.map((m) => [m.id, m.digest]));
  const dependencies = Object.fromEntries(module.dependsOn.map((d) => [d, digests.get(d) ?? ""]));
  return { header, digest: module.digest, specs, dependencies, handwritten: module.handwrittenDigests, request: plan.requestDigests[module.kind] };
}

/** Write the record of `module` (atomically; failures ignored: the record only explains and upgrades). */
export async function writeBuiltInputs(root: string, module: string, inputs: BuiltInputs): Promise<void> {
  const file = fileOf(root, module);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    await writeCacheFileAtomic(file, `${JSON.stringify({ format: FORMAT, ...inputs })}\n`);
  } catch {
    // optional record
  }
}
