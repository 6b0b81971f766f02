/**
 * Behaviour-stage benchmark (issue 17): per candidate of each of the example
 * project's build modules (examples/linkshelf, its reviewed answers as the
 * candidates), the median wall time of `validateCandidate` without the
 * behaviour stage, with the spec's examples, and with examples plus the
 * tests that gate the module — alternating, in the same run — against two
 * baselines measured in the same run: the stage's floor (`bun` starting with
 * the overlay preload and an empty program) and, for gated modules, a bare
 * `bun test` of the same test files. Targets: examples add ≤ 30 ms median
 * per candidate over validation without them; tests cost their own time
 * + ≤ 100 ms. Before each measurement a 50 ms pause stands for the wait on
 * the model's answer (the next run's Worker starts then, as in a build).
 *
 *   bun bench/behaviour.ts [--runs 15]
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRunFolder } from "../src/generation/behaviour/run/preload-files.ts";
import { validateCandidate, type ValidateOptions } from "../src/generation/validate/validate-candidate.ts";
import { loadPlan } from "../src/orchestration/build.ts";
import { prepareRun, promptTexts } from "../src/orchestration/prepare-run.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 3) throw new Error("--runs must be an integer ≥ 3");

const REPO = path.join(import.meta.dir, "..");

function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A pause before each measurement stands for the wait on the model's answer, when the next run's Worker starts (run-worker.ts). */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  await Bun.sleep(50);
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const root = mkdtempSync(path.join(os.tmpdir(), "jaunt-bench-behaviour-"));
try {
  cpSync(path.join(REPO, "examples/linkshelf"), root, { recursive: true });
  mkdirSync(path.join(root, "node_modules/@jaunt"), { recursive: true });
  mkdirSync(path.join(root, "node_modules/@types"), { recursive: true });
  symlinkSync(path.join(REPO, "runtime"), path.join(root, "node_modules/@jaunt/runtime"));
  symlinkSync(path.join(REPO, "node_modules/@types/bun"), path.join(root, "node_modules/@types/bun"));
  // Dependencies' generated code, as the DAG would have written it before each module.
  const built = Bun.spawnSync([process.execPath, path.join(REPO, "src/main.ts"), "build", "--offline"], { cwd: root, stdout: "pipe", stderr: "pipe" });
  if (built.exitCode !== 0) throw new Error(`build --offline failed: ${built.stderr.toString()}`);

  const { config, plan } = await loadPlan({ cwd: root });
  const modules = plan.modules.filter((m) => m.kind === "build");
  const { inputs } = await prepareRun(plan, modules, await promptTexts(config));
  const env = { ...process.env };
  const base: ValidateOptions = { root };
  const withExamples: ValidateOptions = { root, behaviour: { exampleTimeoutMs: 10_000, verifyTests: false, env, secretEnvNames: ["OPENAI_API_KEY"] } };
  const withTests: ValidateOptions = { root, behaviour: { exampleTimeoutMs: 10_000, verifyTests: true, env, secretEnvNames: ["OPENAI_API_KEY"] } };

  // The floor of the tests run: bun with the overlay preload and an empty program.
  const folder = await createRunFolder();
  const empty = folder.file("empty.ts");
  writeFileSync(empty, "");
  const floorTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    floorTimes.push(await timed(async () => {
      const child = Bun.spawn([process.execPath, "--no-env-file", "--preload", folder.preload, empty], { cwd: root, env: { ...env, JAUNT_OVERLAY: "" }, stdout: "pipe", stderr: "pipe" });
      await child.exited;
    }));
  }
  await folder.remove();

  console.log(`behaviour stage, median of ${runs} per candidate (wall), examples/linkshelf:`);
  console.log(`  floor: bun subprocess + overlay preload, empty program  ${median(floorTimes).toFixed(1)} ms`);
  const added: number[] = [];
  for (const module of modules) {
    const input = inputs.get(module.id);
    if (!input) continue;
    const answer = "```ts\n" + readFileSync(path.join(root, "answers", `${module.id}.ts`), "utf8") + "\n```\n";
    const check = async (options: ValidateOptions) => {
      const outcome = await validateCandidate(answer, input, options);
      if (outcome.diagnostics.length > 0) throw new Error(`${module.id} rejected: ${JSON.stringify(outcome.diagnostics)}`);
      return outcome;
    };
    const sample = await check(withTests); // warm-up, and the checks it ran
    const times = { base: [] as number[], examples: [] as number[], tests: [] as number[], bare: [] as number[] };
    const gating = input.gatingTests ?? [];
    for (let i = 0; i < runs; i++) {
      // Alternate, so drift on a shared machine hits every variant alike.
      times.base.push(await timed(() => check(base)));
      times.examples.push(await timed(() => check(withExamples)));
      if (gating.length > 0) {
        times.tests.push(await timed(() => check(withTests)));
        times.bare.push(await timed(async () => {
          const child = Bun.spawn([process.execPath, "test", ...gating.map((t) => `./${t.file}`)], { cwd: root, stdout: "pipe", stderr: "pipe" });
          await child.exited;
        }));
      }
    }
    const b = median(times.base);
    const e = median(times.examples);
    added.push(e - b);
    const c = sample.checks;
    console.log(`  ${module.id.padEnd(10)} without examples ${b.toFixed(1)} ms · with ${c?.examples.total ?? 0} examples ${e.toFixed(1)} ms (+${(e - b).toFixed(1)} ms, ${(e / b).toFixed(2)}×)`);
    if (gating.length > 0) {
      const t = median(times.tests);
      const bare = median(times.bare);
      console.log(`  ${"".padEnd(10)} + ${c?.tests.total ?? 0} tests ${t.toFixed(1)} ms: +${(t - e).toFixed(1)} ms over examples; bare bun test of the same files ${bare.toFixed(1)} ms → overhead ${(t - e - bare).toFixed(1)} ms`);
    }
  }
  console.log(`  examples add, median over modules: ${median(added).toFixed(1)} ms per candidate (target ≤ 30 ms)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
