/**
 * The shared remote cache's payoff and cost, in one run against the real
 * `turborepo-remote-cache` server (installed like the tests' tools) and the
 * fake LLM server with a per-answer delay standing in for a model:
 *
 * - baseline: a checkout builds from the model with no remote cache;
 * - upload:   a second checkout builds from the model and uploads (the overhead);
 * - remote:   a third checkout builds from the remote only (no model call);
 * - local:    the third rebuilds from its local cache after its generated files are deleted.
 *
 * Every checkout holds the same synthetic project (bench/synthetic-project.ts);
 * validation, type check included, runs for real on every answer.
 *
 *   bun bench/remote-cache.ts [--modules 40] [--jobs 8] [--delay 1500]
 */
import { appendFileSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fence, startFakeLlm } from "../test/support/fake-llm.ts";
import { removeStorage, startRemoteCacheServer } from "../test/support/remote-cache-server.ts";
import { CLI_MAIN, cliEnv, syntheticAnswer, wireSyntheticProject } from "./synthetic-answers.ts";
import { generateProject } from "./synthetic-project.ts";

const { values } = parseArgs({ options: { modules: { type: "string", default: "40" }, jobs: { type: "string", default: "8" }, delay: { type: "string", default: "1500" } } });
const modules = Number(values.modules);
const TOKEN = "bench-token";
const SECRETS = { JAUNT_REMOTE_CACHE_TOKEN: TOKEN, JAUNT_REMOTE_CACHE_SIGNATURE_KEY: "bench-key" };

const llm = startFakeLlm({ delayMs: Number(values.delay) });
const server = await startRemoteCacheServer({ token: TOKEN });
const dirs: string[] = [];

async function checkout(remote: boolean): Promise<string> {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "jaunt-bench-rc-")));
  dirs.push(dir);
  await generateProject({ dir, modules, seed: 1, fresh: false });
  wireSyntheticProject(dir, llm.url, Number(values.jobs));
  if (remote) appendFileSync(path.join(dir, "jaunt.toml"), `[cache]\nremote_url = "${server.url}"\nteam = "bench"\n`);
  return dir;
}

async function timedBuild(dir: string): Promise<{ ms: number; requests: number; cache: string }> {
  const before = llm.requests.length;
  const started = performance.now();
  const child = Bun.spawn([process.execPath, CLI_MAIN, "build", "--json"], { cwd: dir, env: { ...cliEnv(), ...SECRETS }, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const ms = performance.now() - started;
  if (exitCode !== 0) throw new Error(`build in ${dir} exited ${exitCode}:\n${stderr}`);
  const report: unknown = JSON.parse(stdout);
  const cache = typeof report === "object" && report !== null && "cache" in report ? JSON.stringify(report.cache) : "?";
  return { ms, requests: llm.requests.length - before, cache };
}

try {
  llm.respond((request) => (request.module ? fence(syntheticAnswer(dirs.at(-1) ?? "", request.module)) : undefined));
  const baseline = await timedBuild(await checkout(false));
  const upload = await timedBuild(await checkout(true));
  const third = await checkout(true);
  const remote = await timedBuild(third);
  rmSync(path.join(third, "src"), { recursive: true, force: true });
  await generateProject({ dir: third, modules, seed: 1, fresh: false });
  const local = await timedBuild(third);
  const line = (name: string, r: { ms: number; requests: number; cache: string }) =>
    `  ${name.padEnd(9)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  ×${(r.ms / baseline.ms).toFixed(2)}  ${String(r.requests).padStart(4)} model requests  cache ${r.cache}`;
  console.log(`remote cache: ${modules} modules, jobs ${values.jobs}, model delay ${values.delay} ms (ratios against the baseline of this run)`);
  console.log(line("baseline", baseline));
  console.log(line("upload", upload));
  console.log(line("remote", remote));
  console.log(line("local", local));
} finally {
  await llm.stop();
  await server.stop();
  removeStorage(server);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
