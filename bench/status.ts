/**
 * Planning benchmark: `jaunt status` (spawned CLI) on a synthetic project of
 * 1000 fresh modules, against a floor — a plain Bun script, spawned the same
 * way, that reads every spec file and generated header and SHA-256s them.
 * Targets: status ≤ 3× the floor and ≤ 0.5 s (warm parse cache). Also times
 * status right after touching one leaf spec (one re-parse, TypeScript loaded).
 *
 *   bun bench/status.ts [--modules 1000] [--runs 7] [--seed 1]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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

const modules = argValue("--modules", 1000);
const runs = argValue("--runs", 7);
const seed = argValue("--seed", 1);
const dir = mkdtempSync(path.join(os.tmpdir(), "jaunt-bench-"));
try {
  const files = await generateProject({ dir, modules, seed, fresh: true });
  const floorFile = path.join(dir, ".floor.ts");
  writeFileSync(floorFile, FLOOR_SCRIPT);
  const status = [process.execPath, MAIN, "status", "--check"];
  // Warm-up: fills the parse cache and the OS file cache.
  const first = await timeSpawn(status, dir);
  if (first.exitCode !== 0) throw new Error(`first status run exited ${first.exitCode}; the project should be fresh`);
  await timeSpawn([process.execPath, floorFile, dir], dir);
  const floor = await medianOf(runs, [process.execPath, floorFile, dir], dir, 0);
  const warm = await medianOf(runs, status, dir, 0);
  // Touch a leaf spec (the last module: nothing imports it) with a new JSDoc line each run.
  const leaf = path.join(dir, files[files.length - 1] ?? "");
  const original = readFileSync(leaf, "utf8");
  const touched = await medianOf(runs, status, dir, 1, (i) => writeFileSync(leaf, original.replace("Synthetic spec", `Synthetic (edit ${i}) spec`)));
  writeFileSync(leaf, original);
  const ratio = warm / floor;
  console.log(`synthetic project: ${modules} modules (seed ${seed}), ${runs} runs each, median wall time`);
  console.log(`  cold status (empty parse cache): ${first.ms.toFixed(0)} ms`);
  console.log(`  floor (read + sha256 every file): ${floor.toFixed(0)} ms`);
  console.log(`  jaunt status --check, all fresh:  ${warm.toFixed(0)} ms  (${ratio.toFixed(2)}× floor)`);
  console.log(`  after touching one leaf spec:     ${touched.toFixed(0)} ms`);
  const ok = ratio <= 3 && warm <= 500;
  console.log(`targets (≤ 3× floor and ≤ 500 ms): ${ok ? "met" : "NOT met"}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
