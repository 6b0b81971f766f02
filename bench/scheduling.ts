/**
 * Scheduling benchmark (TASK-050): makespan ÷ lower bound, lower bound =
 * max(critical path, total work ÷ jobs), on seeded random DAGs of 200 modules
 * with jobs = 8. Target ≤ 1.05 for the critical-path scheduler; a
 * level-by-level (wave) schedule is shown beside it.
 *
 *   bun bench/scheduling.ts [--e2e-seeds 2] [--e2e-only | --no-e2e]
 *       [--min-delay 1000] [--max-delay 3000] [--keep]
 *       [--seeds 3] [--modules 200] [--jobs 8] [--no-workers]
 *
 * "e2e" (first, the default): per seed, a synthetic project is built by the
 * real `jaunt build --jobs N --json` (spawned) against the fake LLM server,
 * which delays each module by a known, seeded amount. Per-module start/finish
 * come from the JSON report; durations include validation. The bound uses
 * the measured durations on the real DAG (from `--dry-run --json`).
 *
 * "sim" rows run the policy in virtual time (exact) on abstract DAGs with
 * 20–120 ms tasks; "real" rows run the production `schedule()` with timer
 * tasks in-process and with delay tasks in the Worker pool (so they include
 * spawn and messaging overhead).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import { criticalPathPriorities, makespanLowerBound, topologicalOrder, type TaskNode } from "../src/orchestration/critical-path.ts";
import { schedule } from "../src/orchestration/scheduler.ts";
import { WorkerPool } from "../src/orchestration/worker-pool.ts";
import { fence, startFakeLlm } from "../test/support/fake-llm.ts";
import { CLI_MAIN, cliEnv, syntheticAnswer, wireSyntheticProject } from "./synthetic-answers.ts";
import { generateProject, prng } from "./synthetic-project.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "3" },
    modules: { type: "string", default: "200" },
    jobs: { type: "string", default: "8" },
    "no-workers": { type: "boolean", default: false },
    "e2e-seeds": { type: "string", default: "2" },
    "e2e-only": { type: "boolean", default: false },
    "no-e2e": { type: "boolean", default: false },
    "min-delay": { type: "string", default: "1000" },
    "max-delay": { type: "string", default: "3000" },
    keep: { type: "boolean", default: false },
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

/**
 * Virtual-time list schedule of `nodes` (cost = duration, deps all inside the
 * set). "critical-path" starts the ready task with the highest `priority`
 * (default: the true critical-path priorities); "waves" runs one dependency
 * level at a time, longest task first.
 */
function simulate(
  nodes: readonly TaskNode[],
  jobs: number,
  mode: "critical-path" | "waves",
  priority: ReadonlyMap<string, number> = criticalPathPriorities(nodes),
): number {
  const cost = new Map(nodes.map((node) => [node.id, node.cost ?? 1]));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const level = new Map<string, number>();
  for (const id of topologicalOrder(nodes)) level.set(id, 1 + Math.max(0, ...(byId.get(id)?.deps ?? []).map((dep) => level.get(dep) ?? 0)));
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

/** The abstract-DAG section: simulated, in-process timers, Worker pool. */
async function abstractSection(): Promise<void> {
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
  console.log(`\nscheduling (abstract DAGs): ${MODULES} modules, jobs ${JOBS}, durations 20–120 ms; figures are makespan ÷ lower bound (target ≤ 1.05)`);
  printTable(rows);
}

function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join("  "));
}

// ---- e2e: the real CLI against the fake LLM server ----

const E2E_SEEDS = Number(values["e2e-seeds"]);
const MIN_DELAY = Number(values["min-delay"]);
const MAX_DELAY = Number(values["max-delay"]);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const listOf = (value: unknown, key: string): unknown[] => (isObject(value) && Array.isArray(value[key]) ? value[key] : []);
const numberOf = (value: Json, key: string): number | undefined => (typeof value[key] === "number" ? value[key] : undefined);

