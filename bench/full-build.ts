/**
 * Full-build benchmark (TASK-050): a synthetic project (bench/synthetic-project.ts)
 * built from scratch by the real CLI against the fake LLM server, then rebuilt
 * with nothing to do. Reports wall time, peak RSS of the jaunt process (its
 * Workers are threads, so they are included) and the no-op rebuild time.
 * Targets: peak RSS ≤ 300 MB with jobs 8.
 *
 *   bun bench/full-build.ts [--modules 1000] [--jobs 8] [--delay 0] [--keep]
 *
 * Every module's answer is computed from its spec file (one function per
 * spec, with the spec's signature), so validation — including the type check —
 * runs for real.
 */
import { readFileSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startFakeLlm, fence } from "../test/support/fake-llm.ts";
import { CLI_MAIN, cliEnv, syntheticAnswer, wireSyntheticProject } from "./synthetic-answers.ts";
import { generateProject } from "./synthetic-project.ts";

const { values } = parseArgs({
  options: {
    modules: { type: "string", default: "1000" },
    jobs: { type: "string", default: "8" },
    delay: { type: "string", default: "0" },
    keep: { type: "boolean", default: false },
  },
});
const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "jaunt-")));
await generateProject({ dir, modules: Number(values.modules), seed: 1, fresh: false });
const llm = startFakeLlm({ delayMs: Number(values.delay) });
llm.respond((request) => (request.module ? fence(syntheticAnswer(dir, request.module)) : undefined));
wireSyntheticProject(dir, llm.url, Number(values.jobs));

/** Run the CLI; sample its RSS from /proc every 50 ms. */
async function timedBuild(): Promise<{ ms: number; peakMb: number; exitCode: number; tail: string }> {
  const started = performance.now();
  const child = Bun.spawn([process.execPath, CLI_MAIN, "build"], { cwd: dir, env: cliEnv(), stdout: "pipe", stderr: "pipe" });
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const rss = /VmRSS:\s+(\d+) kB/.exec(status);
      if (rss?.[1]) peakKb = Math.max(peakKb, Number(rss[1]));
    } catch {
      // exited between samples
    }
  }, 50);
  const [stdout, , exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  clearInterval(sampler);
  return { ms: performance.now() - started, peakMb: peakKb / 1024, exitCode, tail: stdout.trim().split("\n").at(-1) ?? "" };
}

try {
  const full = await timedBuild();
  const requests = llm.requests.length;
  const noop = await timedBuild();
  console.log(`full build: ${values.modules} modules, jobs ${values.jobs}, fake-server delay ${values.delay} ms`);
  console.log(`  first build   ${(full.ms / 1000).toFixed(1)} s, peak RSS ${full.peakMb.toFixed(0)} MB, exit ${full.exitCode}, ${requests} requests`);
  console.log(`                ${full.tail}`);
  console.log(`  no-op rebuild ${(noop.ms / 1000).toFixed(2)} s, peak RSS ${noop.peakMb.toFixed(0)} MB, exit ${noop.exitCode}, ${llm.requests.length - requests} requests`);
} finally {
  await llm.stop();
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`project kept in ${dir}`);
}
