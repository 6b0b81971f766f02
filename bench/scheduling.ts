/**
 * Scheduling benchmark: how close a whole `jaunt build` comes to the lower
 * bound max(critical path, total latency ÷ jobs). Target ≤ 1.05.
 *
 *   bun bench/scheduling.ts [--short] [--e2e-seeds 1] [--rounds 1] [--e2e-only | --no-e2e]
 *       [--modules 300] [--jobs 8] [--min-delay 400] [--max-delay 2800]
 *       [--cli dist/jaunt] [--compare path/to/other/src/main.ts | path/to/jaunt] [--keep]
 *       [--seeds 3] [--no-workers]
 *   JAUNT_BENCH_SHORT=1 is the same as --short (150 modules, one round).
 *
 * "e2e" (first, the default): per seed, a synthetic project (random DAG, 1–4
 * function specs a module) is built by the real `jaunt build --jobs N --json`
 * (spawned) against the fake LLM server, which answers each module after its
 * own seeded latency (uniform in [min, max]: 1.6 s average by default). The
 * headline figure is the WHOLE PROCESS (spawn → exit, planning and Worker
 * start included) ÷ the bound computed from those latencies on the real DAG
 * (from `--dry-run --json`), so everything outside the model calls counts.
 * `--cli` measures a compiled executable instead of this checkout's source
 * (a `.ts` path runs with this Bun; anything else is run as a program).
 * `--compare` builds the same project with another checkout's CLI in the same
 * run, alternating A/B each round, and prints both medians. The fake server
 * also reports the most requests it saw in flight (must not exceed jobs).
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
    short: { type: "boolean", default: process.env.JAUNT_BENCH_SHORT === "1" },
    seeds: { type: "string", default: "3" },
    modules: { type: "string" },
    jobs: { type: "string", default: "8" },
    "no-workers": { type: "boolean", default: false },
    "e2e-seeds": { type: "string", default: "1" },
    rounds: { type: "string" },
    "e2e-only": { type: "boolean", default: false },
    "no-e2e": { type: "boolean", default: false },
    "min-delay": { type: "string", default: "400" },
    "max-delay": { type: "string", default: "2800" },
    compare: { type: "string" },
    cli: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const SEEDS = Number(values.seeds);
const MODULES = Number(values.modules ?? (values.short ? 150 : 300));
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
  /** Time after a task frees its slot before its dependents may start (validation, writing). */
  afterMs = 0,
): number {
  const cost = new Map(nodes.map((node) => [node.id, node.cost ?? 1]));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const level = new Map<string, number>();
  for (const id of topologicalOrder(nodes)) level.set(id, 1 + Math.max(0, ...(byId.get(id)?.deps ?? []).map((dep) => level.get(dep) ?? 0)));
  const done = new Map<string, number>(); // id -> finish time
  const running: { id: string; end: number }[] = [];
  /** Slot freed, dependents not yet ready: id -> when they become ready. */
  const settling = new Map<string, number>();
  let now = 0;
  let currentLevel = 1;
  while (done.size < nodes.length) {
    const ready = nodes.filter(
      (node) =>
        !done.has(node.id) &&
        !running.some((task) => task.id === node.id) &&
        !settling.has(node.id) &&
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
    const nextEnd = running[0]?.end ?? Number.POSITIVE_INFINITY;
    const nextSettled = Math.min(...settling.values());
    if (nextEnd === Number.POSITIVE_INFINITY && nextSettled === Number.POSITIVE_INFINITY) break;
    if (nextSettled <= nextEnd) {
      // A task's dependents become ready (its slot was freed earlier).
      const [id] = [...settling].find(([, at]) => at === nextSettled) ?? [""];
      settling.delete(id);
      now = Math.max(now, nextSettled);
      done.set(id, now);
      continue;
    }
    const finished = running.shift();
    if (!finished) break;
    now = finished.end;
    if (afterMs > 0) {
      settling.set(finished.id, now + afterMs);
      continue;
    }
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
const ROUNDS = Number(values.rounds ?? (values.short ? 1 : 2));
const MIN_DELAY = Number(values["min-delay"]);
const MAX_DELAY = Number(values["max-delay"]);
const COMPARE = values.compare === undefined ? undefined : path.resolve(values.compare);
const CLI = values.cli === undefined ? CLI_MAIN : path.resolve(values.cli);

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
    isObject(m) && typeof m.module === "string"
      ? [{ id: m.module, dependsOn: listOf(m, "dependsOn").filter((d) => typeof d === "string"), estimate: numberOf(m, "estimatedPromptTokens") ?? 1 }]
      : [],
  );
}

/** Built modules of a `jaunt build --json` report with their start/finish offsets (ms). */
function parseTimings(report: unknown): Map<string, { start: number; finish: number }> {
  const timings = new Map<string, { start: number; finish: number }>();
  for (const m of listOf(report, "modules")) {
    if (!isObject(m) || typeof m.module !== "string" || m.status !== "built") continue;
    const start = numberOf(m, "startedMs");
    const finish = numberOf(m, "finishedMs");
    if (start !== undefined && finish !== undefined) timings.set(m.module, { start, finish });
  }
  return timings;
}

async function runCli(cli: string, dir: string, args: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number; cpuMs: number }> {
  const command = /\.[cm]?[jt]s$/.test(cli) ? [process.execPath, cli, ...args] : [cli, ...args];
  const child = Bun.spawn(command, { cwd: dir, env: cliEnv(), stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  // The child's CPU time with its waited-for children's (`bun check`, `bun test`): wait4's rusage on Linux.
  const cpu = child.resourceUsage()?.cpuTime;
  return { stdout, stderr, exitCode, cpuMs: cpu ? Number(cpu.user + cpu.system) / 1000 : Number.NaN };
}

/** Known per-module LLM delays, seeded, uniform in [MIN_DELAY, MAX_DELAY]. */
function seededDelays(seed: number, ids: readonly string[]): Map<string, number> {
  const random = prng(seed * 7919 + 17);
  return new Map([...ids].sort().map((id) => [id, Math.round(MIN_DELAY + random() * (MAX_DELAY - MIN_DELAY))]));
}

/** Most intervals open at one instant. */
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

/** A seeded synthetic project, planned once, with its latencies and the bound they give. */
interface Seeded {
  readonly seed: number;
  readonly dir: string;
  readonly planned: readonly PlannedModule[];
  readonly delays: ReadonlyMap<string, number>;
  readonly critical: number;
  readonly workPerJob: number;
  readonly bound: number;
  /** Virtual-time makespan with zero overhead: the scheduler's own priorities (from its estimates), and true-latency ones. */
  readonly policy: number;
  readonly oracle: number;
  /** The real DAG with true latencies, and the scheduler's own priorities (from its estimates). */
  readonly nodes: readonly TaskNode[];
  readonly estimated: ReadonlyMap<string, number>;
}

async function seedProject(seed: number, url: string): Promise<Seeded> {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "jaunt-sched-")));
  await generateProject({ dir, modules: MODULES, seed, fresh: false });
  wireSyntheticProject(dir, url, JOBS);
  const dry = await runCli(CLI_MAIN, dir, ["build", "--dry-run", "--json"]);
  if (dry.exitCode !== 0) throw new Error(`dry run exited ${dry.exitCode}: ${dry.stderr.trim()}`);
  const planned = parseDryRun(JSON.parse(dry.stdout));
  const delays = seededDelays(seed, planned.map((m) => m.id));
  const known = new Set(planned.map((m) => m.id));
  const nodes: TaskNode[] = planned.map((m) => ({ id: m.id, deps: m.dependsOn.filter((d) => known.has(d)), cost: delays.get(m.id) ?? 0 }));
  const estimated = criticalPathPriorities(planned.map((m) => ({ id: m.id, deps: m.dependsOn.filter((d) => known.has(d)), cost: m.estimate })));
  return {
    seed,
    dir,
    planned,
    delays,
    critical: Math.max(...criticalPathPriorities(nodes).values()),
    workPerJob: [...delays.values()].reduce((sum, d) => sum + d, 0) / JOBS,
    bound: makespanLowerBound(nodes, JOBS),
    policy: simulate(nodes, JOBS, "critical-path", estimated),
    oracle: simulate(nodes, JOBS, "critical-path"),
    nodes,
    estimated,
  };
}

