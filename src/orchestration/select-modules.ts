/**
 * Which planned modules a run generates: the stale ones (default), all of a
 * kind (`force`), or a target — a SpecRef or module — with its dependencies.
 * With a target, `force` re-rolls the target module only; its dependencies
 * are built when stale. Hand-edited modules are left alone unless forced.
 * Conflicting modules (a file without the Jaunt header in their place) are
 * selected too, so the run reports them as failures instead of silently
 * leaving them out.
 */
import { JauntError } from "@jaunt/runtime";
import path from "node:path";
import type { ModuleKind } from "../discovery/types.ts";
import type { Plan, PlannedModule } from "../graph/plan-types.ts";
import { didYouMean } from "../support/did-you-mean.ts";

export interface SelectOptions {
  readonly kind: ModuleKind;
  readonly force?: boolean;
  /** `src/slug:slugify`, `src/slug` or `src/slug.ts`. */
  readonly target?: string;
  /** The folder the command runs in: a target not found from the project root is tried relative to it. */
  readonly cwd?: string;
}

export interface Selection {
  /** Modules to generate, in plan order. */
  readonly modules: readonly PlannedModule[];
  /** Modules of the kind left alone because they are fresh. */
  readonly fresh: readonly PlannedModule[];
  /** Ids of the modules `force` selected: re-rolled, the model is asked even when the cache has an answer. */
  readonly forced: readonly string[];
}

/**
 * The module a target names: project-relative (`src/slug`, `src/slug.ts`,
 * `src/slug:slugify`), or — when that names nothing — a path relative to `cwd`
 * (`slug.ts` or `./slug:slugify` typed in `src/`, or an absolute path).
 * @throws {JauntError} `build.unknown_target` (exit 2).
 */
export function targetModule(plan: Plan, target: string, cwd?: string): PlannedModule {
  const byId = new Map(plan.modules.map((module) => [module.id, module]));
  for (const written of targetCandidates(plan.root, target, cwd)) {
    const candidate = written.replace(/\.(?:ts|tsx|mts)(?=:|$)/, "").replace(/^\.\//, "");
    const spec = plan.specs[candidate];
    const found = byId.get(spec?.module ?? candidate);
    if (found) return found;
  }
  const suggestion = didYouMean(target, [...byId.keys(), ...Object.keys(plan.specs)]);
  throw new JauntError(`unknown target "${target}": no spec module or SpecRef of that name`, "build.unknown_target", 2, {
    hint: suggestion
      ? `did you mean "${suggestion}"?`
      : "targets are module paths from the project root (src/slug) or SpecRefs (src/slug:slugify); run `jaunt status` to list them",
  });
}

/** The target as written, then the same path taken from `cwd` and made project-relative (when inside the project). */
function targetCandidates(root: string, target: string, cwd: string | undefined): string[] {
  if (cwd === undefined) return [target];
  const colon = /:([A-Za-z_$][\w$]*)$/.exec(target);
  const file = colon ? target.slice(0, colon.index) : target;
  const relative = path.relative(root, path.resolve(cwd, file)).split(path.sep).join("/");
  if (relative === "" || relative.startsWith("../") || relative === ".." || path.isAbsolute(relative)) return [target];
  return [target, colon ? `${relative}:${colon[1]}` : relative];
}

/** The target's module and everything it depends on, transitively. */
function withDependencies(plan: Plan, start: PlannedModule): Set<string> {
  const byId = new Map(plan.modules.map((module) => [module.id, module]));
  const seen = new Set<string>();
  const stack = [start.id];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return seen;
}

/** Select the modules to generate. Throws `build.unknown_target` (exit 2). */
export function selectModules(plan: Plan, options: SelectOptions): Selection {
  const target = options.target === undefined ? undefined : targetModule(plan, options.target, options.cwd);
  const scope = target === undefined ? undefined : withDependencies(plan, target);
  const position = new Map(plan.order.map((id, index) => [id, index]));
  const candidates = plan.modules
    .filter((module) => module.kind === options.kind && (scope === undefined || scope.has(module.id)))
    .sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  const forced = (module: PlannedModule): boolean => options.force === true && (target === undefined || target.id === module.id);
  const wanted = (module: PlannedModule): boolean => forced(module) || (module.status !== "fresh" && module.status !== "edited");
  return { modules: candidates.filter(wanted), fresh: candidates.filter((module) => !wanted(module)), forced: candidates.filter(forced).map((module) => module.id) };
}
