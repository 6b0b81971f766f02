/**
 * Validate one candidate (DESIGN §5): the module chosen from the answer by
 * content (choose-code.ts), syntax, structure (structural-rules.ts), a type
 * check against the spec's declared signatures with the project's own
 * semantics, then the behaviour stage (../behaviour/: the spec's examples and
 * the gating tests run against the candidate). Diagnostics are exact and bounded.
 */
import { runBehaviourStage, type BehaviourOptions } from "../behaviour/behaviour-stage.ts";
import type { Diagnostic, GenerationInput, ModuleChecks, RequestSlot } from "../types.ts";
import { chooseCode } from "./choose-code.ts";
import { capDiagnostics } from "./diagnostics.ts";
import { runStructuralRules } from "./structural-rules.ts";
import { syntaxDiagnostics } from "./syntax.ts";
import { normalizeTestImports } from "./test-imports.ts";
import { typeCheck, type CheckRunner } from "./type-check.ts";
import { isTsx, loadTypeScript, scriptKindOf } from "./typescript-parser.ts";

export interface ValidationOutcome {
  /** The extracted module code (what gets written when valid). */
  readonly code: string;
  /** True when the code sat in a closed fence (so a cut-off answer was cut only after it). */
  readonly complete: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** What checked the candidate, when the behaviour stage ran. */
  readonly checks?: ModuleChecks;
  /** Behaviour-stage findings not held against the candidate. */
  readonly warnings?: readonly string[];
}

export interface ValidateOptions {
  readonly root: string;
  /** Skip the `bun check` step (structure only). */
  readonly skipTypeCheck?: boolean;
  /** Run the behaviour stage (build modules only); absent: it does not run. */
  readonly behaviour?: BehaviourOptions;
  readonly signal?: AbortSignal;
  /** Runs the type check (default: a `bun check` process of its own; a build shares them, check-batcher.ts). */
  readonly runCheck?: CheckRunner;
  /** Held while the behaviour stage runs (examples, tests: CPU work the run bounds); default: none. */
  readonly behaviourSlot?: RequestSlot;
}

/** Validate a raw model answer for `input`; `diagnostics` is empty when it may be written. */
export async function validateCandidate(answer: string, input: GenerationInput, options: ValidateOptions): Promise<ValidationOutcome> {
  const ts = await loadTypeScript();
  const chosen = chooseCode(ts, answer, input);
  const code = input.kind === "test" && chosen.code !== "" ? normalizeTestImports(ts, chosen.code, scriptKindOf(ts, input.generatedFile)) : chosen.code;
  const complete = chosen.complete;
  if (chosen.diagnostic) return { code, complete, diagnostics: [chosen.diagnostic] };
  if (code.trim() === "") return { code, complete, diagnostics: [{ code: "jaunt/empty", message: "the answer contains no code; reply with the whole module in one ```ts block" }] };
  const syntax = syntaxDiagnostics(code, isTsx(input.generatedFile) ? "tsx" : "ts");
  if (syntax.length > 0) return { code, complete, diagnostics: capDiagnostics(syntax) };

  const file = ts.createSourceFile("candidate.ts", code, ts.ScriptTarget.Latest, true, scriptKindOf(ts, input.generatedFile));
  const specFile = ts.createSourceFile("spec.ts", input.specSource, ts.ScriptTarget.Latest, true, scriptKindOf(ts, input.specFile));
  const structural = runStructuralRules({ ts, file, code, input, specFile });
  if (options.skipTypeCheck) return { code, complete, diagnostics: capDiagnostics(structural) };

  const flagged = new Set(structural.filter((d) => d.code === "jaunt/missing-export" || d.code === "jaunt/wrong-kind").map((d) => d.message));
  const specsToAssert = input.specs.filter((s) => ![...flagged].some((m) => m.includes(`\`${s.name}\``)));
  const behaviour = options.behaviour && input.kind === "build" && structural.length === 0 ? options.behaviour : undefined;
  const gated = behaviour !== undefined && behaviour.verifyTests && (input.gatingTests ?? []).length > 0;
  const check = () => typeCheck({ ts, root: options.root, input, code, specsToAssert, signal: options.signal, ...(options.runCheck ? { runCheck: options.runCheck } : {}) });
  // The stage's outcome, as this candidate's: its diagnostics, what checked it, what it could not hold against it.
  const runStage = async (stage: BehaviourOptions, signal: AbortSignal | undefined): Promise<ValidationOutcome> => {
    await options.behaviourSlot?.acquire();
    try {
      const outcome = await runBehaviourStage(ts, options.root, input, code, stage, signal);
      return { code, complete, diagnostics: capDiagnostics(outcome.diagnostics), checks: outcome.checks, warnings: outcome.warnings };
    } finally {
      options.behaviourSlot?.release();
    }
  };
  if (!behaviour || !gated) {
    const types = await check();
    if (!behaviour || types.length > 0) return { code, complete, diagnostics: capDiagnostics([...structural, ...types]) };
    // Examples alone run after the type check, not beside it: they never judge a candidate that does not
    // type-check, and with their Worker started ahead (run-worker.ts) they add ~16 ms, where running beside
    // `bun check` slowed the check as much on a small machine (bench/behaviour.ts, docs/decisions.md).
    return runStage(behaviour, options.signal);
  }
  // With gating tests (a `bun test` subprocess, ~50–60 ms) the stage starts beside the type check, and is
  // stopped, its result dropped, when the type check finds errors: it never judges a candidate that does not type-check.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const running = runStage(behaviour, signal);
  running.catch(() => undefined);
  const types = await check().catch((error: unknown) => {
    stop.abort();
    throw error;
  });
  if (types.length > 0) {
    stop.abort();
    return { code, complete, diagnostics: capDiagnostics(types) };
  }
  return running;
}
