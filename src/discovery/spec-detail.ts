/**
 * Splits a parsed spec into what planning reads (name, kind, options,
 * references…) and the bulky rest (texts, public API, imports used, members,
 * range), which only generation reads. The parse cache stores the two apart
 * so `jaunt status` never loads the bulky part; `joinSpecs` puts them back
 * together as ordinary `SpecInfo` objects whose bulky fields load on first
 * access (they are enumerable getters, so spreading or serialising a spec
 * still sees every field).
 */
import type { SpecInfo } from "./types.ts";
import { isRecord } from "../support/is-record.ts";

/** The fields of a spec that planning never reads. */
export interface SpecDetail {
  readonly range: SpecInfo["range"];
  readonly text: string;
  readonly publicApi: string;
  readonly usedImports: SpecInfo["usedImports"];
  /** null stands for undefined (JSON has no undefined). */
  readonly members: SpecInfo["members"] | null;
}

/** The fields of a spec that planning reads. */
export type LightSpec = Omit<SpecInfo, keyof SpecDetail>;

/** Shape check of stored details: enough to reject damaged data. */
export function isSpecDetail(value: unknown): value is SpecDetail {
  return isRecord(value) && isRecord(value.range) && typeof value.text === "string" && typeof value.publicApi === "string" &&
    Array.isArray(value.usedImports) && (value.members === null || Array.isArray(value.members));
}

export function isLightSpec(value: unknown): value is LightSpec {
  return isRecord(value) && typeof value.ref === "string" && typeof value.name === "string" &&
    (value.kind === "function" || value.kind === "class" || value.kind === "test") &&
    isRecord(value.options) && Array.isArray(value.options.deps) && Array.isArray(value.references);
}

export function lightOf(spec: SpecInfo): LightSpec {
  return { ref: spec.ref, name: spec.name, kind: spec.kind, options: spec.options, references: spec.references };
}

export function detailOf(spec: SpecInfo): SpecDetail {
  return { range: spec.range, text: spec.text, publicApi: spec.publicApi, usedImports: spec.usedImports, members: spec.members ?? null };
}

/**
 * Rebuild specs from their light parts; `loadDetails` is called at most once,
 * on the first access to any bulky field, and must return one detail per spec
 * (it throws when the stored details are damaged).
 */
export function joinSpecs(light: readonly LightSpec[], loadDetails: () => readonly SpecDetail[]): SpecInfo[] {
  let details: readonly SpecDetail[] | undefined;
  const detailAt = (index: number): SpecDetail => {
    details ??= loadDetails();
    const detail = details[index];
    if (!detail) throw new Error(`spec details missing for ${light[index]?.ref ?? `spec #${index}`}`);
    return detail;
  };
  // Same key order as a fresh parse, so serialised specs read the same.
  return light.map((spec, index): SpecInfo => ({
    ref: spec.ref,
    name: spec.name,
    kind: spec.kind,
    get range() {
      return detailAt(index).range;
    },
    get text() {
      return detailAt(index).text;
    },
    get publicApi() {
      return detailAt(index).publicApi;
    },
    options: spec.options,
    get usedImports() {
      return detailAt(index).usedImports;
    },
    references: spec.references,
    get members() {
      return detailAt(index).members ?? undefined;
    },
  }));
}
