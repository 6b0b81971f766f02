import { expect, test } from "bun:test";
import { decidePair, NO_EVIDENCE, type FailingPair, type JudgeCall } from "../../src/orchestration/repair/decide-side.ts";
import type { PlannedModule } from "../../src/graph/plan-types.ts";
import type { TokenUsage } from "../../src/generation/types.ts";

const module = (id: string, kind: "build" | "test"): PlannedModule => ({
  id,
  kind,
  file: `${id}.ts`,
  generatedFile: `${id}.gen.ts`,
  specRefs: [],
  dependsOn: [],
  dependents: [],
  digest: `sha256:${"0".repeat(64)}`,
  status: "fresh",
  reasons: [],
  causes: [],
  stampable: false,
  downstream: 1,
  handwrittenImports: [],
  handwrittenDigests: {},
});
const pair: FailingPair = { testModule: module("tests/a", "test"), implementation: module("src/a", "build"), results: [], failures: [] };
const usage: TokenUsage = { promptTokens: 10, completionTokens: 2 };

function context(judge: JudgeCall, evidence = NO_EVIDENCE) {
  const warnings: string[] = [];
  const spent: number[] = [];
  const verdictless = new Set<string>();
  const ctx = (round: number) => ({ evidence, judge, verdictless, round, spend: (u: TokenUsage, c: number | undefined) => spent.push(u.promptTokens + (c ?? 0)), warn: (m: string) => warnings.push(m) });
  return { ctx, warnings, spent };
}

test("evidence decides without asking the judge", async () => {
  let asked = 0;
  const { ctx } = context(async () => {
    asked++;
    return { ok: true, side: "test", reason: "x", verdictGiven: true, usage };
  }, { decide: async () => ({ side: "implementation", reason: "it fails the spec's own example" }) });
  expect(await decidePair(pair, ctx(1))).toEqual({ side: "implementation", reason: "it fails the spec's own example", decidedBy: "evidence" });
  expect(asked).toBe(0);
});

test("a verdict-less answer counts as implementation once per pair, is warned, and then leaves the pair alone", async () => {
  const { ctx, warnings, spent } = context(async () => ({ ok: true, side: "implementation", reason: "the judge gave no verdict (it said: \"hmm\"); counted as implementation", verdictGiven: false, usage, costUsd: 0.5 }));
  expect(await decidePair(pair, ctx(1))).toMatchObject({ side: "implementation", decidedBy: "judge" });
  expect(await decidePair(pair, ctx(2))).toBeUndefined();
  expect(warnings).toEqual(['repair 1: the judge gave no verdict (it said: "hmm"); counted as implementation', "repair 2: tests/a not repaired: the judge again gave no verdict"]);
  expect(spent).toEqual([10.5, 10.5]);
});

test("a failed judge request leaves the pair alone this round, its tokens still counted", async () => {
  const { ctx, warnings, spent } = context(async () => ({ ok: false, message: "the judge's request failed: HTTP 500", usage }));
  expect(await decidePair(pair, ctx(1))).toBeUndefined();
  expect(warnings).toEqual(["repair 1: tests/a not repaired: the judge's request failed: HTTP 500"]);
  expect(spent).toEqual([10]);
});
