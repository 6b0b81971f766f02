/**
 * Deterministic cycle search in a directed graph: nodes and edges are visited
 * in sorted order, so the same project always reports the same cycle.
 */

/** `edges` in sorted order; the graphs here already keep edge lists sorted, so usually no copy is made. */
function sortedEdges(edges: readonly string[]): readonly string[] {
  for (let i = 1; i < edges.length; i += 1) {
    const previous = edges[i - 1];
    const current = edges[i];
    if (previous !== undefined && current !== undefined && previous > current) return [...edges].sort();
  }
  return edges;
}

/** A cycle as a path whose first node is repeated last (`[a, b, a]`), or undefined. */
export function findCycle(nodes: readonly string[], edgesOf: (node: string) => readonly string[]): string[] | undefined {
  const state = new Map<string, "active" | "done">();
  for (const start of [...nodes].sort()) {
    if (state.has(start)) continue;
    // Iterative DFS: each frame is a node and the index of its next edge.
    const stack: { node: string; edges: readonly string[]; next: number }[] = [];
    const push = (node: string): void => {
      state.set(node, "active");
      stack.push({ node, edges: sortedEdges(edgesOf(node)), next: 0 });
    };
    push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (!frame) break;
      const target = frame.edges[frame.next];
      frame.next += 1;
      if (target === undefined) {
        state.set(frame.node, "done");
        stack.pop();
        continue;
      }
      const seen = state.get(target);
      if (seen === "active") {
        const from = stack.findIndex((f) => f.node === target);
        return [...stack.slice(from).map((f) => f.node), target];
      }
      if (seen === undefined) push(target);
    }
  }
  return undefined;
}
