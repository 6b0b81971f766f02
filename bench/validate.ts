/**
 * Validation benchmark (issue 10): median wall time of `validateCandidate` per
 * candidate — extraction, structural rules and the type check — for a small
 * build module (the slug fixture: a function and a generic class) and a small
 * test module, against a floor measured in the same run: one bare
 * `bun check --no-pretty` of the same candidate file (the spawn the type
 * check cannot avoid). Target: within 1.5× of the figure before issue 10
 * (recorded in docs/decisions.md). Also: a module of class specs with private
 * state (its check adds the spec-shape copy) and the in-process part alone.
 *
 *   bun bench/validate.ts [--runs 21]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { validateCandidate } from "../src/generation/validate/validate-candidate.ts";
import { STACK_GOOD, TESTS_GOOD } from "../test/generation/corpus/code.ts";
import { INPUTS, SPEC_FILES } from "../test/generation/corpus/specs.ts";
import { createSpecProject, SLUG_GOOD } from "../test/support/generation-project.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "21" } } });
const runs = Number(values.runs);

const TEST_ANSWER = `Here are the tests.\n\n\`\`\`ts\n${TESTS_GOOD}\`\`\`\n`;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function medianMs(fn: () => Promise<void>): Promise<number> {
  await fn(); // warm-up (TypeScript parser load, disk cache)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const project = createSpecProject(SPEC_FILES);
try {
  const answer = `Here is the module.\n\n\`\`\`ts\n${SLUG_GOOD}\`\`\`\n`;
  const build = await medianMs(async () => {
    const outcome = await validateCandidate(answer, INPUTS.slug, { root: project.root });
    if (outcome.diagnostics.length > 0) throw new Error(`bench candidate rejected: ${JSON.stringify(outcome.diagnostics)}`);
  });
  const tests = await medianMs(async () => {
    const outcome = await validateCandidate(TEST_ANSWER, INPUTS.tests, { root: project.root });
    if (outcome.diagnostics.length > 0) throw new Error(`bench test candidate rejected: ${JSON.stringify(outcome.diagnostics)}`);
  });
  const structure = await medianMs(async () => {
    const outcome = await validateCandidate(answer, INPUTS.slug, { root: project.root, skipTypeCheck: true });
    if (outcome.diagnostics.length > 0) throw new Error("bench candidate rejected (structure)");
  });
  const stackAnswer = `\`\`\`ts\n${STACK_GOOD}\`\`\`\n`;
  const shaped = await medianMs(async () => {
    const outcome = await validateCandidate(stackAnswer, INPUTS.stack, { root: project.root });
    if (outcome.diagnostics.length > 0) throw new Error(`bench stack candidate rejected: ${JSON.stringify(outcome.diagnostics)}`);
  });
  const floorFile = path.join(project.root, "src/__generated__/floor.ts");
  writeFileSync(floorFile, SLUG_GOOD);
  const floor = await medianMs(async () => {
    const child = Bun.spawn([process.execPath, "check", "--no-pretty", floorFile], { cwd: project.root, stdout: "pipe", stderr: "pipe" });
    await child.exited;
  });
  console.log(`validation, median of ${runs} per candidate (wall):`);
  console.log(`  floor: bare bun check of the file   ${floor.toFixed(1)} ms`);
  console.log(`  build module (slug: fn + class)     ${build.toFixed(1)} ms  (${(build / floor).toFixed(2)}× floor)`);
  console.log(`  test module (bun:test cases)        ${tests.toFixed(1)} ms  (${(tests / floor).toFixed(2)}× floor)`);
  console.log(`  classes with private state (shape)  ${shaped.toFixed(1)} ms  (${(shaped / floor).toFixed(2)}× floor)`);
  console.log(`  build module, structure only        ${structure.toFixed(1)} ms  (in process, no bun check)`);
} finally {
  project.cleanup();
}
