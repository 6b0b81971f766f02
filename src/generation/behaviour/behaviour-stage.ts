/**
 * The behaviour stage of validation (DESIGN §5), after the type check: the
 * spec's `@example` checks and the tests that gate the module run against the
 * candidate, isolated and time-limited; their failures are diagnostics like
 * any other. Its result also says what checked the candidate.
 */
import type { BehaviourSettings, Diagnostic, GenerationInput, ModuleChecks } from "../types.ts";
import type { TypeScriptApi } from "../validate/typescript-parser.ts";
import { moduleExamples } from "./module-examples.ts";
import { runExamples } from "./run-examples.ts";
import { childEnv } from "./run/child-env.ts";
import { runGatingTests } from "./tests/run-gating-tests.ts";

export interface BehaviourOptions extends BehaviourSettings {
  /** The environment Jaunt runs in; the child gets it without secrets (child-env.ts). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface BehaviourOutcome {
  readonly diagnostics: readonly Diagnostic[];
  readonly checks: ModuleChecks;
  /** Reported once, never held against the candidate: examples that could not run, tests that fail by themselves. */
  readonly warnings: readonly string[];
}

/** Run the examples, then (when they pass) the gating tests, against `code`. */
export async function runBehaviourStage(ts: TypeScriptApi, root: string, input: GenerationInput, code: string, options: BehaviourOptions, signal?: AbortSignal): Promise<BehaviourOutcome> {
  const examples = moduleExamples(ts, input);
  const env = childEnv(root, options.secretEnvNames, options.env);
  const ran = await runExamples({ root, input, code, blocks: examples.blocks, scope: examples.scope, timeoutMs: options.exampleTimeoutMs, env, ...(signal ? { signal } : {}) });
  const warnings = [...examples.warnings, ...ran.notRun];
  const exampleChecks = { passed: ran.passed, total: ran.total, unchecked: examples.unchecked.length };
  const noTests = { passed: 0, total: 0 };
  const unchecked = examples.unchecked.length > 0 ? { uncheckedExamples: examples.unchecked } : {};
  if (ran.failures.length > 0) return { diagnostics: ran.failures, checks: { examples: exampleChecks, tests: noTests, ...unchecked }, warnings };
  const tests = options.verifyTests && (input.gatingTests ?? []).length > 0 ? await runGatingTests({ root, input, code, env, ...(signal ? { signal } : {}) }) : undefined;
  return {
    diagnostics: tests?.failures ?? [],
    checks: { examples: exampleChecks, tests: tests ? { passed: tests.passed, total: tests.total } : noTests, ...unchecked },
    warnings: [...warnings, ...(tests?.warnings ?? [])],
  };
}
