/** Plan a temp project in-process. */
import { planProject } from "../../src/graph/plan.ts";
import type { Plan, PlannedModule } from "../../src/graph/plan-types.ts";
import type { TempProject } from "../discovery/temp-project.ts";

export function plan(project: TempProject, options: { inferDeps?: boolean; cache?: boolean } = {}): Promise<Plan> {
  return planProject({ config: project.config(), cache: options.cache ?? false, ...(options.inferDeps === undefined ? {} : { inferDeps: options.inferDeps }) });
}

export function mod(p: Plan, id: string): PlannedModule {
  const found = p.modules.find((m) => m.id === id);
  if (!found) throw new Error(`no module ${id} in plan: ${p.modules.map((m) => m.id).join(", ")}`);
  return found;
}

/** Deps of a spec, by ref. */
export function depsOf(p: Plan, ref: string): readonly string[] {
  const spec = p.specs[ref];
  if (!spec) throw new Error(`no spec ${ref}`);
  return spec.deps;
}
