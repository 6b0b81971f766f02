/**
 * The process-wide spec registry. It lives on `globalThis` under a
 * `Symbol.for` key so that every copy of the runtime in a process (the ESM
 * and CJS builds, or the source and a bundle) shares one registry.
 */
import type { SpecSite } from "./spec-location.ts";

export type SpecKind = "function" | "class" | "test";

/** A spec named by its SpecRef, `"<module>:<name>"` (`"src/slug:slugify"`). */
export type SpecRefString = `${string}:${string}`;

/**
 * One entry of `deps`: the spec itself (an imported or earlier spec), or its
 * SpecRef string — needed for a spec defined later in the same module
 * (naming it before its definition throws at import time) or one the module
 * does not import.
 */
export type SpecDep = SpecRefString | ((...args: never[]) => unknown) | (abstract new (...args: never[]) => unknown);

/** Options accepted by `magic()` and `@magic()`. */
export interface MagicOptions {
  /** Specs this one depends on, beyond what its imports and text show (read statically by the CLI). */
  readonly deps?: readonly SpecDep[];
  /** Extra instructions for the LLM, appended to the spec's own text. */
  readonly prompt?: string;
  /**
   * The spec module's path or `file://` URL (pass `import.meta.url`). Needed
   * when stack traces do not show the real file: bundlers, inline source maps.
   */
  readonly specFile?: string;
  /** Name of the generated sibling folder; default `jaunt.toml` `generated_dir`, else `__generated__`. */
  readonly generatedDir?: string;
}

/** `magic`'s first argument is options (not a spec function or class) when it is a plain object. */
export function isMagicOptions(value: unknown): value is MagicOptions {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One registered spec. Entries and their options are frozen. */
export interface RegistryEntry {
  /** `"<module>:<name>"`, e.g. `src/slug:slugify`. */
  readonly ref: string;
  /** Spec module path from the project root, without extension. */
  readonly module: string;
  readonly name: string;
  readonly kind: SpecKind;
  /** Absolute path of the spec module. */
  readonly specFile: string;
  readonly options: Readonly<MagicOptions>;
}

const REGISTRY_KEY = Symbol.for("@jaunt/runtime.registry");

function sharedMap(): Map<string, RegistryEntry> {
  const existing: unknown = Reflect.get(globalThis, REGISTRY_KEY);
  if (existing instanceof Map) return existing;
  const created = new Map<string, RegistryEntry>();
  Object.defineProperty(globalThis, REGISTRY_KEY, { value: created, enumerable: false });
  return created;
}

const entries = sharedMap();

/** Records a spec; a later registration of the same ref (a re-imported module) replaces it. */
export function registerSpec(kind: SpecKind, name: string, site: SpecSite, options: MagicOptions): RegistryEntry {
  const entry: RegistryEntry = Object.freeze({
    ref: `${site.module}:${name}`,
    module: site.module,
    name,
    kind,
    specFile: site.specFile,
    options: Object.freeze({ ...options }),
  });
  entries.set(entry.ref, entry);
  return entry;
}

/** A live read-only view: reflects later registrations, has no way to change them. */
class RegistryView implements ReadonlyMap<string, RegistryEntry> {
  get size(): number {
    return entries.size;
  }
  get(ref: string): RegistryEntry | undefined {
    return entries.get(ref);
  }
  has(ref: string): boolean {
    return entries.has(ref);
  }
  forEach(callback: (entry: RegistryEntry, ref: string, map: ReadonlyMap<string, RegistryEntry>) => void): void {
    for (const [ref, entry] of entries) callback(entry, ref, this);
  }
  entries(): MapIterator<[string, RegistryEntry]> {
    return entries.entries();
  }
  keys(): MapIterator<string> {
    return entries.keys();
  }
  values(): MapIterator<RegistryEntry> {
    return entries.values();
  }
  [Symbol.iterator](): MapIterator<[string, RegistryEntry]> {
    return entries.entries();
  }
}

const view = Object.freeze(new RegistryView());

/**
 * Every spec registered in this process so far, keyed by SpecRef.
 *
 * @example for (const [ref, entry] of registry()) console.log(ref, entry.kind)
 */
export function registry(): ReadonlyMap<string, RegistryEntry> {
  return view;
}
