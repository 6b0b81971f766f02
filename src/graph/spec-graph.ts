/**
 * The spec dependency graph (DESIGN §5 step 3): explicit `deps` plus, unless
 * disabled, deps inferred from the names a spec's text references, resolved
 * through relative imports, re-exports (`export { a } from`, `export * from`)
 * and the spec's own module. Test specs depend on source specs; nothing
 * depends on a test spec.
 */
import type { Discovery } from "../discovery/discover.ts";
import type { DiscoveryProblemData, ModuleInfo, SpecInfo } from "../discovery/types.ts";

export interface SpecGraphOptions {
  /** Infer deps of source specs from references (`[build] infer_deps`). */
  readonly inferBuildDeps: boolean;
  /** Infer deps of test specs from references (`[test] infer_deps`). */
  readonly inferTestDeps: boolean;
}

export interface SpecGraph {
  /** Every spec by SpecRef. */
  readonly specs: ReadonlyMap<string, SpecInfo>;
  /** SpecRef → module name of the module holding it. */
  readonly moduleOf: ReadonlyMap<string, string>;
  /** SpecRef → SpecRefs it depends on (sorted, unique, never itself). */
  readonly deps: ReadonlyMap<string, readonly string[]>;
  /** `deps` entries that name no spec, and similar problems. */
  readonly problems: readonly DiscoveryProblemData[];
}

/** Per-module lookup tables, so each referenced name costs a map lookup instead of scans of specs and imports. */
interface ModuleIndex {
  readonly specs: ReadonlyMap<string, SpecInfo>;
  /** Local name → the first import (with a resolved file) that binds it, as the linear scan found it. */
  readonly bindings: ReadonlyMap<string, { readonly resolvedFile: string; readonly imported: string }>;
}

/** Resolves names to specs over one discovery, memoising module indexes and re-export lookups. */
class NameResolver {
  private readonly indexes = new Map<ModuleInfo, ModuleIndex>();
  /** file → exported name → spec (or undefined), for top-level lookups. */
  private readonly exports = new Map<string, Map<string, SpecInfo | undefined>>();

  constructor(private readonly files: ReadonlyMap<string, ModuleInfo>) {}

  /** Resolve a name as written in `info` (`x` or `ns.x`) to a spec. */
  resolveName(info: ModuleInfo, text: string): SpecInfo | undefined {
    const dot = text.indexOf(".");
    const head = dot === -1 ? text : text.slice(0, dot);
    const member = dot === -1 ? undefined : text.slice(dot + 1);
    const index = this.indexOf(info);
    if (member === undefined) {
      const local = index.specs.get(head);
      if (local) return local;
    }
    const binding = index.bindings.get(head);
    if (!binding) return undefined;
    if (binding.imported === "*") return member === undefined ? undefined : this.resolveExport(binding.resolvedFile, member);
    return member === undefined ? this.resolveExport(binding.resolvedFile, binding.imported) : undefined;
  }

  /** The spec an exported name of `file` stands for, following re-exports. */
  private resolveExport(file: string, name: string): SpecInfo | undefined {
    let names = this.exports.get(file);
    if (!names) {
      names = new Map();
      this.exports.set(file, names);
    }
    if (names.has(name)) return names.get(name);
    const info = this.files.get(file);
    // Usually the file defines the spec itself: no re-export walk needed.
    const found = (info && this.indexOf(info).specs.get(name)) ?? this.followExport(file, name, new Set());
    names.set(name, found);
    return found;
  }

  private followExport(file: string, name: string, seen: Set<string>): SpecInfo | undefined {
    const key = `${file}\0${name}`;
    if (seen.has(key)) return undefined; // re-export loops resolve to nothing
    seen.add(key);
    const info = this.files.get(file);
    if (!info) return undefined;
    const own = this.indexOf(info).specs.get(name);
    if (own) return own;
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
    // First spec of a name wins, as `find` did (duplicates are reported elsewhere).
    for (const spec of info.specs) if (!specs.has(spec.name)) specs.set(spec.name, spec);
    const bindings = new Map<string, { resolvedFile: string; imported: string }>();
    for (const decl of info.imports) {
      if (decl.resolvedFile === undefined) continue;
      for (const binding of decl.bindings) {
        if (!bindings.has(binding.local)) bindings.set(binding.local, { resolvedFile: decl.resolvedFile, imported: binding.imported });
      }
    }
    const index = { specs, bindings };
    this.indexes.set(info, index);
    return index;
  }
}

/** Build the spec graph; problems are returned for the caller to report with discovery's. */
export function buildSpecGraph(discovery: Discovery, options: SpecGraphOptions): SpecGraph {
  const specs = new Map<string, SpecInfo>();
  const moduleOf = new Map<string, string>();
  for (const info of discovery.modules) {
    for (const spec of info.specs) {
      specs.set(spec.ref, spec);
      moduleOf.set(spec.ref, info.module);
    }
  }
  const deps = new Map<string, readonly string[]>();
  const problems: DiscoveryProblemData[] = [];
  const names = new NameResolver(discovery.files);
  for (const info of discovery.modules) {
    const infer = info.kind === "test" ? options.inferTestDeps : options.inferBuildDeps;
    for (const spec of info.specs) {
      const found = new Set<string>();
      for (const name of spec.options.deps) {
        const target = names.resolveName(info, name);
        if (!target || target.kind === "test") {
          problems.push({
            file: info.file,
            line: spec.range.start.line,
            column: spec.range.start.column,
            message: `\`deps\` of \`${spec.name}\` names \`${name}\`, which is not a source spec`,
            hint: "deps must name magic() functions or @magic() classes, imported with a relative import or from the same module",
          });
        } else if (target.ref !== spec.ref) {
          found.add(target.ref);
        }
      }
      if (infer) {
        for (const name of spec.references) {
          const target = names.resolveName(info, name);
          if (target && target.kind !== "test" && target.ref !== spec.ref) found.add(target.ref);
        }
      }
      deps.set(spec.ref, [...found].sort());
    }
  }
  return { specs, moduleOf, deps, problems };
}
