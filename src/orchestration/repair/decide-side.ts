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

/** Names exported by a spec's text that a test's code calls (`slugify(`, `new LruCache(`). */
function mentions(code: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(code);
}

/**
 * The implementation modules a test module's failures implicate, each with its failures: the module of
 * the first stack frame inside an implementation; else the tested modules whose spec names the failing
 * test's code uses; else every module the test module tests.
 */
export function implicatedModules(
  tested: readonly { readonly module: PlannedModule; readonly names: readonly string[] }[],
  failures: readonly { readonly result: TestCaseResult; readonly failure: RepairFailure; readonly frameFile?: string }[],
): Map<PlannedModule, { results: TestCaseResult[]; failures: RepairFailure[] }> {
  const out = new Map<PlannedModule, { results: TestCaseResult[]; failures: RepairFailure[] }>();
  const add = (module: PlannedModule, item: (typeof failures)[number]): void => {
    const entry = out.get(module) ?? { results: [], failures: [] };
    entry.results.push(item.result);
    entry.failures.push(item.failure);
    out.set(module, entry);
  };
  for (const item of failures) {
    const byFrame = item.frameFile === undefined ? undefined : tested.find((t) => t.module.generatedFile === item.frameFile);
    if (byFrame) {
      add(byFrame.module, item);
      continue;
    }
    const code = item.failure.code ?? "";
    const named = tested.filter((t) => t.names.some((name) => mentions(code, name)));
    for (const t of named.length > 0 ? named : tested) add(t.module, item);
  }
  return out;
}
