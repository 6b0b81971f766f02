/**
 * `[build] semantic_gate`: before generating, each selected module that is
 * stale only through comment or JSDoc text — its specs' code tokens, its
 * handwritten files and prompt overrides as recorded at its last build
 * (`.jaunt/inputs`) — is put to the gate model as one short question
 * (generation/meaning-check/). `UNCHANGED` stamps it as `jaunt stamp` would
 * (header digest rewritten, body kept, no regeneration); `CHANGED`, an
 * unclear answer or a failed request leave it to be regenerated. A module
 * whose only change is a dependency the gate just stamped is stamped too,
 * without a question: its prompt differs only by that dependency's
 * meaning-neutral words. Verdicts are cached by the edit's digest pair;
 * tokens and cost are counted.
 */
import { parseHeader } from "../generated/header.ts";
import { WrittenRecords } from "../generated/written-record.ts";
import { addUsage, NO_USAGE } from "../generation/cost.ts";
import { askMeaningCheck, type CommentEdit, type MeaningAnswer } from "../generation/meaning-check/ask.ts";
import { VerdictCache, verdictKey } from "../generation/meaning-check/verdict-cache.ts";
import { ProviderError } from "../generation/llm/failure.ts";
import type { TokenUsage } from "../generation/types.ts";
import { builtSpecOf, readBuiltInputs } from "../graph/built-inputs.ts";
import type { Plan, PlannedModule } from "../graph/plan-types.ts";
import { wordDiff } from "../graph/word-diff.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ModuleReport } from "./build-report.ts";
import { stampModule } from "./stamp.ts";

export interface GateOptions {
  /** Serve verdicts only from the cache (`--offline`). */
  readonly offline: boolean;
  readonly signal?: AbortSignal;
  readonly onWarning?: (message: string) => void;
}

export interface GateResult {
  /** Modules stamped instead of regenerated, as module reports (status "stamped"). */
  readonly stamped: readonly ModuleReport[];
  /** Selected modules still to generate, in their order. */
  readonly remaining: readonly PlannedModule[];
  readonly usage: TokenUsage;
  /** Estimated USD; undefined when a model's price is unknown. */
  readonly costUsd: number | undefined;
}

/** What changed in `module` since its recorded build: comment edits only, or undefined when anything else changed. */
function commentOnlyChange(plan: Plan, module: PlannedModule, gated: ReadonlySet<string>): { edits: CommentEdit[]; pairs: { ref: string; before: string; after: string }[] } | undefined {
  if (module.status !== "stale" || !module.stampable) return undefined;
  let text: string;
  try {
    text = readFileSync(path.join(plan.root, module.generatedFile), "utf8");
  } catch {
    return undefined;
  }
  const header = parseHeader(text);
  const record = readBuiltInputs(plan.root, module.id);
  if (header.status !== "ok" || !record || record.header !== header.header.moduleDigest) return undefined;
  if (record.request !== plan.requestDigests[module.kind]) return undefined;
  const handwritten = Object.entries(module.handwrittenDigests);
  if (handwritten.length !== Object.keys(record.handwritten).length || handwritten.some(([file, digest]) => record.handwritten[file] !== digest)) return undefined;
  const digests = new Map(plan.modules.map((m) => [m.id, m.digest]));
  if (module.dependsOn.length !== Object.keys(record.dependencies).length) return undefined;
  for (const dep of module.dependsOn) {
    if (record.dependencies[dep] !== digests.get(dep) && !gated.has(dep)) return undefined;
  }
  if (module.specRefs.length !== Object.keys(record.specs).length) return undefined;
  const edits: CommentEdit[] = [];
  const pairs: { ref: string; before: string; after: string }[] = [];
  for (const ref of module.specRefs) {
    const spec = plan.specs[ref];
    const before = record.specs[ref];
    if (!spec || !before) return undefined;
    if (before.digest === spec.digest) continue;
    const after = builtSpecOf(spec.digest, spec.info.text);
    if (after.code !== before.code) return undefined;
    edits.push({ ref, before: before.text, after: after.text, diff: wordDiff(before.text, after.text) });
    pairs.push({ ref, before: before.digest, after: spec.digest });
  }
  return { edits, pairs };
}

function stampedReport(module: PlannedModule, reasons: readonly string[], note: string, usage: TokenUsage, costUsd: number | undefined): ModuleReport {
  return {
    module: module.id,
    kind: module.kind,
    file: module.file,
    generatedFile: module.generatedFile,
    status: "stamped",
    reasons,
    meaning: { verdict: "unchanged", note },
    usage,
    ...(costUsd === undefined ? {} : { costUsd }),
  };
}

/** Modules the gate stamped per plan: `jaunt test` gates build modules, then test modules that depend on them. */
const gatedByPlan = new WeakMap<Plan, Set<string>>();

/** Run the gate over `selected` (in build order); see the file comment. */
export async function meaningGate(plan: Plan, selected: readonly PlannedModule[], options: GateOptions): Promise<GateResult> {
  const cache = VerdictCache.load(plan.root);
  const records = WrittenRecords.load(plan.root);
  const gated = gatedByPlan.get(plan) ?? new Set<string>();
  gatedByPlan.set(plan, gated);
  const stamped: ModuleReport[] = [];
  let usage = NO_USAGE;
  let costUsd: number | undefined = 0;
  for (const module of selected) {
    const change = commentOnlyChange(plan, module, gated);
    if (!change) continue;
    let answer: MeaningAnswer & { usage: TokenUsage; costUsd: number | undefined } = { verdict: "unchanged", note: "only a dependency's comments changed", usage: NO_USAGE, costUsd: 0 };
    if (change.edits.length > 0) {
      const key = verdictKey(change.pairs);
      const cached = cache.get(key);
      if (cached) {
        answer = { ...cached, usage: NO_USAGE, costUsd: 0 };
      } else if (options.offline) {
        continue;
      } else {
        try {
          const asked = await askMeaningCheck(plan.root, plan.config.llm, module.id, change.edits, options.signal);
          await cache.set(key, { verdict: asked.verdict, note: asked.note, model: asked.model });
          answer = asked;
        } catch (error) {
          if (options.signal?.aborted) throw error;
          if (!(error instanceof ProviderError)) throw error;
          usage = addUsage(usage, error.usage);
          options.onWarning?.(`meaning check of ${module.id} failed (${error.message}); regenerating it`);
          continue;
        }
      }
      usage = addUsage(usage, answer.usage);
      costUsd = costUsd === undefined || answer.costUsd === undefined ? undefined : costUsd + answer.costUsd;
    }
    if (answer.verdict !== "unchanged") continue;
    await stampModule(plan, module, records);
    gated.add(module.id);
    stamped.push(stampedReport(module, module.reasons, answer.note, answer.usage, answer.costUsd));
  }
  return { stamped, remaining: selected.filter((m) => !gated.has(m.id)), usage, costUsd };
}
