/**
 * Planning benchmark: `jaunt status` (spawned CLI) on a synthetic project of
 * 1000 fresh modules, against a floor — a plain Bun script, spawned the same
 * way, that reads every spec file and generated header and SHA-256s them.
 * Each measured run is paired with a floor run right before it, and a ratio
 * is the median of those pairs (a shared machine's load moves between runs).
 * Targets: status ≤ 3× the floor and ≤ 0.5 s when nothing changed (served
 * from the status memo after a walk and a stat of every input), and ≤ 3× the
 * floor right after one leaf spec's JSDoc was edited (a re-plan: the edit is
 * patched from the parse cache without TypeScript, the snapshot's walk and
 * stamps are reused, the graph and unreached module digests come from
 * .jaunt/cache/graph.json, and only what the change reaches is recomputed).
 * The shipped executable (compiled here first, as `bun run build` does), the
 * bundled npm CLI (`bunx jaunt`: `bun bin/main.js`, built here too) and the
 * source run (`bun src/main.ts`) are measured; the targets are judged on the
 * executable and the npm CLI, which are what users run. `--version` of each
 * is timed too: the startup share of a status run. Finally, in this process
 * (from source, warm), the parts of a no-op status: the walk and stats, the
 * status memo read, and — what a changed project pays instead — a full plan.
 *
 *   bun bench/status.ts [--modules 1000] [--runs 7] [--seed 1]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileJaunt } from "../packaging/compile.ts";
import { buildNpmPackage } from "../packaging/npm-package.ts";
import { hostTarget } from "../packaging/targets.ts";
import pkg from "../package.json" with { type: "json" };
import { generateProject } from "./synthetic-project.ts";

const MAIN = path.resolve(import.meta.dir, "../src/main.ts");

const FLOOR_SCRIPT = `
import { readdirSync } from "node:fs";
import path from "node:path";
const root = process.argv[2];
const files = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith(".ts"))
  .map((e) => path.join(e.parentPath, e.name));
let n = 0;
await Promise.all(files.map(async (f) => {
  const h = new Bun.CryptoHasher("sha256");
  h.update(await Bun.file(f).bytes());
  h.digest("hex");
  n++;
}));
console.log(n);
`;

function argValue(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function timeSpawn(command: string[], cwd: string): Promise<{ ms: number; exitCode: number; stdout: string }> {
  const start = performance.now();
  const child = Bun.spawn(command, { cwd, stdout: "pipe", stderr: "inherit", env: { ...process.env, NO_COLOR: "1" } });
  const stdout = await new Response(child.stdout).text();
  const exitCode = await child.exited;
  return { ms: performance.now() - start, exitCode, stdout };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function medianOf(runs: number, command: string[], cwd: string, expectExit: number, before?: (i: number) => void): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    before?.(i);
    const result = await timeSpawn(command, cwd);
    if (result.exitCode !== expectExit) throw new Error(`${command.join(" ")} exited ${result.exitCode}, expected ${expectExit}`);
    times.push(result.ms);
  }
  return median(times);
}

/**
 * Median time of `command` and its median ratio to the floor, each run paired
 * with a floor run right before it: on a shared machine whose load changes
 * from second to second, a ratio of neighbours is what stays comparable.
 */
async function pairedOf(runs: number, command: string[], floorCommand: string[], cwd: string, expectExit: number, before?: (i: number) => void): Promise<{ ms: number; ratio: number }> {
  const times: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const floor = await timeSpawn(floorCommand, cwd);
    before?.(i);
    const result = await timeSpawn(command, cwd);
    if (result.exitCode !== expectExit) throw new Error(`${command.join(" ")} exited ${result.exitCode}, expected ${expectExit}`);
    times.push(result.ms);
    ratios.push(result.ms / floor.ms);
  }
  return { ms: median(times), ratio: median(ratios) };
}

