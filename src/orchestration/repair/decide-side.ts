/**
 * Which side of a failing generated test contradicts the spec: the
 * implementation it calls or the test itself. Evidence first — the user's own
 * words (a spec's examples, their own tests) settle it when they speak to
 * the failure — and otherwise one short judge call (prompts/judge.md).
 */
import type { RepairFailure, TokenUsage } from "../../generation/types.ts";
import type { PlannedModule } from "../../graph/plan-types.ts";
import type { TestCaseResult } from "../test-results/types.ts";

/** A failing test module and one implementation module its failures implicate. */
export interface FailingPair {
  readonly testModule: PlannedModule;
  readonly implementation: PlannedModule;
  readonly results: readonly TestCaseResult[];
  readonly failures: readonly RepairFailure[];
}

export interface SideDecision {
  readonly side: "implementation" | "test";
  /** One line: the evidence, or the judge's reason. */
  readonly reason: string;
  readonly decidedBy: "evidence" | "judge";
}

/**
 * What the user's own words say about a failure. `decide` returns a side when
 * they settle it: an implementation that fails its spec's examples or the
 * user's tests is wrong; a generated test whose expectation contradicts a
 * spec example is wrong. Undefined leaves it to the judge.
 */
export interface Evidence {
  decide(pair: FailingPair, signal?: AbortSignal): Promise<Omit<SideDecision, "decidedBy"> | undefined>;
}

/** No evidence source: every decision goes to the judge. */
export const NO_EVIDENCE: Evidence = { decide: async () => undefined };

/** The judge's answer, as the repair loop needs it. */
export type JudgeCall = (pair: FailingPair) => Promise<
  | { readonly ok: true; readonly side: "implementation" | "test"; readonly reason: string; readonly verdictGiven: boolean; readonly usage: TokenUsage; readonly costUsd?: number }
  | { readonly ok: false; readonly message: string; readonly usage: TokenUsage; readonly costUsd?: number }
>;

/** What deciding a pair needs from its round. */
export interface DecideContext {
  readonly evidence: Evidence;
  readonly judge: JudgeCall;
  /** Pairs (`test module\nimplementation`) whose judge already answered without a verdict once this run. */
  readonly verdictless: Set<string>;
  readonly round: number;
  /** Counts a judge call's tokens and cost. */
  readonly spend: (usage: TokenUsage, costUsd: number | undefined) => void;
  readonly warn: (message: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * The wrong side of `pair`: the evidence's, else the judge's. Undefined when the pair is left alone this
 * round (the judge's request failed, or it again gave no verdict); each reason is warned.
 */
export async function decidePair(pair: FailingPair, ctx: DecideContext): Promise<SideDecision | undefined> {
  const known = await ctx.evidence.decide(pair, ctx.signal);
  if (known) return { ...known, decidedBy: "evidence" };
  const verdict = await ctx.judge(pair);
  ctx.spend(verdict.usage, verdict.costUsd);
  if (!verdict.ok) {
    ctx.warn(`repair ${ctx.round}: ${pair.testModule.id} not repaired: ${verdict.message}`);
    return undefined;
  }
  if (!verdict.verdictGiven) {
    // A verdict-less answer counts as `implementation` once per pair; after that the pair is left alone.
    const key = `${pair.testModule.id}\n${pair.implementation.id}`;
    if (ctx.verdictless.has(key)) {
      ctx.warn(`repair ${ctx.round}: ${pair.testModule.id} not repaired: the judge again gave no verdict`);
      return undefined;
    }
    ctx.verdictless.add(key);
    ctx.warn(`repair ${ctx.round}: ${verdict.reason}`);
  }
  return { side: verdict.side, reason: verdict.reason, decidedBy: "judge" };
}
