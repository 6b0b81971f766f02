import { expect, test } from "bun:test";
import { CheckBatcher } from "../../src/orchestration/check-batcher.ts";
import type { CheckRequest } from "../../src/generation/validate/type-check.ts";

/** A scripted `bun check`: records each process's arguments, finishes when the test says so. */
function scriptedSpawn() {
  const calls: { root: string; args: readonly string[]; finish: (output: string) => void; fail: (error: Error) => void }[] = [];
  const spawn = (root: string, args: readonly string[]) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ root, args, finish: resolve, fail: reject });
    });
  return { calls, spawn };
}

const request = (files: string[], extra: Partial<CheckRequest> = {}): CheckRequest => ({ root: "/p", flags: [], files, tsconfig: "/p/tsconfig.json", ...extra });
const settle = () => Bun.sleep(1);

test("an idle batcher starts a check at once; requests arriving meanwhile share the next process, most urgent first", async () => {
  const { calls, spawn } = scriptedSpawn();
  const batcher = new CheckBatcher({ limit: 1, spawn });
  const first = batcher.run(request(["/p/a.ts", "/p/spec.ts"]));
  await settle();
  expect(calls.map((c) => c.args)).toEqual([["/p/a.ts", "/p/spec.ts"]]);
  const later = [batcher.run(request(["/p/b.ts", "/p/spec.ts"]), 1), batcher.run(request(["/p/c.ts"]), 5)];
  await settle();
  expect(calls).toHaveLength(1); // the limit holds them back
  calls[0]?.finish("out-1");
  expect(await first).toBe("out-1");
  await settle();
  // One process for both, files deduplicated, the critical-path module's first; busy, so single-threaded.
  expect(calls.map((c) => c.args)).toEqual([["/p/a.ts", "/p/spec.ts"], ["--threads=1", "/p/c.ts", "/p/b.ts", "/p/spec.ts"]]);
  calls[1]?.finish("out-2");
  expect(await Promise.all(later)).toEqual(["out-2", "out-2"]);
  expect(batcher.stats).toEqual({ processes: 2, requests: 3 });
});

test("different semantics never share a process; a -p project runs alone; maxBatch bounds a process", async () => {
  const { calls, spawn } = scriptedSpawn();
  const batcher = new CheckBatcher({ limit: 1, maxBatch: 2, spawn });
  const blocker = batcher.run(request(["/p/x.ts"]));
  await settle();
  const waiting = [
    batcher.run(request(["/p/a.ts"])),
    batcher.run(request(["/p/b.ts"], { flags: ["--strict"] })),
    batcher.run(request(["/p/c.ts"], { tsconfig: "/p/pkg/tsconfig.json" })),
    batcher.run(request(["/p/d.ts"], { project: "/p/.jaunt-check-1.tsconfig.json" })),
    batcher.run(request(["/p/e.ts"])),
    batcher.run(request(["/p/f.ts"])),
  ];
  for (let i = 0; i < 7; i += 1) {
    await settle();
    calls.at(-1)?.finish(`out-${calls.length}`);
  }
  await Promise.all([blocker, ...waiting]);
  const one = "--threads=1"; // each of these queued: the machine is busy
  expect(calls.map((c) => c.args)).toEqual([["/p/x.ts"], [one, "/p/a.ts", "/p/e.ts"], [one, "--strict", "/p/b.ts"], [one, "/p/c.ts"], [one, "-p", "/p/.jaunt-check-1.tsconfig.json"], [one, "/p/f.ts"]]);
});

test("a process that cannot run rejects every request it served; the next batch still runs", async () => {
  const { calls, spawn } = scriptedSpawn();
  const batcher = new CheckBatcher({ limit: 1, spawn });
  const blocker = batcher.run(request(["/p/x.ts"]));
  await settle();
  const served = Promise.allSettled([batcher.run(request(["/p/a.ts"])), batcher.run(request(["/p/b.ts"]))]);
  calls[0]?.fail(new Error("spawn failed"));
  await expect(blocker).rejects.toThrow("spawn failed");
  await settle();
  calls[1]?.fail(new Error("timed out"));
  expect((await served).map((r) => (r.status === "rejected" && r.reason instanceof Error ? r.reason.message : r.status))).toEqual(["timed out", "timed out"]);
  const c = batcher.run(request(["/p/c.ts"]));
  await settle();
  calls[2]?.finish("fine");
  expect(await c).toBe("fine");
});

test("a raised limit starts waiting requests at once", async () => {
  const { calls, spawn } = scriptedSpawn();
  const batcher = new CheckBatcher({ limit: 1, spawn });
  const runs = [batcher.run(request(["/p/a.ts"])), batcher.run(request(["/p/b.ts"], { flags: ["--strict"] }))];
  await settle();
  expect(calls).toHaveLength(1);
  batcher.setLimit(2);
  await settle();
  expect(calls.map((c) => c.args)).toEqual([["/p/a.ts"], ["--threads=1", "--strict", "/p/b.ts"]]);
  calls[0]?.finish("a");
  calls[1]?.finish("b");
  expect(await Promise.all(runs)).toEqual(["a", "b"]);
});

test("an aborted run starts nothing more: waiting and later requests reject with its reason", async () => {
  const { calls, spawn } = scriptedSpawn();
  const controller = new AbortController();
  const batcher = new CheckBatcher({ limit: 1, spawn, signal: controller.signal });
  const running = batcher.run(request(["/p/a.ts"]));
  await settle();
  const waiting = batcher.run(request(["/p/b.ts"]));
  controller.abort(new Error("interrupted"));
  await expect(waiting).rejects.toThrow("interrupted");
  await expect(batcher.run(request(["/p/c.ts"]))).rejects.toThrow("interrupted");
  calls[0]?.finish("late");
  expect(await running).toBe("late");
  await settle();
  expect(calls).toHaveLength(1);
});

