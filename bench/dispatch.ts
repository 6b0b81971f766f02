/**
 * Per-call cost of a `magic()` wrapper against calling the generated function
 * directly, on a realistic small function (slugify of a 40-character title).
 * Run: `bun bench/dispatch.ts`. Target: dispatched/direct ≤ 1.10.
 */
import { slugify as generated } from "./fixtures/dispatch/__generated__/slug.ts";
import { slugify as dispatched } from "./fixtures/dispatch/slug.ts";

const TITLES = [
  "Hello, World! Jaunt turns specs to code!",
  "  Ten Tips for Faster Bun Test Suites!! ",
  "Why TC39 decorators beat legacy ones: 2x",
  "Spec stubs -- JSDoc, types & comments ..",
] as const;
for (const title of TITLES) if (title.length !== 40) throw new Error(`title length ${title.length}`);

const CALLS_PER_ROUND = 100_000;
const ROUNDS = 9;
let sink = 0; // consumed below so the engine cannot drop the calls

// Two textually identical loops, so each call site only ever sees one callee.
function runDirect(calls: number): number {
  const start = Bun.nanoseconds();
  for (let i = 0; i < calls; i++) sink += generated(TITLES[i & 3] ?? "").length;
  return Bun.nanoseconds() - start;
}

function runDispatched(calls: number): number {
  const start = Bun.nanoseconds();
  for (let i = 0; i < calls; i++) sink += dispatched(TITLES[i & 3] ?? "").length;
  return Bun.nanoseconds() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

if (dispatched(TITLES[0]) !== generated(TITLES[0])) throw new Error("dispatch returned a different result");

// Warm-up: let both loops and the wrapper reach the optimizing tiers.
for (let i = 0; i < 3; i++) {
  runDirect(CALLS_PER_ROUND);
  runDispatched(CALLS_PER_ROUND);
}

const direct: number[] = [];
const viaMagic: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so drift (thermal, GC, neighbours) hits both alike.
  if (round % 2 === 0) {
    direct.push(runDirect(CALLS_PER_ROUND) / CALLS_PER_ROUND);
    viaMagic.push(runDispatched(CALLS_PER_ROUND) / CALLS_PER_ROUND);
  } else {
    viaMagic.push(runDispatched(CALLS_PER_ROUND) / CALLS_PER_ROUND);
    direct.push(runDirect(CALLS_PER_ROUND) / CALLS_PER_ROUND);
  }
}

const directNs = median(direct);
const magicNs = median(viaMagic);
const ratio = magicNs / directNs;
console.log(`slugify, 40-char title, ${ROUNDS} rounds x ${CALLS_PER_ROUND} calls (median)`);
console.log(`direct     ${directNs.toFixed(1)} ns/call`);
console.log(`magic()    ${magicNs.toFixed(1)} ns/call`);
console.log(`ratio      ${ratio.toFixed(3)}x  (target <= 1.10x) ${ratio <= 1.1 ? "OK" : "OVER"}`);
if (sink === 0) console.log("(sink)");
