/**
 * The core of `jaunt status`: plan the project and describe each module as
 * fresh, stale, conflict or orphan. The report is the documented `--json`
 * document (version 1); `formatStatus` renders it for humans.
 */
import { loadPromptTemplates } from "../assets/prompts.ts";
import { loadConfig } from "../config/load.ts";
import { formatProblem } from "../discovery/errors.ts";
import { VERSION } from "../version.ts";
import type { ModuleKind } from "../discovery/types.ts";
import { hasPassingCheck, type RecordedChecks } from "../generated/written-record.ts";
import { requestDigests } from "./digests.ts";
import type { Plan } from "./plan-types.ts";
import type { Reason } from "./staleness.ts";

export interface StatusOptions {
  /** Where the search for jaunt.toml starts (default: the process cwd). */
  readonly cwd?: string;
  /** `--root`: the folder holding jaunt.toml. */
  readonly root?: string;
  /** `false` for `--no-infer-deps`. */
  readonly inferDeps?: boolean;
  /** Use the parse cache (default true). */
  readonly cache?: boolean;
}

export type StatusKind = "fresh" | "stale" | "orphan" | "conflict" | "edited";

export interface StatusModule {
  readonly module: string;
  readonly kind: ModuleKind;
  /** Spec file (project-relative); null for an orphan. */
  readonly file: string | null;
  readonly generatedFile: string;
  readonly status: StatusKind;
  /** Why it is not fresh: `{ kind, ref, diff, message }` each (graph/staleness.ts `Reason`). */
  readonly reasons: readonly Reason[];
  /** SpecRefs in source order. */
  readonly specs: readonly string[];
  readonly dependsOn: readonly string[];
  /** The spec edges behind `dependsOn`: SpecRef → SpecRefs it depends on (explicit and inferred, same-module ones too). */
  readonly specDeps: Readonly<Record<string, readonly string[]>>;
  /** Current module digest; null for an orphan. */
  readonly digest: string | null;
  /** `jaunt stamp` can accept it without a model call (stale by spec text only, or edited by hand). */
  readonly stampable: boolean;
  /** Who wrote the generated file: the Jaunt version in its header and the model recorded at write time (null when unknown). */
  readonly writtenBy: { readonly toolVersion: string; readonly model: string | null } | null;
  /**
   * What checked the generated body when Jaunt wrote it (build modules): spec examples passed/total and
   * unchecked, tests passed/total, and the unchecked examples' reasons; null when nothing was recorded
   * (written by an older Jaunt, accepted with `jaunt stamp`, edited by hand, or a test module).
   */
  readonly checks: RecordedChecks | null;
}

/** Who answers now: recorded, shown by `status --verbose`, never part of a digest. */
export interface GeneratorInfo {
  readonly toolVersion: string;
  readonly model: string;
  /** Template name → "packaged" or the override's project-relative path. */
  readonly prompts: Readonly<Record<string, string>>;
}

/** The `jaunt status --json` document. */
export interface StatusReport {
  readonly version: 1;
  /** Absolute project root; every other path is relative to it. */
  readonly root: string;
  /** Modules in dependency order (dependencies first), then orphans. */
  readonly modules: readonly StatusModule[];
  /** Ids of stale modules in the order `jaunt build` / `jaunt test` would generate them. */
  readonly order: readonly string[];
  readonly summary: { readonly fresh: number; readonly stale: number; readonly conflicts: number; readonly orphans: number; readonly edited: number; readonly stampable: number };
  readonly generator: GeneratorInfo;
  /** Things that silently do nothing, each `file:line:col: what (fix: how)`; `--check --strict` fails on them. */
  readonly warnings: readonly string[];
}

