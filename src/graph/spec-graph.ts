/**
 * The spec dependency graph (DESIGN §5 step 3): explicit `deps` (names or
 * SpecRef strings) plus, unless disabled, inferred deps. Inference starts
 * from the spec module's imports: a spec reached through an import is a
 * dependency of the specs whose code, JSDoc or comments mention it, and of
 * every spec of the module when none does (a spec module exists to be
 * generated: an imported spec is a dependency, not noise). Test specs depend
 * on source specs; nothing depends on a test spec.
 */
import type { Discovery } from "../discovery/discover.ts";
import type { DiscoveryProblemData, ImportDecl, ModuleInfo, SpecInfo } from "../discovery/types.ts";
import { RUNTIME_PACKAGE } from "../discovery/runtime-package.ts";
import { explicitDeps } from "./explicit-deps.ts";
import { NameResolver } from "./name-resolver.ts";

export interface SpecGraphOptions {
  /** Infer deps of source specs (`[build] infer_deps`). */
  readonly inferBuildDeps: boolean;
  /** Infer deps of test specs (`[test] infer_deps`). */
  readonly inferTestDeps: boolean;
  /** Absolute project root (to tell a SpecRef outside the roots from an unknown one). */
  readonly root: string;
}

/** An import of a spec module that brings in no spec: handwritten code (or a package) the prompt offers. */
export interface HandwrittenRef {
  readonly specifier: string;
  /** Project-relative file it resolves to; undefined for packages and unresolved specifiers. */
  readonly resolvedFile: string | undefined;
}

export interface SpecGraph {
  /** Every spec by SpecRef. */
  readonly specs: ReadonlyMap<string, SpecInfo>;
  /** SpecRef → module name of the module holding it. */
  readonly moduleOf: ReadonlyMap<string, string>;
  /** SpecRef → SpecRefs it depends on (sorted, unique, never itself). */
  readonly deps: ReadonlyMap<string, readonly string[]>;
  /** Module name → its imports that bring in no spec (in source order). */
  readonly handwritten: ReadonlyMap<string, readonly HandwrittenRef[]>;
  /** `deps` entries that name no spec, and similar problems. */
  readonly problems: readonly DiscoveryProblemData[];
  /** `deps` entries that point outside the roots. */
  readonly warnings: readonly DiscoveryProblemData[];
}

function isRuntime(decl: ImportDecl): boolean {
  return decl.specifier === RUNTIME_PACKAGE;
}

/** An import binding of a spec module and the specs it brings in (all exported ones for `* as ns`). */
interface SpecBinding {
  readonly local: string;
  readonly specs: readonly SpecInfo[];
}

/** The import bindings of `info` that bring in specs; imports bringing in none are handwritten. */
function importedSpecs(info: ModuleInfo, names: NameResolver): { bindings: SpecBinding[]; handwritten: HandwrittenRef[] } {
  const bindings: SpecBinding[] = [];
  const handwritten: HandwrittenRef[] = [];
  for (const decl of info.imports) {
    if (isRuntime(decl)) continue;
    const before = bindings.length;
    const file = decl.resolvedFile;
    for (const binding of file === undefined ? [] : decl.bindings) {
      const specs = names.specsOfBinding(file ?? "", binding.imported);
      if (specs.length > 0) bindings.push({ local: binding.local, specs });
    }
    if (bindings.length === before) handwritten.push({ specifier: decl.specifier, resolvedFile: file });
  }
  return { bindings, handwritten };
}

/** Local names (heads of `x` and `ns.x`) that some spec of the module mentions. */
function mentionedNames(info: ModuleInfo): Set<string> {
  const named = new Set<string>();
  for (const spec of info.specs) {
    for (const ref of spec.references) {
      const dot = ref.indexOf(".");
      named.add(dot === -1 ? ref : ref.slice(0, dot));
    }
  }
  return named;
}

/** Build the spec graph; problems and warnings are returned for the caller to report with discovery's. */
export function buildSpecGraph(discovery: Discovery, options: SpecGraphOptions): SpecGraph {
  const specs = new Map<string, SpecInfo>();
  const moduleOf = new Map<string, string>();
  const rejected = new Set<string>();
  for (const info of discovery.files.values()) for (const name of info.rejected) rejected.add(`${info.module}:${name}`);
  for (const info of discovery.modules) {
    for (const spec of info.specs) {
      specs.set(spec.ref, spec);
      moduleOf.set(spec.ref, info.module);
    }
  }
  const deps = new Map<string, readonly string[]>();
  const handwritten = new Map<string, readonly HandwrittenRef[]>();
  const problems: DiscoveryProblemData[] = [];
  const warnings: DiscoveryProblemData[] = [];
  const names = new NameResolver(discovery.files);
  const context = { root: options.root, specs, rejected, walked: discovery.walked, names, probe: discovery.probe, problems, warnings };
  for (const info of discovery.modules) {
    const infer = info.kind === "test" ? options.inferTestDeps : options.inferBuildDeps;
    const imports = importedSpecs(info, names);
    handwritten.set(info.module, imports.handwritten);
    const found: Set<string>[] = [];
    for (const spec of info.specs) {
      const set = spec.options.deps.length === 0 ? new Set<string>() : explicitDeps(context, info, spec);
      if (infer) {
        for (const name of spec.references) {
          const target = names.resolveName(info, name);
          if (target.kind === "spec" && target.spec.kind !== "test" && target.spec.ref !== spec.ref) set.add(target.spec.ref);
        }
      }
      found.push(set);
    }
    if (infer && imports.bindings.length > 0) {
      // An imported binding no spec mentions belongs to the whole module.
      const named = mentionedNames(info);
      for (const binding of imports.bindings) {
        if (named.has(binding.local)) continue;
        for (const target of binding.specs) {
          if (target.kind === "test") continue;
          info.specs.forEach((spec, i) => {
            if (target.ref !== spec.ref) found[i]?.add(target.ref);
          });
        }
      }
    }
    info.specs.forEach((spec, i) => deps.set(spec.ref, [...(found[i] ?? [])].sort()));
  }
  return { specs, moduleOf, deps, handwritten, problems, warnings };
}
