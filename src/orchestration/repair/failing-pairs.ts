/**
 * Which implementation modules a failing test module's failures implicate:
 * the module of the first stack frame inside a generated implementation;
 * else the tested modules whose spec names the failing test's code uses;
 * else every module the test module tests. Each becomes one (test module,
 * implementation) pair whose wrong side is then decided (decide-side.ts).
 */
import type { RepairFailure } from "../../generation/types.ts";
import { specsOf } from "../../graph/plan-queries.ts";
import type { Plan, PlannedModule } from "../../graph/plan-types.ts";
import type { TestCaseResult } from "../test-results/types.ts";
import type { FailingPair } from "./decide-side.ts";
import { implementationFrame, repairFailure } from "./failure-context.ts";

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

/**
 * The failing pairs of `testModule` (its failing `results`), and the failures in repair form. A test
 * module that tests no generated implementation has no pair: only the test can be wrong.
 */
export async function failingPairs(plan: Plan, testModule: PlannedModule, results: readonly TestCaseResult[], implementationFiles: ReadonlySet<string>): Promise<{ pairs: FailingPair[]; failures: RepairFailure[] }> {
  const tested = testModule.dependsOn
    .map((id) => plan.modules.find((m) => m.id === id))
    .filter((m): m is PlannedModule => m !== undefined && m.kind === "build")
    .map((module) => ({ module, names: specsOf(plan, module.id).map((s) => s.name) }));
  const items = await Promise.all(
    results.map(async (result) => {
      const failure = await repairFailure(plan.root, result, implementationFiles);
      const frameFile = implementationFrame(plan.root, result, implementationFiles)?.file;
      return { result, failure, ...(frameFile === undefined ? {} : { frameFile }) };
    }),
  );
  const failures = items.map((i) => i.failure);
  if (tested.length === 0) return { pairs: [], failures };
  const pairs = [...implicatedModules(tested, items)].map(([implementation, entry]) => ({ testModule, implementation, results: entry.results, failures: entry.failures }));
  return { pairs, failures };
}
