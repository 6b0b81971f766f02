/**
 * What reading per-test results costs `jaunt test`: a `bun test` run of
 * generated-style test files as Jaunt ran it before (exit code only) against
 * the same run with the JUnit reporter, the stderr tap and the report parsed
 * (`runTests`), in the same process, alternating, median of RUNS each.
 *
 *   bun bench/test-results.ts [files=20] [tests per file=10]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runTests } from "../src/orchestration/test-results/run-tests.ts";
import { runBunTest } from "../src/orchestration/test-run.ts";

const FILES = Number(process.argv[2] ?? 20);
const TESTS = Number(process.argv[3] ?? 10);
const RUNS = 7;
const limits = { timeoutSeconds: 120, secretEnvNames: ["JAUNT_BENCH_KEY"] };

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-bench-results-")));
fs.mkdirSync(path.join(root, "src/__generated__"), { recursive: true });
fs.mkdirSync(path.join(root, "tests/__generated__"), { recursive: true });
fs.writeFileSync(path.join(root, "src/__generated__/text.ts"), "export function shout(s: string): string {\n  return s.toUpperCase();\n}\n");
const files: string[] = [];
for (let f = 0; f < FILES; f++) {
  const cases = Array.from({ length: TESTS }, (_, t) => `  test("case ${t}", () => {\n    expect(shout("a${t}")).toBe(${t % 5 === 4 ? `"wrong ${t}"` : `"A${t}"`});\n  });`).join("\n");
  const file = `tests/__generated__/t${f}.test.ts`;
  fs.writeFileSync(path.join(root, file), `import { describe, expect, test } from "bun:test";\nimport { shout } from "../../src/__generated__/text";\n\ndescribe("shout ${f}", () => {\n${cases}\n});\n`);
  files.push(file);
}

const quiet = (): (() => void) => {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = () => true;
  return () => {
    process.stderr.write = write;
  };
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const plain: number[] = [];
const read: number[] = [];
let results = 0;
for (let i = 0; i < RUNS; i++) {
  const restore = quiet();
  try {
    let t = performance.now();
    await runBunTest(root, files, [], "stderr", undefined, limits);
    plain.push(performance.now() - t);
    t = performance.now();
    const run = await runTests({ root, files, bunArgs: [], output: "stderr", limits });
    read.push(performance.now() - t);
    results = run.tests.length;
  } finally {
    restore();
  }
}
fs.rmSync(root, { recursive: true, force: true });
const base = median(plain);
const withResults = median(read);
console.log(`${FILES} files × ${TESTS} tests (${results} results read), median of ${RUNS}:`);
console.log(`  bun test, exit code only (baseline): ${base.toFixed(0)} ms`);
console.log(`  bun test + JUnit report + parse:     ${withResults.toFixed(0)} ms  (${(withResults / base).toFixed(2)}× baseline, +${(withResults - base).toFixed(0)} ms)`);
