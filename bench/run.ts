/**
 * Run the benchmarks one after another (they print their own numbers):
 *
 *   bun bench/run.ts              every benchmark
 *   bun bench/run.ts validate …   only the named ones (file names without .ts)
 *
 * Arguments after `--` are passed to each benchmark.
 */
import path from "node:path";

const BENCHES = ["startup", "status", "dispatch", "validate", "provider-overhead", "watch", "compiled-app", "scheduling", "full-build", "remote-cache", "test-results"] as const;

const split = process.argv.indexOf("--");
const names = split === -1 ? process.argv.slice(2) : process.argv.slice(2, split);
const extra = split === -1 ? [] : process.argv.slice(split + 1);
const unknown = names.filter((n) => !BENCHES.some((b) => b === n));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHES.join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const name of names.length > 0 ? names : BENCHES) {
  console.log(`\n## bench/${name}.ts`);
  const child = Bun.spawn([process.execPath, path.join(import.meta.dir, `${name}.ts`), ...extra], { stdout: "inherit", stderr: "inherit" });
  if ((await child.exited) !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
