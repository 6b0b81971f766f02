/**
 * Property tests run fast-check from the user's project: it is their dev
 * dependency, never Jaunt's. Before any generation, `jaunt test` checks that
 * a project whose specs have `@property` lines can import it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import { propertyLines } from "../../generation/properties/extract.ts";
import { dependencyApiOf, specsOf } from "../../graph/plan-queries.ts";
import type { Plan } from "../../graph/plan-types.ts";

/** The first spec (`file`, ref) of a test module whose JSDoc has a `@property` line, if any. */
export function firstPropertySpec(plan: Plan): { readonly ref: string; readonly file: string } | undefined {
  for (const module of plan.modules) {
    if (module.kind !== "test") continue;
    const own = specsOf(plan, module.id).find((spec) => propertyLines(spec.info.text).length > 0);
    if (own) return { ref: own.ref, file: module.file };
    const tested = dependencyApiOf(plan, module.id).find((dep) => propertyLines(dep.publicApi).length > 0);
    if (tested) return { ref: tested.ref, file: plan.modules.find((m) => m.id === tested.module)?.file ?? module.file };
  }
  return undefined;
}

/** True when `fast-check` is installed where the project's files resolve packages (its node_modules or an ancestor's). */
export function fastCheckInstalled(root: string): boolean {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "node_modules", "fast-check", "package.json"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/** @throws {JauntConfigError} `config.fast_check_missing` (exit 2) when a spec has a `@property` line and fast-check is not installed. */
export function requireFastCheck(plan: Plan): void {
  const spec = firstPropertySpec(plan);
  if (!spec || fastCheckInstalled(plan.root)) return;
  throw new JauntConfigError(`${spec.ref} has a @property line, and property tests need fast-check, which this project does not have`, "config.fast_check_missing", {
    location: { file: path.join(plan.root, spec.file) },
    hint: "bun add -d fast-check",
  });
}
