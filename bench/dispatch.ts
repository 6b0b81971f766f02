/**
 * Per-call cost of a spec against calling the generated function directly,
 * on a realistic small function (slugify of a 40-character title):
 * - dynamic: the `magic()` wrapper (`bun run`, `bun test`); target ≤ 1.10x;
 * - statically linked: the spec module bundled with `@jaunt/runtime/bun-plugin`
 *   (Bun.build, compile, preload); target ≤ 1.02x.
 * Run: `bun bench/dispatch.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jaunt from "../runtime/src/bun-plugin.ts";
import { slugify as generated } from "./fixtures/dispatch/__generated__/slug.ts";
import { slugify as dispatched } from "./fixtures/dispatch/slug.ts";

async function linkedSlugify(): Promise<(title: string) => string> {
  const outdir = mkdtempSync(join(tmpdir(), "jaunt-bench-"));
  try {
    const built = await Bun.build({ entrypoints: [join(import.meta.dir, "fixtures/dispatch/slug.ts")], outdir, target: "bun", plugins: [jaunt()] });
    if (!built.success) throw new AggregateError(built.logs, "bundling the spec module failed");
    const bundle: { slugify: (title: string) => string } = await import(join(outdir, "slug.js"));
    return bundle.slugify;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const linked = await linkedSlugify();

const TITLES = [
  "Hello, World! Jaunt turns specs to code!",
  "  Ten Tips for Faster Bun Test Suites!! ",
  "Why TC39 decorators beat legacy ones: 2x",
  "Spec stubs -- JSDoc, types & comments ..",
] as const;
for (const title of TITLES) if (title.length !== 40) throw new Error(`title length ${title.length}`);

const CALLS_PER_ROUND = 20_000;
const ROUNDS = 61;
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

function runLinked(calls: number): number {
  const start = Bun.nanoseconds();
  for (let i = 0; i < calls; i++) sink += linked(TITLES[i & 3] ?? "").length;
  return Bun.nanoseconds() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

if (dispatched(TITLES[0]) !== generated(TITLES[0])) throw new Error("dispatch returned a different result");
if (linked(TITLES[0]) !== generated(TITLES[0])) throw new Error("the linked spec returned a different result");

// Warm-up: let both loops and the wrapper reach the optimizing tiers.
for (let i = 0; i < 3; i++) {
  runDirect(CALLS_PER_ROUND);
  runDispatched(CALLS_PER_ROUND);
  runLinked(CALLS_PER_ROUND);
}

const direct: number[] = [];
const viaMagic: number[] = [];
const viaLink: number[] = [];
const runs = [
  () => direct.push(runDirect(CALLS_PER_ROUND) / CALLS_PER_ROUND),
  () => viaMagic.push(runDispatched(CALLS_PER_ROUND) / CALLS_PER_ROUND),
  () => viaLink.push(runLinked(CALLS_PER_ROUND) / CALLS_PER_ROUND),
];
for (let round = 0; round < ROUNDS; round++) {
  // Rotate which goes first, so drift (thermal, GC, neighbours) hits all alike.
  for (let k = 0; k < runs.length; k++) runs[(round + k) % runs.length]?.();
}

const directNs = median(direct);
const magicNs = median(viaMagic);
const linkNs = median(viaLink);
// Paired: each round's ratio against that round's direct run, so load that
// drifts between rounds (a shared 2-core machine) cancels out.
const pairedRatio = (times: readonly number[]): number => median(times.map((time, round) => time / (direct[round] ?? Number.NaN)));
const ratio = pairedRatio(viaMagic);
const linkRatio = pairedRatio(viaLink);
console.log(`slugify, 40-char title, ${ROUNDS} rounds x ${CALLS_PER_ROUND} calls (medians; ratios paired per round)`);
console.log(`direct          ${directNs.toFixed(1)} ns/call`);
console.log(`magic() dynamic ${magicNs.toFixed(1)} ns/call`);
console.log(`magic() linked  ${linkNs.toFixed(1)} ns/call`);
console.log(`dynamic ratio   ${ratio.toFixed(3)}x  (target <= 1.10x) ${ratio <= 1.1 ? "OK" : "OVER"}`);
console.log(`linked ratio    ${linkRatio.toFixed(3)}x  (target <= 1.02x) ${linkRatio <= 1.02 ? "OK" : "OVER"}`);
if (sink === 0) console.log("(sink)");
