/**
 * Build order: a topological order of modules, dependencies first. Among
 * modules that are ready at the same time, the one with the longest chain of
 * dependents goes first (critical path first), then by name.
 */

/** Longest path (in modules, counting itself) from each module down through its dependents. */
export function downstreamLengths(deps: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const dependents = dependentsOf(deps);
  const memo = new Map<string, number>();
  const lengthOf = (module: string): number => {
    const known = memo.get(module);
    if (known !== undefined) return known;
    let longest = 0;
    for (const dependent of dependents.get(module) ?? []) longest = Math.max(longest, lengthOf(dependent));
    memo.set(module, longest + 1);
    return longest + 1;
  };
  for (const module of deps.keys()) lengthOf(module);
  return memo;
}

/** Module → modules that depend on it directly (sorted). */
export function dependentsOf(deps: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const dependents = new Map<string, string[]>([...deps.keys()].map((m) => [m, []]));
  for (const [module, targets] of deps) {
    for (const target of targets) dependents.get(target)?.push(module);
  }
  for (const list of dependents.values()) list.sort();
  return dependents;
}

/** Topological order of the (acyclic) module graph, critical path first. */
export function buildOrder(deps: ReadonlyMap<string, readonly string[]>): string[] {
  const downstream = downstreamLengths(deps);
  const dependents = dependentsOf(deps);
  const waiting = new Map([...deps].map(([m, targets]) => [m, targets.filter((t) => deps.has(t)).length]));
  const rank = (a: string, b: string): number => (downstream.get(b) ?? 0) - (downstream.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  let ready = [...waiting].filter(([, n]) => n === 0).map(([m]) => m).sort(rank);
  const order: string[] = [];
  while (ready.length > 0) {
    const next = ready.shift();
    if (next === undefined) break;
    order.push(next);
    let added = false;
    for (const dependent of dependents.get(next) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) {
        ready.push(dependent);
        added = true;
      }
    }
    if (added) ready = ready.sort(rank);
  }
  return order;
}