/** Where a no-op status spends its time after startup, measured in this process. */
async function breakdown(dir: string, runs: number): Promise<void> {
  const { loadConfig } = await import("../src/config/load.ts");
  const { planProject } = await import("../src/graph/plan.ts");
  const { requestDigests } = await import("../src/graph/digests.ts");
  const memo = await import("../src/graph/status-memo.ts");
  const { status } = await import("../src/graph/status.ts");
  const { RACY_MARGIN_MS } = await import("../src/discovery/file-stamp.ts");
  const config = await loadConfig({ root: dir });
  // The touched leaf was just restored: once its stamp is old enough to trust, one run writes a valid memo.
  await Bun.sleep(RACY_MARGIN_MS + 100);
  await status({ root: dir });
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < runs + 2; i += 1) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    return median(times.slice(2));
  };
  const snapshot = await memo.takeSnapshot(config);
  const key = memo.memoKey(config, await requestDigests(config), undefined);
  const walk = await time(() => memo.takeSnapshot(config));
  const read = await time(async () => {
    if (!memo.readStatusMemo(dir, key, snapshot)) throw new Error("the status memo should be valid here");
  });
  const plan = await time(() => planProject({ config }));
  console.log("in-process parts (source, warm):");
  console.log(`  config + walk + stat every file:   ${walk.toFixed(0)} ms`);
  console.log(`  status memo read and check:        ${read.toFixed(0)} ms`);
  console.log(`  full plan instead (parse cache):   ${plan.toFixed(0)} ms`);
}

const modules = argValue("--modules", 1000);
const runs = argValue("--runs", 7);
const seed = argValue("--seed", 1);
const dir = mkdtempSync(path.join(os.tmpdir(), "jaunt-bench-"));
try {
  const files = await generateProject({ dir, modules, seed, fresh: true });
  const floorFile = path.join(dir, ".floor.ts");
  writeFileSync(floorFile, FLOOR_SCRIPT);
  const target = hostTarget();
  if (!target) throw new Error("no release target for this platform");
  const binary = await compileJaunt({ target: target.bunTarget, outfile: path.join(dir, ".bin", "jaunt"), version: pkg.version });
  const npmDir = path.join(dir, ".npm");
  await buildNpmPackage({ version: pkg.version, stagingDir: path.join(npmDir, "package"), destination: npmDir });
  const npmMain = path.join(npmDir, "package", "bin", "main.js");
  const floorCommand = [process.execPath, floorFile, dir];
  await timeSpawn(floorCommand, dir);
  const floor = await medianOf(runs, floorCommand, dir, 0);
  console.log(`synthetic project: ${modules} modules (seed ${seed}), ${runs} runs each, median wall time; ratios are medians of each run against a floor run just before it`);
  console.log(`  floor (read + sha256 every file):  ${floor.toFixed(0)} ms`);
  // Touch a leaf spec (the last module: nothing imports it) with a new JSDoc line each run.
  const leaf = path.join(dir, files[files.length - 1] ?? "");
  const original = readFileSync(leaf, "utf8");
  let verdict = true;
  for (const [label, base] of [
    ["executable", [binary]],
    ["npm CLI", [process.execPath, npmMain]],
    ["source", [process.execPath, MAIN]],
  ] as const) {
    const command = [...base, "status", "--check"];
    const startup = await medianOf(runs, [...base, "--version"], dir, 0);
    rmSync(path.join(dir, ".jaunt"), { recursive: true, force: true });
    // Cold run fills the parse cache (and the OS file cache).
    const first = await timeSpawn([...command], dir);
    if (first.exitCode !== 0) throw new Error(`first status run exited ${first.exitCode}; the project should be fresh`);
    const { ms: warm, ratio } = await pairedOf(runs, [...command], floorCommand, dir, 0);
    const { ms: touched, ratio: editRatio } = await pairedOf(runs, [...command], floorCommand, dir, 1, (i) => writeFileSync(leaf, original.replace("Synthetic spec", `Synthetic (edit ${i}) spec`)));
    writeFileSync(leaf, original);
    console.log(`jaunt status --check (${label}):`);
    console.log(`  cold (empty parse cache):          ${first.ms.toFixed(0)} ms`);
    console.log(`  --version (startup):               ${startup.toFixed(0)} ms`);
    console.log(`  all fresh (no-op plan):            ${warm.toFixed(0)} ms  (${ratio.toFixed(2)}× floor; ${(warm - startup).toFixed(0)} ms after startup)`);
    console.log(`  after one spec's JSDoc was edited: ${touched.toFixed(0)} ms  (${editRatio.toFixed(2)}× floor)`);
    if (label !== "source") verdict &&= ratio <= 3 && warm <= 500 && editRatio <= 3;
  }
  await breakdown(dir, runs);
  console.log(`targets for the executable and the npm CLI (no-op ≤ 3× floor and ≤ 500 ms; JSDoc edit ≤ 3× floor): ${verdict ? "met" : "NOT met"}`);
  process.exitCode = verdict ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
