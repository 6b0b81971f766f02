/**
 * Startup time of the compiled `jaunt` against a hello-world executable
 * compiled with the very same settings (packaging/compile.ts), measured in one
 * run, alternating, many runs each; reports medians, the ratio and binary
 * sizes. Targets: `--version` ≤ 2× hello, `--help` ≤ 1.3× hello.
 *
 * Run: `bun bench/startup.ts [--runs 40] [--short] [--no-bytecode] [--json]`
 * (`--short` or JAUNT_BENCH_SHORT=1: 15 runs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { compileJaunt } from "../packaging/compile.ts";
import { hostTarget } from "../packaging/targets.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string" },
    short: { type: "boolean", default: process.env.JAUNT_BENCH_SHORT === "1" },
    "no-bytecode": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs ?? (values.short ? 15 : 40));
if (!Number.isInteger(runs) || runs < 3) throw new Error("--runs must be an integer ≥ 3");
const bytecode = !values["no-bytecode"];
const host = hostTarget();
if (!host) throw new Error(`no compile target for ${process.platform}-${process.arch}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-bench-"));
try {
  const helloSource = path.join(dir, "hello.ts");
  fs.writeFileSync(helloSource, 'console.log("0.0.0");\n');
  const [jaunt, hello] = await Promise.all([
    compileJaunt({ target: host.bunTarget, outfile: path.join(dir, "jaunt"), version: "0.0.0-bench", bytecode }),
    compileJaunt({ target: host.bunTarget, outfile: path.join(dir, "hello"), version: "0.0.0-bench", bytecode, entrypoint: helloSource }),
  ]);

  /** Wall time of one run in ms; the process runs in the temp folder, outside any project. */
  const time = (command: readonly string[]): number => {
    const start = Bun.nanoseconds();
    const result = Bun.spawnSync([...command], { cwd: dir, stdout: "ignore", stderr: "ignore", env: { ...process.env, NO_COLOR: "1" } });
    const elapsed = (Bun.nanoseconds() - start) / 1e6;
    if (result.exitCode !== 0) throw new Error(`${command.join(" ")} exited ${result.exitCode}`);
    return elapsed;
  };
  const cases = {
    hello: [hello],
    "jaunt --version": [jaunt, "--version"],
    "jaunt --help": [jaunt, "--help"],
  } as const;
  const samples: Record<keyof typeof cases, number[]> = { hello: [], "jaunt --version": [], "jaunt --help": [] };
  const names = Object.keys(cases) as (keyof typeof cases)[];
  for (const name of names) time(cases[name]); // warm the page cache
  for (let i = 0; i < runs; i++) {
    // Rotate the order so drift hits every case alike.
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      if (name) samples[name].push(time(cases[name]));
    }
  }
  const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const base = median(samples.hello);
  const report = {
    runs,
    bytecode,
    sizeMB: { jaunt: fs.statSync(jaunt).size / 1e6, hello: fs.statSync(hello).size / 1e6 },
    medianMs: Object.fromEntries(names.map((n) => [n, median(samples[n])])),
    ratio: {
      "jaunt --version": median(samples["jaunt --version"]) / base,
      "jaunt --help": median(samples["jaunt --help"]) / base,
    },
  };
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`startup, median of ${runs} runs (bytecode ${bytecode ? "on" : "off"}):`);
    for (const n of names) console.log(`  ${n.padEnd(16)} ${median(samples[n]).toFixed(1)} ms`);
    const targets: Record<string, number> = { "jaunt --version": 2, "jaunt --help": 1.3 };
    for (const [n, r] of Object.entries(report.ratio)) console.log(`  RATIO startup ${n.padEnd(16)} ${r.toFixed(2)}× hello-world (target ≤ ${targets[n] ?? 2})`);
    console.log(`  size: jaunt ${report.sizeMB.jaunt.toFixed(1)} MB, hello ${report.sizeMB.hello.toFixed(1)} MB`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
