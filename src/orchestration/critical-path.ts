/**
 * Critical-path priorities for a task DAG: a node's priority is the longest
 * cost-weighted path from it to any sink, itself included. Starting the ready
 * node with the highest priority first is the classic list-scheduling rule that
 * keeps the long chains moving while short branches fill idle slots.
 */

/** One node of the DAG the scheduler runs. */
export interface TaskNode {
  readonly id: string;
  /** Ids this node waits for. Ids not in the node set count as already done. */
  readonly deps: readonly string[];
  /** Estimated duration in any unit; default 1. */
  readonly cost?: number;
}

/** Dependents of every node, restricted to ids inside the node set. */
export function dependentsOf(nodes: readonly TaskNode[]): Map<string, string[]> {
  const known = new Set(nodes.map((node) => node.id));
  const dependents = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const node of nodes) {
    for (const dep of new Set(node.deps)) {
      if (known.has(dep)) dependents.get(dep)?.push(node.id);
    }
  }
  return dependents;
}

/** Dependencies of a node that are part of the node set (unique). */
export function internalDeps(node: TaskNode, known: ReadonlySet<string>): string[] {
  return [...new Set(node.deps)].filter((dep) => known.has(dep));
}

/**
 * Topological order (Kahn). Throws when the nodes contain a cycle or a
 * duplicate id — the graph stage reports cycles to users; here it is a bug.
 */
export function topologicalOrder(nodes: readonly TaskNode[]): string[] {
  const known = new Set<string>();
  for (const node of nodes) {
    if (known.has(node.id)) throw new Error(`duplicate task id: ${node.id}`);
    known.add(node.id);
  }
  const waiting = new Map(nodes.map((node) => [node.id, internalDeps(node, known).length]));
  const dependents = dependentsOf(nodes);
  const queue = nodes.filter((node) => waiting.get(node.id) === 0).map((node) => node.id);
  const order: string[] = [];
  for (let index = 0; index < queue.length; index += 1) {
    const id = queue[index];
    if (id === undefined) break;
    order.push(id);
    for (const dependent of dependents.get(id) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) queue.push(dependent);
    }
  }
  if (order.length !== nodes.length) {
    const stuck = nodes.filter((node) => !order.includes(node.id)).map((node) => node.id);
    throw new Error(`task graph has a cycle among: ${stuck.slice(0, 5).join(", ")}`);
  }
  return order;
}

/** Longest remaining cost-weighted path from each node to a sink, the node itself included. */
export function criticalPathPriorities(nodes: readonly TaskNode[]): Map<string, number> {
  const cost = new Map(nodes.map((node) => [node.id, node.cost ?? 1]));
  const dependents = dependentsOf(nodes);
  const priority = new Map<string, number>();
  const order = topologicalOrder(nodes);
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const id = order[index];
    if (id === undefined) continue;
    let longest = 0;
    for (const dependent of dependents.get(id) ?? []) longest = Math.max(longest, priority.get(dependent) ?? 0);
    priority.set(id, (cost.get(id) ?? 1) + longest);
  }
  return priority;
}

/** Lower bound on any schedule's makespan: max(critical path, total work ÷ jobs). */
export function makespanLowerBound(nodes: readonly TaskNode[], jobs: number): number {
  const priorities = criticalPathPriorities(nodes);
  const criticalPath = Math.max(0, ...priorities.values());
  const totalWork = nodes.reduce((sum, node) => sum + (node.cost ?? 1), 0);
  return Math.max(criticalPath, totalWork / jobs);
}