/** Remove what a build wrote (generated folders, caches, records): the next build starts from nothing. */
function resetProject(dir: string): void {
  rmSync(path.join(dir, ".jaunt"), { recursive: true, force: true });
  for (const entry of new Bun.Glob("src/*/__generated__").scanSync({ cwd: dir, onlyFiles: false })) rmSync(path.join(dir, entry), { recursive: true, force: true });
}

interface BuildRun {
  readonly wallMs: number;
  readonly makespanMs: number;
  /** Process spawn → first module started (config, discovery, planning, prompts). */
  readonly startupMs: number;
  /** Mean of (module start → finish) − its latency: what a module spends outside its model call. */
  readonly outsideMs: number;
  /** Most requests the server had in flight at once. */
  readonly peakRequests: number;
  /** CPU time of the build process and the checks it ran (user + system). */
  readonly cpuMs: number;
  /** First request out → last answer sent: the part the policy simulation models. */
  readonly requestSpanMs: number;
  /** Last answer sent → process exit: the last module's validation and writing, the report, shutdown. */
  readonly tailMs: number;
}

/** One whole `jaunt build` of a seeded project with `cli`, from a clean state. */
async function buildOnce(project: Seeded, cli: string, llm: ReturnType<typeof startFakeLlm>): Promise<BuildRun> {
  resetProject(project.dir);
  const requests: { start: number; finish: number }[] = [];
  llm.respond((request) => {
    if (request.module === undefined) return undefined;
    const delayMs = project.delays.get(request.module) ?? 0;
    const now = performance.now();
    requests.push({ start: now, finish: now + delayMs });
    return { content: fence(syntheticAnswer(project.dir, request.module)), delayMs };
  });
  const began = performance.now();
  const build = await runCli(cli, project.dir, ["build", "--jobs", String(JOBS), "--json"]);
  const wallMs = performance.now() - began;
  const timings = parseTimings(JSON.parse(build.stdout));
  if (build.exitCode !== 0 || timings.size !== project.planned.length || requests.length !== project.planned.length) {
    throw new Error(`${cli}: build exited ${build.exitCode}: ${timings.size}/${project.planned.length} built with timings, ${requests.length} requests\n${build.stderr.trim().slice(-2000)}`);
  }
  const intervals = [...timings.values()];
  const first = Math.min(...intervals.map((t) => t.start));
  const firstRequest = Math.min(...requests.map((r) => r.start));
  const outside = [...timings].reduce((sum, [id, t]) => sum + (t.finish - t.start - (project.delays.get(id) ?? 0)), 0);
  return {
    wallMs,
    makespanMs: Math.max(...intervals.map((t) => t.finish)) - first,
    startupMs: firstRequest - began,
    outsideMs: outside / intervals.length,
    peakRequests: peakInFlight(requests),
    cpuMs: build.cpuMs,
    requestSpanMs: Math.max(...requests.map((r) => r.finish)) - firstRequest,
    tailMs: began + wallMs - Math.max(...requests.map((r) => r.finish)),
  };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The end-to-end section: per seed and CLI, the median over rounds (A/B alternating). */
async function e2eSection(): Promise<void> {
  console.log(
    `scheduling (e2e): whole \`jaunt build --jobs ${JOBS} --json\` processes on synthetic projects of ${MODULES} modules, fake LLM latency ${MIN_DELAY}–${MAX_DELAY} ms per module (seeded), ${ROUNDS} round(s), A = ${CLI === CLI_MAIN ? "this checkout (source)" : CLI}${COMPARE ? `, B = ${COMPARE}` : ""}`,
  );
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  const rows: string[][] = [["seed", "cli", "crit s", "latency÷jobs s", "bound s", "policy s", "oracle s", "policy+outside s", "wall s", "startup s", "requests s", "tail s", "makespan s", "outside ms/module", "cpu s", "peak requests", "wall÷bound"]];
  const clis: [string, string][] = [["A", CLI], ...(COMPARE ? ([["B", COMPARE]] as [string, string][]) : [])];
  const headline: Map<string, number[]> = new Map(clis.map(([name]) => [name, []]));
  const llm = startFakeLlm();
  try {
    for (let seed = 1; seed <= E2E_SEEDS; seed += 1) {
      const project = await seedProject(seed, llm.url);
      try {
        const runs = new Map<string, BuildRun[]>(clis.map(([name]) => [name, []]));
        for (let round = 0; round < ROUNDS; round += 1) {
          // Alternate which CLI goes first, so a drifting machine load favours neither.
          const order = round % 2 === 0 ? clis : [...clis].reverse();
          for (const [name, cli] of order) {
            const run = await buildOnce(project, cli, llm);
            runs.get(name)?.push(run);
            console.error(`  seed ${seed} round ${round + 1} ${name}: wall ${s(run.wallMs)} s = ${(run.wallMs / project.bound).toFixed(3)} × bound ${s(project.bound)} s`);
          }
        }
        for (const [name] of clis) {
          const list = runs.get(name) ?? [];
          const wall = median(list.map((r) => r.wallMs));
          headline.get(name)?.push(wall / project.bound);
          rows.push([
            String(seed),
            name,
            s(project.critical),
            s(project.workPerJob),
            s(project.bound),
            s(project.policy),
            s(project.oracle),
            s(simulate(project.nodes, JOBS, "critical-path", project.estimated, median(list.map((r) => r.outsideMs)))),
            s(wall),
            s(median(list.map((r) => r.startupMs))),
            s(median(list.map((r) => r.requestSpanMs))),
            s(median(list.map((r) => r.tailMs))),
            s(median(list.map((r) => r.makespanMs))),
            median(list.map((r) => r.outsideMs)).toFixed(0),
            s(median(list.map((r) => r.cpuMs))),
            String(Math.max(...list.map((r) => r.peakRequests))),
            (wall / project.bound).toFixed(3),
          ]);
        }
      } finally {
        if (values.keep) console.log(`project kept in ${project.dir}`);
        else rmSync(project.dir, { recursive: true, force: true });
      }
    }
  } finally {
    await llm.stop();
  }
  printTable(rows);
  console.log(
    [
      "  bound = max(critical path, total latency ÷ jobs) from the server's known latencies on the planned DAG",
      "  policy / oracle = zero-overhead virtual-time makespan with the scheduler's priorities (from its estimates) / with true-latency ones",
      "  policy+outside = the same with each module's dependents held back by its measured outside time",
      "  wall = the whole build process, spawn to exit (median over rounds); startup = spawn → first request",
      "  requests = first request out → last answer sent (compare with policy); tail = last answer → process exit",
      "  outside ms/module = mean (module start → finish) − its latency: validation, writing, messaging",
      "  cpu s = CPU time (user + system) of the build process and the processes it waited for (type checks)",
      `  peak requests = most model requests the server had in flight at once (must be ≤ jobs = ${JOBS})`,
    ].join("\n"),
  );
  for (const [name, ratios] of headline) {
    if (ratios.length > 0) console.log(`RATIO scheduling ${name}${name === "A" ? "" : ` (${COMPARE})`}: whole build ÷ lower bound = ${median(ratios).toFixed(3)} (target ≤ 1.05)`);
  }
}

if (!values["no-e2e"]) await e2eSection();
if (!values["e2e-only"]) await abstractSection();
