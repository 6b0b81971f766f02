/**
 * Scheduling benchmark (TASK-050): on seeded random DAGs of 200 modules with
 * known durations (20–120 ms), run with jobs = 8 and report
 * makespan ÷ lower bound, lower bound = max(critical path, total work ÷ jobs).
 * Target ≤ 1.05 for the critical-path scheduler. A level-by-level (wave)
 * schedule is shown beside it for comparison.
 *
 *   bun bench/scheduling.ts [--seeds 3] [--modules 200] [--jobs 8] [--no-workers]
 *
 * "sim" rows run the policy in virtual time (exact); "real" rows run the
 * production `schedule()` with timer tasks in-process and with delay tasks in
 * the Worker pool (so they include spawn and messaging overhead).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { criticalPathPriorities, makespanLowerBound, type TaskNode } from "../src/orchestration/critical-path.ts";
import { schedule } from "../src/orchestration/scheduler.ts";
import { WorkerPool } from "../src/orchestration/worker-pool.ts";
import { prng } from "./synthetic-project.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "3" },
    modules: { type: "string", default: "200" },
    jobs: { type: "string", default: "8" },
    "no-workers": { type: "boolean", default: false },
  },
});
const SEEDS = Number(values.seeds);
const MODULES = Number(values.modules);
const JOBS = Number(values.jobs);

/** A project-like DAG: each module imports 0–3 earlier ones, mostly nearby (layers of utilities). */
export function randomDag(seed: number, count: number): TaskNode[] {
  const random = prng(seed);
  const nodes: TaskNode[] = [];
  for (let i = 0; i < count; i += 1) {
    const deps = new Set<string>();
    const want = i === 0 ? 0 : Math.floor(random() * 4);
    for (let k = 0; k < want; k += 1) {
      const back = Math.max(1, Math.floor(random() * Math.min(i, 25)) + 1);
      deps.add(`m${i - back}`);
    }
    nodes.push({ id: `m${i}`, deps: [...deps], cost: Math.round(20 + random() * 100) });
  }
  return nodes;
}

/** Virtual-time list schedule: `rank` picks among ready tasks; `barrier` = levels (waves). */
function simulate(nodes: readonly TaskNode[], jobs: number, mode: "critical-path" | "waves"): number {
  const cost = new Map(nodes.map((node) => [node.id, node.cost ?? 1]));
  const priority = criticalPathPriorities(nodes);
  const level = new Map<string, number>();
  for (const node of nodes) level.set(node.id, 1 + Math.max(0, ...node.deps.map((dep) => level.get(dep) ?? 0)));
  const done = new Map<string, number>(); // id -> finish time
  const running: { id: string; end: number }[] = [];
  let now = 0;
  let currentLevel = 1;
  while (done.size < nodes.length) {
    const ready = nodes.filter(
      (node) =>
        !done.has(node.id) &&
        !running.some((task) => task.id === node.id) &&
        node.deps.every((dep) => done.has(dep)) &&
        (mode === "critical-path" || level.get(node.id) === currentLevel),
    );
    // Waves: longest task first within a level (LPT), the usual "parallel per level" baseline.
    ready.sort((a, b) =>
      mode === "critical-path" ? (priority.get(b.id) ?? 0) - (priority.get(a.id) ?? 0) : (cost.get(b.id) ?? 0) - (cost.get(a.id) ?? 0),
    );
    while (running.length < jobs && ready.length > 0) {
      const next = ready.shift();
      if (next) running.push({ id: next.id, end: now + (cost.get(next.id) ?? 1) });
    }
    running.sort((a, b) => a.end - b.end);
    const finished = running.shift();
    if (!finished) break;
    now = finished.end;
    done.set(finished.id, now);
    if (mode === "waves" && running.length === 0 && nodes.every((node) => level.get(node.id) !== currentLevel || done.has(node.id))) {
      currentLevel += 1;
    }
  }
  return now;
}

async function realInProcess(nodes: readonly TaskNode[], jobs: number): Promise<number> {
  const cost = new Map(nodes.map((node) => [node.id, node.cost ?? 1]));
  const result = await schedule(nodes, { jobs, run: async (id) => (await Bun.sleep(cost.get(id) ?? 1), "ok") });
  return result.makespanMs;
}

async function realWorkers(nodes: readonly TaskNode[], jobs: number): Promise<number> {
  const cost = new Map(nodes.map((node) => [node.id, node.cost ?? 1]));
  const handlers = path.resolve(import.meta.dir, "../test/orchestration/fixtures/test-handlers.ts");
  const pool = new WorkerPool({ size: jobs, handlerModules: [handlers] });
  try {
    const result = await schedule(nodes, {
      jobs,
      run: async (id) => (await pool.run({ type: "delay", payload: { ms: cost.get(id) ?? 1 } }), "ok"),
    });
    return result.makespanMs;
  } finally {
    await pool.close();
  }
}

const rows: string[][] = [["seed", "work ms", "crit ms", "bound ms", "sim CP", "sim waves", "real CP", "real CP workers"]];
for (let seed = 1; seed <= SEEDS; seed += 1) {
  const nodes = randomDag(seed, MODULES);
  const bound = makespanLowerBound(nodes, JOBS);
  const work = nodes.reduce((sum, node) => sum + (node.cost ?? 1), 0);
  const critical = Math.max(...criticalPathPriorities(nodes).values());
  const ratio = (makespan: number): string => (makespan / bound).toFixed(3);
  const inProcess = await realInProcess(nodes, JOBS);
  const workers = values["no-workers"] ? Number.NaN : await realWorkers(nodes, JOBS);
  rows.push([
    String(seed),
    String(work),
    String(critical),
    bound.toFixed(0),
    ratio(simulate(nodes, JOBS, "critical-path")),
    ratio(simulate(nodes, JOBS, "waves")),
    ratio(inProcess),
    Number.isNaN(workers) ? "-" : ratio(workers),
  ]);
}
const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
console.log(`scheduling: ${MODULES} modules, jobs ${JOBS}, durations 20–120 ms; figures are makespan ÷ lower bound (target ≤ 1.05)`);
for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join("  "));
