/**
 * The module graph derived from the spec graph (module A depends on module B
 * when a spec of A depends on a spec of B, A ≠ B), and the cycle checks of
 * both. A module is generated as one unit, so a cycle between modules is an
 * error even when the specs themselves do not cycle.
 */
import { JauntDependencyCycleError } from "@jaunt/runtime";
import { findCycle } from "./find-cycle.ts";
import type { SpecGraph } from "./spec-graph.ts";

/** Module name → module names it depends on (sorted). */
export type ModuleDeps = ReadonlyMap<string, readonly string[]>;

export function deriveModuleDeps(graph: SpecGraph, modules: readonly string[]): ModuleDeps {
  const deps = new Map<string, Set<string>>(modules.map((m) => [m, new Set<string>()]));
  for (const [ref, targets] of graph.deps) {
    const from = graph.moduleOf.get(ref);
    if (from === undefined) continue;
    for (const target of targets) {
      const to = graph.moduleOf.get(target);
      if (to !== undefined && to !== from) deps.get(from)?.add(to);
    }
  }
  return new Map([...deps].map(([m, set]) => [m, [...set].sort()]));
}

/** A spec edge `from → to` that makes module `a` depend on module `b` (the first, in sorted order). */
function witness(graph: SpecGraph, a: string, b: string): [string, string] | undefined {
  for (const ref of [...graph.deps.keys()].sort()) {
    if (graph.moduleOf.get(ref) !== a) continue;
    const target = graph.deps.get(ref)?.find((t) => graph.moduleOf.get(t) === b);
    if (target !== undefined) return [ref, target];
  }
  return undefined;
}

/** Throw a JauntDependencyCycleError for the first spec cycle, else the first module cycle. */
export function assertAcyclic(graph: SpecGraph, moduleDeps: ModuleDeps): void {
  const specCycle = findCycle([...graph.deps.keys()], (ref) => graph.deps.get(ref) ?? []);
  if (specCycle) throw new JauntDependencyCycleError(specCycle);
  const moduleCycle = findCycle([...moduleDeps.keys()], (m) => moduleDeps.get(m) ?? []);
  if (!moduleCycle) return;
  // Show the cycle as the spec edges that close it: a:x -> b:y, b:z -> a:w ...
  const path: string[] = [];
  const edges: string[] = [];
  for (let i = 0; i + 1 < moduleCycle.length; i += 1) {
    const from = moduleCycle[i];
    const to = moduleCycle[i + 1];
    if (from === undefined || to === undefined) continue;
    const edge = witness(graph, from, to);
    if (!edge) continue;
    path.push(...edge);
    edges.push(`${edge[0]} uses ${edge[1]}`);
  }
  if (path[0] !== undefined) path.push(path[0]);
  throw new JauntDependencyCycleError(path, {
    hint: `modules ${moduleCycle.join(" -> ")} depend on each other (${edges.join("; ")}); ` +
      "a module is generated as one unit, so move one of these specs to another module or drop the dependency",
  });
}
