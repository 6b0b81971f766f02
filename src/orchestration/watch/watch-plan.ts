/** Plan questions `jaunt watch` asks between and during cycles. */
import type { ModuleReport } from "../build-report.ts";
import { loadPlan, type BuildOptions } from "../build.ts";
import type { Plan, PlannedModule } from "../../graph/plan-types.ts";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Modules of `queue` whose digest a fresh plan no longer agrees with (their
 * spec, a dependency or the prompt overrides changed), or that are gone. A
 * plan that fails (a syntax error mid-edit) changes nothing: the cycle goes on
 * and the next cycle reports the error.
 */
export async function changedModules(options: Pick<BuildOptions, "cwd" | "root" | "inferDeps">, queue: readonly PlannedModule[]): Promise<string[]> {
  let plan: Plan;
  try {
    plan = (await loadPlan(options)).plan;
  } catch {
    return [];
  }
  const digests = new Map(plan.modules.map((m) => [m.id, m.digest]));
  return queue.filter((m) => digests.get(m.id) !== m.digest).map((m) => m.id);
}

/**
 * Generated test files to run after a cycle: test modules generated in it,
 * and test modules that depend (transitively) on a source module built in it.
 */
export function affectedTests(plan: Plan, reports: readonly ModuleReport[]): string[] {
  const built = new Set(reports.filter((r) => r.status === "built").map((r) => r.module));
  const byId = new Map(plan.modules.map((m) => [m.id, m]));
  const reaches = (id: string, seen = new Set<string>()): boolean => {
    if (built.has(id)) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return (byId.get(id)?.dependsOn ?? []).some((dep) => reaches(dep, seen));
  };
  return plan.modules
    .filter((m) => m.kind === "test" && reaches(m.id) && existsSync(path.join(plan.root, m.generatedFile)))
    .map((m) => m.generatedFile);
}
