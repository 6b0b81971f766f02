/**
 * `jaunt watch` on a small project (4 spec modules) against the fake LLM
 * server (instant answers), from source:
 *
 * - idle CPU: CPU time (user + system, from /proc) the watching process uses
 *   over a quiet window, against an idle Bun process (a script that only
 *   keeps a timer) measured over the same window — the platform's file
 *   watching should cost nothing more than being alive;
 * - edit-to-written latency: from writing a JSDoc edit of one leaf spec to
 *   its generated file carrying the new digest, against the same edit
 *   followed by a fresh `jaunt build` process (what a user would do without
 *   watch). Both include validation (`bun check` of the module).
 *
 *   bun bench/watch.ts [--edits 7] [--idle-seconds 5] [--debounce 100]
 *
 * Linux only (reads the schedstat of every thread under /proc/<pid>/task).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startFakeLlm } from "../test/support/fake-llm.ts";
import { createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS, API_KEY_ENV } from "../test/e2e/project.ts";

const MAIN = path.resolve(import.meta.dir, "../src/main.ts");

function argValue(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** CPU seconds used so far by every thread of `pid` (Workers included), from /proc/<pid>/task/<tid>/schedstat (ns). */
function cpuSeconds(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return ns / 1e9;
}

async function idleCpu(pid: number, seconds: number): Promise<number> {
  const before = cpuSeconds(pid);
  await Bun.sleep(seconds * 1000);
  return cpuSeconds(pid) - before;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function waitUntil(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await Bun.sleep(2);
  }
}

const edits = argValue("--edits", 7);
const idleSeconds = argValue("--idle-seconds", 5);
const debounce = argValue("--debounce", 100);
const llm = startFakeLlm({ defaults: IMPLEMENTATIONS });
const project = createE2eProject({ ...SPECS, "jaunt.toml": jauntToml(llm.url) });
const env = { ...process.env, ...API_KEY_ENV, NO_COLOR: "1" };
const GENERATED = "src/__generated__/other.ts";
const digestOf = (): string => /module_digest=(\S+)/.exec(project.exists(GENERATED) ? project.read(GENERATED) : "")?.[1] ?? "";
const edit = (i: number, kind: string): void => project.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", `Add two numbers (${kind} edit ${i}).`));

try {
  // Baseline: the same edits, each followed by a fresh `jaunt build` process.
  const buildTimes: number[] = [];
  // Spawned asynchronously: the fake server answers from this process's event loop.
  const first = Bun.spawn([process.execPath, MAIN, "build"], { cwd: project.root, env, stdout: "ignore", stderr: "pipe" });
  if ((await first.exited) !== 0) throw new Error(`initial build failed: ${await new Response(first.stderr).text()}`);
  for (let i = 0; i < edits; i += 1) {
    const start = performance.now();
    edit(i, "build");
    const child = Bun.spawn([process.execPath, MAIN, "build"], { cwd: project.root, env, stdout: "ignore", stderr: "ignore" });
    if ((await child.exited) !== 0) throw new Error("build failed");
    buildTimes.push(performance.now() - start);
  }

  const idler = Bun.spawn([process.execPath, "-e", "setInterval(() => {}, 1 << 30)"], { stdout: "ignore", stderr: "ignore" });
  const watch = Bun.spawn([process.execPath, MAIN, "watch", "--json", "--debounce", String(debounce)], { cwd: project.root, env, stdout: "pipe", stderr: "ignore" });
  let events = "";
  void (async () => {
    for await (const chunk of watch.stdout) events += new TextDecoder().decode(chunk);
  })();
  await waitUntil(() => events.includes('"type":"idle"') || events.includes('"type":"cycle"'));
  await Bun.sleep(500);
  const [watchCpu, idleBaseline] = await Promise.all([idleCpu(watch.pid, idleSeconds), idleCpu(idler.pid, idleSeconds)]);

  const watchTimes: number[] = [];
  for (let i = 0; i < edits; i += 1) {
    const before = digestOf();
    const start = performance.now();
    edit(i, "watch");
    await waitUntil(() => digestOf() !== before);
    watchTimes.push(performance.now() - start);
    await Bun.sleep(300);
  }
  watch.kill("SIGINT");
  idler.kill();
  await Promise.all([watch.exited, idler.exited]);

  const pct = (cpu: number): string => `${((cpu / idleSeconds) * 100).toFixed(3)}% of a core`;
  console.log(`jaunt watch on a 4-module project, fake LLM (instant answers), debounce ${debounce} ms, from source`);
  console.log(`idle CPU over ${idleSeconds} s: watch ${(watchCpu * 1000).toFixed(1)} ms (${pct(watchCpu)}); idle Bun process ${(idleBaseline * 1000).toFixed(1)} ms (${pct(idleBaseline)}); ${(watchCpu / Math.max(idleBaseline, 1e-6)).toFixed(1)}× the idle process`);
  console.log(`edit → written (median of ${edits}): watch ${median(watchTimes).toFixed(0)} ms [${Math.min(...watchTimes).toFixed(0)}–${Math.max(...watchTimes).toFixed(0)}]; edit + fresh \`jaunt build\` ${median(buildTimes).toFixed(0)} ms (${(median(watchTimes) / median(buildTimes)).toFixed(2)}× the build)`);
} finally {
  await llm.stop();
  project.cleanup();
}
