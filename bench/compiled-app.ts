/**
 * A user's app compiled with `@jaunt/runtime/bun-plugin`
 * (test/fixtures/runtime/app: two spec modules, functions and a class)
 * against a hello-world compiled the same way, in one run: binary sizes,
 * and startup medians (alternating, many runs each) with their ratio.
 * The app carries its generated code: it is run from an empty folder.
 *
 * Run: `bun bench/compiled-app.ts [--runs 30]`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import jaunt from "../runtime/src/bun-plugin.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "30" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 3) throw new Error("--runs must be an integer ≥ 3");

const REPO = path.join(import.meta.dir, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-bench-app-"));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timeRun(binary: string, cwd: string): number {
  const start = Bun.nanoseconds();
  const child = Bun.spawnSync([binary], { cwd, stdout: "pipe", stderr: "pipe" });
  const elapsed = (Bun.nanoseconds() - start) / 1e6;
  if (child.exitCode !== 0) throw new Error(`${binary} failed: ${child.stderr.toString()}`);
  return elapsed;
}

try {
  const app = path.join(dir, "app");
  fs.cpSync(path.join(REPO, "test/fixtures/runtime/app"), app, { recursive: true });
  fs.mkdirSync(path.join(app, "node_modules/@jaunt"), { recursive: true });
  fs.symlinkSync(path.join(REPO, "runtime"), path.join(app, "node_modules/@jaunt/runtime"), "dir");
  fs.writeFileSync(path.join(dir, "hello.ts"), 'console.log("hello");\n');

  const appBinary = path.join(dir, "bin", "app");
  const helloBinary = path.join(dir, "bin", "hello");
  const compile = async (entry: string, outfile: string, plugins: ReturnType<typeof jaunt>[]): Promise<void> => {
    const result = await Bun.build({ entrypoints: [entry], compile: { outfile }, plugins });
    if (!result.success) throw new AggregateError(result.logs, `compiling ${entry} failed`);
  };
  await compile(path.join(app, "src/main.ts"), appBinary, [jaunt()]);
  await compile(path.join(dir, "hello.ts"), helloBinary, []);

  const empty = fs.mkdtempSync(path.join(dir, "elsewhere-"));
  const output = Bun.spawnSync([appBinary], { cwd: empty }).stdout.toString();
  if (!output.includes('"slug":"hello-world"')) throw new Error(`the compiled app printed ${output}`);

  const appMs: number[] = [];
  const helloMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate, so drift on a shared machine hits both alike.
    appMs.push(timeRun(appBinary, empty));
    helloMs.push(timeRun(helloBinary, empty));
  }
  const mb = (file: string): string => (fs.statSync(file).size / 1024 / 1024).toFixed(1);
  const appMedian = median(appMs);
  const helloMedian = median(helloMs);
  console.log(`compiled app (2 spec modules, linked)  ${mb(appBinary)} MB  start+run ${appMedian.toFixed(1)} ms (median of ${runs})`);
  console.log(`compiled hello-world                   ${mb(helloBinary)} MB  start+run ${helloMedian.toFixed(1)} ms`);
  console.log(`size delta ${((fs.statSync(appBinary).size - fs.statSync(helloBinary).size) / 1024).toFixed(0)} KB, startup ratio ${(appMedian / helloMedian).toFixed(2)}x`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
