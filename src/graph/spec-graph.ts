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

/** Finds the spec an exported name of `file` stands for, following re-exports. */
function resolveExport(files: ReadonlyMap<string, ModuleInfo>, file: string, name: string, seen: Set<string>): SpecInfo | undefined {
  const key = `${file}\0${name}`;
  if (seen.has(key)) return undefined; // re-export loops resolve to nothing
  seen.add(key);
  const info = files.get(file);
  if (!info) return undefined;
  const own = info.specs.find((spec) => spec.name === name);
  if (own) return own;
  for (const re of info.reExports) {
    if (re.resolvedFile === undefined) continue;
    if (re.names === undefined) {
      if (name === "default") continue;
      const found = resolveExport(files, re.resolvedFile, name, seen);
      if (found) return found;
    } else {
      const entry = re.names.find((n) => n.exported === name);
      if (entry) return resolveExport(files, re.resolvedFile, entry.imported, seen);
    }
  }
  return undefined;
}

/** Resolve a name as written in `info` (`x` or `ns.x`) to a spec. */
function resolveName(files: ReadonlyMap<string, ModuleInfo>, info: ModuleInfo, text: string): SpecInfo | undefined {
  const dot = text.indexOf(".");
  const head = dot === -1 ? text : text.slice(0, dot);
  const member = dot === -1 ? undefined : text.slice(dot + 1);
  if (member === undefined) {
    const local = info.specs.find((spec) => spec.name === head);
    if (local) return local;
  }
  for (const decl of info.imports) {
    if (decl.resolvedFile === undefined) continue;
    const binding = decl.bindings.find((b) => b.local === head);
    if (!binding) continue;
    if (binding.imported === "*") return member === undefined ? undefined : resolveExport(files, decl.resolvedFile, member, new Set());
    return member === undefined ? resolveExport(files, decl.resolvedFile, binding.imported, new Set()) : undefined;
  }
  return undefined;
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
  for (const info of discovery.modules) {
    const infer = info.kind === "test" ? options.inferTestDeps : options.inferBuildDeps;
    for (const spec of info.specs) {
      const found = new Set<string>();
      for (const name of spec.options.deps) {
        const target = resolveName(discovery.files, info, name);
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
          const target = resolveName(discovery.files, info, name);
          if (target && target.kind !== "test" && target.ref !== spec.ref) found.add(target.ref);
        }
      }
      deps.set(spec.ref, [...found].sort());
    }
  }
  return { specs, moduleOf, deps, problems };
}