test("with a limit of two, two checks run at once; only one alone on an idle machine uses every core", async () => {
  const { calls, spawn } = scriptedSpawn();
  const batcher = new CheckBatcher({ limit: 2, spawn });
  const runs = [batcher.run(request(["/p/a.ts"])), batcher.run(request(["/p/b.ts"])), batcher.run(request(["/p/c.ts"]))];
  await settle();
  expect(calls.map((c) => c.args)).toEqual([["/p/a.ts"], ["--threads=1", "/p/b.ts"]]);
  calls[1]?.finish("b");
  await settle();
  // The second started beside the first: single-threaded too.
  expect(calls.map((c) => c.args)).toEqual([["/p/a.ts"], ["--threads=1", "/p/b.ts"], ["--threads=1", "/p/c.ts"]]);
  calls[0]?.finish("a");
  calls[2]?.finish("c");
  expect(await Promise.all(runs)).toEqual(["a", "b", "c"]);
});

// ---- real `bun check`: candidates of different modules in one process ----

import { afterAll } from "bun:test";
import type { GenerationInput } from "../../src/generation/types.ts";
import { validateCandidate } from "../../src/generation/validate/validate-candidate.ts";
import { spawnBunCheck } from "../../src/generation/validate/type-check.ts";
import { createSpecProject } from "../support/generation-project.ts";

const specOf = (name: string, type: string) => `import * as jaunt from "@jaunt/runtime";

/** Double it. */
export const ${name} = jaunt.magic(function ${name}(value: ${type}): ${type} {
  return jaunt.todo();
});
`;
const inputOf = (module: string, name: string, type: string): GenerationInput => ({
  kind: "build",
  module: `src/${module}`,
  specFile: `src/${module}.ts`,
  generatedFile: `src/__generated__/${module}.ts`,
  specSource: specOf(name, type),
  specs: [{ ref: `src/${module}:${name}`, name, kind: "function", text: specOf(name, type) }],
  dependencies: [],
  handwrittenImports: [],
});
const project = createSpecProject({ "src/nums.ts": specOf("twice", "number"), "src/words.ts": specOf("double", "string"), "src/lists.ts": specOf("repeat", "string[]"), "src/view.tsx": specOf("label", "string") });
/** A `.tsx` module in a project without `jsx`: a config error for that module's check, no one else's. */
const VIEW: GenerationInput = { ...inputOf("view", "label", "string"), specFile: "src/view.tsx", generatedFile: "src/__generated__/view.tsx" };
afterAll(() => project.cleanup());

test("one process checks four modules' candidates; each sees its own errors only, exactly as checked alone", async () => {
  const processes: string[][] = [];
  // The first process waits until all three candidates asked: they queue behind it and share the second.
  let asked = 0;
  const { promise: allAsked, resolve: everyoneAsked } = Promise.withResolvers<void>();
  const batcher = new CheckBatcher({
    limit: 1,
    spawn: async (root, args, signal) => {
      processes.push([...args]);
      if (processes.length === 1) await allAsked;
      return spawnBunCheck(root, args, signal);
    },
  });
  const gate = batcher.run({ root: project.root, flags: [], files: [`${project.root}/src/nums.ts`] });
  const runCheck = (request: CheckRequest) => {
    const output = batcher.run(request);
    if (++asked === 4) everyoneAsked();
    return output;
  };
  const answer = (code: string) => `\`\`\`ts\n${code}\n\`\`\``;
  const cases = [
    { input: inputOf("nums", "twice", "number"), code: "export function twice(value: number): number {\n  return value * 2;\n}" },
    { input: inputOf("words", "double", "string"), code: "export function double(value: string): string {\n  const n: number = value;\n  return value + value;\n}" },
    { input: inputOf("lists", "repeat", "string[]"), code: "export function repeat(value: string[]): number {\n  return value.length;\n}" },
  ];
  const shared = Promise.all(cases.map(({ input, code }) => validateCandidate(answer(code), input, { root: project.root, runCheck })));
  // Settled as soon as it rejects (a rejection left unhandled while the others run fails the test run).
  const view = validateCandidate(answer("export function label(value: string): string {\n  const node = <b>{value}</b>;\n  return String(node);\n}"), VIEW, { root: project.root, runCheck }).then(
    () => "validated",
    (error: unknown) => (error instanceof Error && "code" in error ? error.code : error),
  );
  await gate;
  const outcomes = await shared;
  expect(await view).toBe("config.jsx_not_enabled");
  expect(processes).toHaveLength(2);
  expect(processes[1]?.filter((a) => a.includes(".jaunt-check-") && !a.includes(".assert") && !a.includes(".shape"))).toHaveLength(4);
  const alone = await Promise.all(cases.map(({ input, code }) => validateCandidate(answer(code), input, { root: project.root })));
  const summary = (o: { diagnostics: readonly { code: string; line?: number; message: string }[] }) => o.diagnostics.map((d) => `${d.code}@${d.line ?? "-"}: ${d.message.split("\n")[0]}`);
  expect(outcomes.map(summary)).toEqual(alone.map(summary));
  expect(summary(outcomes[0] ?? { diagnostics: [] })).toEqual([]);
  expect(summary(outcomes[1] ?? { diagnostics: [] })).toEqual(["TS2322@2: Type 'string' is not assignable to type 'number'."]);
  expect(outcomes[2]?.diagnostics.map((d) => d.code)).toEqual(["TS2322"]);
  expect(outcomes[2]?.diagnostics[0]?.message).toContain("`repeat` does not match the spec's declared signature");
});
