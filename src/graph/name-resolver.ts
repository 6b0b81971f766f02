/**
 * Resolves the names a spec module uses — `x`, `ns.x`, imported or its own —
 * to specs, following imports (already resolved to files by discovery) and
 * re-exports (`export { a } from`, `export * from`, and
 * `import { a } from …; export { a }`). Memoised per module and export.
 */
import type { ModuleInfo, SpecInfo } from "../discovery/types.ts";

/** What a name stands for: a spec, a spec candidate that had a problem (already reported), or nothing. */
export type Resolved =
  | { readonly kind: "spec"; readonly spec: SpecInfo }
  | { readonly kind: "rejected" }
  | { readonly kind: "none"; readonly file: string | undefined };

type Found = SpecInfo | "rejected" | undefined;

interface Binding {
  readonly resolvedFile: string;
  readonly imported: string;
}

interface ModuleIndex {
  readonly specs: ReadonlyMap<string, SpecInfo>;
  readonly rejected: ReadonlySet<string>;
  /** Local name → the first import (with a resolved file) that binds it. */
  readonly bindings: ReadonlyMap<string, Binding>;
  /** Local names exported by `export { a }` / `export { a as b }` without `from`: exported → local. */
  readonly localExports: ReadonlyMap<string, string>;
}

function wrap(found: Found, file: string | undefined): Resolved {
  if (found === "rejected") return { kind: "rejected" };
  return found ? { kind: "spec", spec: found } : { kind: "none", file };
}

export class NameResolver {
  private readonly indexes = new Map<ModuleInfo, ModuleIndex>();
  private readonly exports = new Map<string, Map<string, Found>>();
  private readonly everyExport = new Map<string, readonly SpecInfo[]>();

  constructor(private readonly files: ReadonlyMap<string, ModuleInfo>) {}

  /** Resolve a name as written in `info` (`x` or `ns.x`). */
  resolveName(info: ModuleInfo, text: string): Resolved {
    const dot = text.indexOf(".");
    const head = dot === -1 ? text : text.slice(0, dot);
    const member = dot === -1 ? undefined : text.slice(dot + 1);
    const index = this.indexOf(info);
    if (member === undefined) {
      const local = index.specs.get(head);
      if (local) return { kind: "spec", spec: local };
      if (index.rejected.has(head)) return { kind: "rejected" };
    }
    const binding = index.bindings.get(head);
    if (!binding) return { kind: "none", file: undefined };
    if (binding.imported === "*") return member === undefined ? { kind: "none", file: binding.resolvedFile } : wrap(this.resolveExport(binding.resolvedFile, member), binding.resolvedFile);
    return member === undefined ? wrap(this.resolveExport(binding.resolvedFile, binding.imported), binding.resolvedFile) : { kind: "none", file: binding.resolvedFile };
  }

  /** The specs an import binding of `info` brings in (all exported specs for a namespace import). */
  specsOfBinding(file: string, imported: string): readonly SpecInfo[] {
    return this.specsOf(file, imported, new Set());
  }

  private specsOf(file: string, imported: string, seen: Set<string>): readonly SpecInfo[] {
    if (imported !== "*") {
      const found = this.resolveExport(file, imported);
      return found && found !== "rejected" ? [found] : [];
    }
    return this.exportedSpecs(file, seen);
  }

  /** Every spec `file` exports, directly or through re-exports. */
  private exportedSpecs(file: string, seen: Set<string>): readonly SpecInfo[] {
    const known = this.everyExport.get(file);
    if (known) return known;
    if (seen.has(file)) return [];
    seen.add(file);
    const info = this.files.get(file);
    if (!info) return [];
    const found = new Map<string, SpecInfo>();
    for (const spec of info.specs) found.set(spec.ref, spec);
    for (const re of info.reExports) {
      if (re.resolvedFile === undefined) continue;
      const specs = re.names === undefined
        ? this.exportedSpecs(re.resolvedFile, seen)
        : re.names.flatMap((n) => this.specsOf(re.resolvedFile ?? "", n.imported, seen));
      for (const spec of specs) found.set(spec.ref, spec);
    }
    const index = this.indexOf(info);
    for (const local of index.localExports.values()) {
      const binding = index.bindings.get(local);
      if (binding) for (const spec of this.specsOf(binding.resolvedFile, binding.imported, seen)) found.set(spec.ref, spec);
    }
    const list = [...found.values()];
    this.everyExport.set(file, list);
    return list;
  }

  /** The spec an exported name of `file` stands for, following re-exports. */
  private resolveExport(file: string, name: string): Found {
    let names = this.exports.get(file);
    if (!names) {
      names = new Map();
      this.exports.set(file, names);
    }
    if (names.has(name)) return names.get(name);
    const found = this.followExport(file, name, new Set());
    names.set(name, found);
    return found;
  }

  private followExport(file: string, name: string, seen: Set<string>): Found {
    const key = `${file}\0${name}`;
    if (seen.has(key)) return undefined; // re-export loops resolve to nothing
    seen.add(key);
    const info = this.files.get(file);
    if (!info) return undefined;
    const index = this.indexOf(info);
    const own = index.specs.get(name);
    if (own) return own;
    if (index.rejected.has(name)) return "rejected";
    // `import { a } from "./a"; export { a }`: a barrel written as import + export.
    const local = index.localExports.get(name);
    const binding = local === undefined ? undefined : index.bindings.get(local);
    if (binding) return binding.imported === "*" ? undefined : this.followExport(binding.resolvedFile, binding.imported, seen);
    for (const re of info.reExports) {
      if (re.resolvedFile === undefined) continue;
      if (re.names === undefined) {
        if (name === "default") continue;
        const found = this.followExport(re.resolvedFile, name, seen);
        if (found) return found;
      } else {
        const entry = re.names.find((n) => n.exported === name);
        if (entry) return this.followExport(re.resolvedFile, entry.imported, seen);
      }
    }
    return undefined;
  }

  private indexOf(info: ModuleInfo): ModuleIndex {
    const known = this.indexes.get(info);
    if (known) return known;
    const specs = new Map<string, SpecInfo>();
    // First spec of a name wins (duplicates are reported elsewhere).
    for (const spec of info.specs) if (!specs.has(spec.name)) specs.set(spec.name, spec);
    const bindings = new Map<string, Binding>();
    for (const decl of info.imports) {
      if (decl.resolvedFile === undefined) continue;
      for (const binding of decl.bindings) {
        if (!bindings.has(binding.local)) bindings.set(binding.local, { resolvedFile: decl.resolvedFile, imported: binding.imported });
      }
    }
    const index = { specs, rejected: new Set(info.rejected), bindings, localExports: new Map(Object.entries(info.localExports)) };
    this.indexes.set(info, index);
    return index;
  }
}
