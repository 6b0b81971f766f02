/**
 * Build order: a topological order of modules, dependencies first. Among
 * modules that are ready at the same time, the one with the longest chain of
 * dependents goes first (critical path first), then by name.
 */

/** Longest path (in modules, counting itself) from each module down through its dependents. */
export function downstreamLengths(
  deps: ReadonlyMap<string, readonly string[]>,
  dependents: ReadonlyMap<string, readonly string[]> = dependentsOf(deps),
): Map<string, number> {
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

/** A binary min-heap under `before`: re-sorting the ready list after every step made the order O(n² log n). */
class Heap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => number) {}


  push(item: T): void {
    const items = this.items;
    let index = items.push(item) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = items[parent];
      if (above === undefined || this.before(above, item) <= 0) break;
      items[index] = above;
      index = parent;
    }
    items[index] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const leftItem = items[left];
      const rightItem = items[right];
      if (leftItem === undefined) break;
      const [child, childItem] = rightItem !== undefined && this.before(rightItem, leftItem) < 0 ? [right, rightItem] : [left, leftItem];
      if (this.before(last, childItem) <= 0) break;
      items[index] = childItem;
      index = child;
    }
    items[index] = last;
    return top;
  }
}

/** Already computed `dependentsOf` / `downstreamLengths` of the same graph, so callers that need them too compute them once. */
export interface OrderInputs {
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  readonly downstream: ReadonlyMap<string, number>;
}

/** Topological order of the (acyclic) module graph, critical path first. */
export function buildOrder(deps: ReadonlyMap<string, readonly string[]>, inputs?: OrderInputs): string[] {
  const dependents = inputs?.dependents ?? dependentsOf(deps);
  const downstream = inputs?.downstream ?? downstreamLengths(deps, dependents);
  const waiting = new Map<string, number>();
  for (const [module, targets] of deps) {
    let count = 0;
    for (const target of targets) if (deps.has(target)) count += 1;
    waiting.set(module, count);
  }
  const rank = (a: string, b: string): number => (downstream.get(b) ?? 0) - (downstream.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  const ready = new Heap<string>(rank);
  for (const [module, count] of waiting) if (count === 0) ready.push(module);
  const order: string[] = [];
  for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
    order.push(next);
    for (const dependent of dependents.get(next) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  return order;
}