/** Turn a Plan into the status report. */
export function reportOf(plan: Plan, generator: GeneratorInfo): StatusReport {
  const byId = new Map(plan.modules.map((m) => [m.id, m]));
  const modules: StatusModule[] = plan.order.flatMap((id) => {
    const m = byId.get(id);
    if (!m) return [];
    const specDeps: Record<string, readonly string[]> = {};
    for (const ref of m.specRefs) specDeps[ref] = plan.specs[ref]?.deps ?? [];
    const writtenBy = m.writtenBy ? { toolVersion: m.writtenBy.toolVersion, model: m.writtenBy.model ?? null } : null;
    const checks = m.status === "edited" ? null : (m.writtenBy?.checks ?? null);
    return [{ module: m.id, kind: m.kind, file: m.file, generatedFile: m.generatedFile, status: m.status, reasons: m.causes, specs: m.specRefs, dependsOn: m.dependsOn, specDeps, digest: m.digest, stampable: m.stampable, writtenBy, checks }];
  });
  for (const orphan of plan.orphans) {
    modules.push({
      module: orphan.sourceModule,
      kind: orphan.kind,
      file: null,
      generatedFile: orphan.generatedFile,
      status: "orphan",
      reasons: [{ kind: "missing", ref: orphan.sourceModule, diff: null, message: `no spec module ${orphan.sourceModule} with specs: the generated file is left over (\`jaunt clean --orphans\` removes it)` }],
      specs: [],
      dependsOn: [],
      specDeps: {},
      digest: null,
      stampable: false,
      writtenBy: null,
      checks: null,
    });
  }
  const count = (status: StatusKind): number => modules.filter((m) => m.status === status).length;
  return {
    version: 1,
    root: plan.root,
    modules,
    order: plan.buildOrder,
    summary: {
      fresh: count("fresh"),
      stale: count("stale"),
      conflicts: count("conflict"),
      orphans: count("orphan"),
      edited: count("edited"),
      stampable: modules.filter((m) => m.stampable).length,
    },
    generator,
    warnings: [...plan.warnings.map(formatProblem), ...uncheckedExampleWarnings(modules)],
  };
}

/**
 * Plan the project at `options` and report its status. No model, no API key,
 * no network. With the cache, an unchanged project reuses the last report
 * (status-memo.ts) without planning.
 */
export async function status(options: StatusOptions = {}): Promise<StatusReport> {
  const config = await loadConfig({ ...(options.cwd === undefined ? {} : { cwd: options.cwd }), ...(options.root === undefined ? {} : { root: options.root }) });
  const planOptions = { config, ...(options.inferDeps === undefined ? {} : { inferDeps: options.inferDeps }), ...(options.cache === undefined ? {} : { cache: options.cache }) };
  const templates = await loadPromptTemplates(config);
  const generator: GeneratorInfo = { toolVersion: VERSION, model: config.llm.model, prompts: Object.fromEntries(Object.values(templates).map((t) => [t.name, t.source])) };
  // The planner loads only when the memo cannot answer: a no-op status never pays for it.
  const planProject = async (): Promise<Plan> => (await import("./plan.ts")).planProject(planOptions);
  if (options.cache === false) return reportOf(await planProject(), generator);
  const memo = await import("./status-memo.ts");
  const [snapshot, prints] = await Promise.all([memo.takeSnapshot(config), requestDigests(config)]);
  const key = memo.memoKey(config, prints, options.inferDeps);
  const known = memo.readStatusMemo(config.root, key, snapshot);
  if (known) return known;
  // The snapshot's walk and stamps are what planning would take again: reuse them.
  const plan = await (await import("./plan.ts")).planProject({ ...planOptions, walked: { walk: snapshot.walk, stamps: snapshot.files } });
  const report = reportOf(plan, generator);
  await memo.writeStatusMemo(config.root, key, snapshot, plan.probes, report);
  return report;
}

/** `--check` semantics: 1 when any module is stale or in conflict (or, with `strict`, on any warning), else 0 (orphans only warn). */
/**
 * `status --check`: 1 when a module is stale or in conflict; with `strict`, also on any warning (unchecked
 * examples included); with `verified`, also when a fresh build module has no passing check recorded.
 */
export function checkExitCode(report: StatusReport, strict = false, verified = false): number {
  if (report.summary.stale > 0 || report.summary.conflicts > 0 || (strict && report.warnings.length > 0)) return 1;
  return verified && unverifiedModules(report).length > 0 ? 1 : 0;
}

/** Fresh build modules with no passing check (example or test) recorded: what `--verified` refuses. */
export function unverifiedModules(report: StatusReport): StatusModule[] {
  return report.modules.filter((m) => m.kind === "build" && m.status === "fresh" && !hasPassingCheck(m.checks ?? undefined));
}

/** One warning per example block that could not run, recorded when its module was written: the user can fix it. */
function uncheckedExampleWarnings(modules: readonly StatusModule[]): string[] {
  return modules.flatMap((m) => (m.status === "fresh" ? (m.checks?.uncheckedExamples ?? []) : []).map((u) => `${u.file}:${u.line}: the @example of ${u.spec} is not checked: ${u.reason}`));
}
