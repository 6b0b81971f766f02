/** Read-only questions about a Plan that later stages (prompts, scheduler) ask. */
import type { Plan, PlannedModule, PlannedSpec } from "./plan-types.ts";

/** Modules by id, per (read-only) module list: preparing a run asks once per dependency of every module. */
const indexes = new WeakMap<readonly PlannedModule[], ReadonlyMap<string, PlannedModule>>();

/** The planned module with this id (module name), or undefined. */
export function moduleById(plan: Plan, id: string): PlannedModule | undefined {
  let index = indexes.get(plan.modules);
  if (!index) {
    const byId = new Map<string, PlannedModule>();
    for (const m of plan.modules) if (!byId.has(m.id)) byId.set(m.id, m);
    indexes.set(plan.modules, (index = byId));
  }
  return index.get(id);
}

const specFileSets = new WeakMap<readonly PlannedModule[], ReadonlySet<string>>();

/** Project-relative files of every spec module in the plan. */
export function specFilesOf(plan: Plan): ReadonlySet<string> {
  let files = specFileSets.get(plan.modules);
  if (!files) specFileSets.set(plan.modules, (files = new Set(plan.modules.map((m) => m.file))));
  return files;
}

/** The planned specs of a module, in source order. */
export function specsOf(plan: Plan, id: string): PlannedSpec[] {
  return (moduleById(plan, id)?.specRefs ?? []).flatMap((ref) => plan.specs[ref] ?? []);
}

/** One dependency spec as a prompt shows it. */
export interface DependencyApi {
  readonly ref: string;
  readonly module: string;
  readonly name: string;
  readonly kind: PlannedSpec["kind"];
  /** JSDoc + signatures, no bodies. */
  readonly publicApi: string;
}

/**
 * The public API of the specs that a module's specs depend on, outside the
 * module itself, sorted by SpecRef: what the build prompt shows of other
 * modules, and what the test prompt shows of the specs under test.
 */
export function dependencyApiOf(plan: Plan, id: string): DependencyApi[] {
  const own = new Set(moduleById(plan, id)?.specRefs ?? []);
  const refs = new Set<string>();
  for (const spec of specsOf(plan, id)) for (const dep of spec.deps) if (!own.has(dep)) refs.add(dep);
  return [...refs].sort().flatMap((ref) => {
    const spec = plan.specs[ref];
    return spec ? [{ ref, module: spec.module, name: spec.name, kind: spec.kind, publicApi: spec.info.publicApi }] : [];
  });
}