/** A module of `jaunt build --dry-run --json`: the real DAG and the scheduler's cost weight. */
interface PlannedModule {
  readonly id: string;
  readonly dependsOn: readonly string[];
  readonly estimate: number;
}

function parseDryRun(report: unknown): PlannedModule[] {
  return listOf(report, "modules").flatMap((m) =>
    isObject(m) && typeof m.id === "string"
      ? [{ id: m.id, dependsOn: listOf(m, "dependsOn").filter((d) => typeof d === "string"), estimate: numberOf(m, "estimatedPromptTokens") ?? 1 }]
      : [],
  );
}

/** Built modules of a `jaunt build --json` report with their start/finish offsets (ms). */
function parseTimings(report: unknown): Map<string, { start: number; finish: number }> {
  const timings = new Map<string, { start: number; finish: number }>();
  for (const m of listOf(report, "modules")) {
    if (!isObject(m) || typeof m.id !== "string" || m.status !== "built") continue;
    const start = numberOf(m, "startedMs");
    const finish = numberOf(m, "finishedMs");
    if (start !== undefined && finish !== undefined) timings.set(m.id, { start, finish });
  }
  return timings;
}

async function runCli(dir: string, args: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const child = Bun.spawn([process.execPath, CLI_MAIN, ...args], { cwd: dir, env: cliEnv(), stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, exitCode };
}

/** Known per-module LLM delays, seeded, uniform in [MIN_DELAY, MAX_DELAY]. */
function seededDelays(seed: number, ids: readonly string[]): Map<string, number> {
  const random = prng(seed * 7919 + 17);
  return new Map([...ids].sort().map((id) => [id, Math.round(MIN_DELAY + random() * (MAX_DELAY - MIN_DELAY))]));
}

/** Most intervals open at one instant (sanity check: should reach `jobs`). */
function peakInFlight(intervals: readonly { start: number; finish: number }[]): number {
  const events = intervals.flatMap((i) => [
    { at: i.start, delta: 1 },
    { at: i.finish, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta); // finish before start at the same ms
  let open = 0;
  let peak = 0;
  for (const event of events) peak = Math.max(peak, (open += event.delta));
  return peak;
}

interface E2eResult {
  readonly seed: number;
  readonly modules: number;
  readonly wallMs: number;
  readonly makespan: number;
  readonly criticalActual: number;
  readonly workActual: number;
  readonly boundActual: number;
  readonly boundDelays: number;
  readonly wavesSim: number;
  readonly cpSimEstimates: number;
  readonly cpSimTrue: number;
  readonly meanExtraMs: number;
  readonly peak: number;
}

/** Build one seeded synthetic project with the real CLI and measure its schedule. */
async function runE2eSeed(seed: number): Promise<E2eResult> {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "jaunt-")));
  const llm = startFakeLlm();
  try {
    await generateProject({ dir, modules: MODULES, seed, fresh: false });
    wireSyntheticProject(dir, llm.url, JOBS);
    const dry = await runCli(dir, ["build", "--dry-run", "--json"]);
    if (dry.exitCode !== 0) throw new Error(`dry run exited ${dry.exitCode}: ${dry.stderr.trim()}`);
    const planned = parseDryRun(JSON.parse(dry.stdout));
    const delays = seededDelays(seed, planned.map((m) => m.id));
    llm.respond((request) =>
      request.module === undefined ? undefined : { content: fence(syntheticAnswer(dir, request.module)), delayMs: delays.get(request.module) ?? 0 },
    );
    const began = performance.now();
    const build = await runCli(dir, ["build", "--jobs", String(JOBS), "--json"]);
    const wallMs = performance.now() - began;
    const timings = parseTimings(JSON.parse(build.stdout));
    const chats = llm.requests.filter((r) => r.path === "/v1/chat/completions").length;
    if (build.exitCode !== 0 || timings.size !== planned.length || chats !== planned.length) {
      throw new Error(`build exited ${build.exitCode}: ${timings.size}/${planned.length} built with timings, ${chats} requests\n${build.stderr.trim().slice(-2000)}`);
    }

    const known = new Set(planned.map((m) => m.id));
    const nodesWith = (cost: (id: string) => number): TaskNode[] =>
      planned.map((m) => ({ id: m.id, deps: m.dependsOn.filter((d) => known.has(d)), cost: cost(m.id) }));
    const actual = (id: string): number => {
      const t = timings.get(id);
      return t ? t.finish - t.start : 0;
    };
    const actualNodes = nodesWith(actual);
    const intervals = [...timings.values()];
    const origin = Math.min(...intervals.map((t) => t.start));
    const makespan = Math.max(...intervals.map((t) => t.finish)) - origin;
    const workActual = actualNodes.reduce((sum, node) => sum + (node.cost ?? 0), 0);
    const totalDelay = [...delays.values()].reduce((sum, d) => sum + d, 0);
    return {
      seed,
      modules: planned.length,
      wallMs,
      makespan,
      criticalActual: Math.max(...criticalPathPriorities(actualNodes).values()),
      workActual,
      boundActual: makespanLowerBound(actualNodes, JOBS),
      boundDelays: makespanLowerBound(nodesWith((id) => delays.get(id) ?? 0), JOBS),
      wavesSim: simulate(actualNodes, JOBS, "waves"),
      // What the real policy would do with no overhead: it ranks by prompt-size estimates, not by durations.
      cpSimEstimates: simulate(actualNodes, JOBS, "critical-path", criticalPathPriorities(nodesWith((id) => planned.find((m) => m.id === id)?.estimate ?? 1))),
      cpSimTrue: simulate(actualNodes, JOBS, "critical-path"),
      meanExtraMs: (workActual - totalDelay) / planned.length,
      peak: peakInFlight(intervals),
    };
  } finally {
    await llm.stop();
    if (values.keep) console.log(`project kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The end-to-end section: one row per seed. */
async function e2eSection(): Promise<void> {
  console.log(
    `scheduling (e2e): real \`jaunt build --jobs ${JOBS} --json\` on synthetic projects of ${MODULES} modules, fake LLM delay ${MIN_DELAY}–${MAX_DELAY} ms per module (seeded)`,
  );
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  const rows: string[][] = [
    ["seed", "wall s", "makespan s", "crit s", "work÷jobs s", "bound s", "real CP", "real CP (delay bound)", "sim waves", "sim CP (est. prio)", "sim CP (true prio)", "extra ms/module", "peak jobs"],
  ];
  for (let seed = 1; seed <= E2E_SEEDS; seed += 1) {
    try {
      const r = await runE2eSeed(seed);
      rows.push([
        String(seed),
        s(r.wallMs),
        s(r.makespan),
        s(r.criticalActual),
        s(r.workActual / JOBS),
        s(r.boundActual),
        (r.makespan / r.boundActual).toFixed(3),
        (r.makespan / r.boundDelays).toFixed(3),
        (r.wavesSim / r.boundActual).toFixed(3),
        (r.cpSimEstimates / r.boundActual).toFixed(3),
        (r.cpSimTrue / r.boundActual).toFixed(3),
        r.meanExtraMs.toFixed(0),
        String(r.peak),
      ]);
    } catch (error) {
      console.error(`seed ${seed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  printTable(rows);
  console.log(
    [
      "  real CP = makespan (first module start → last finish) ÷ max(critical path, work ÷ jobs) over measured module durations (start → finish, validation included); target ≤ 1.05",
      "  real CP (delay bound) = the same makespan ÷ the bound from the known LLM delays alone",
      "  sim waves / sim CP = level-by-level and critical-path list schedules simulated on the same DAG and measured durations, ÷ the same bound",
      "    (est. prio ranks by prompt-size estimates, as the real scheduler does; true prio knows the durations)",
    ].join("\n"),
  );
}

if (!values["no-e2e"]) await e2eSection();
if (!values["e2e-only"]) await abstractSection();
