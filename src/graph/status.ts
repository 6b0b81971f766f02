/**
 * The core of `jaunt status`: plan the project and describe each module as
 * fresh, stale, conflict or orphan. The report is the documented `--json`
 * document (version 1); `formatStatus` renders it for humans.
 */
import { loadConfig } from "../config/load.ts";
import { formatProblem } from "../discovery/errors.ts";
import type { ModuleKind } from "../discovery/types.ts";
import { fingerprints, planProject } from "./plan.ts";
import type { Plan } from "./plan-types.ts";

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

export type StatusKind = "fresh" | "stale" | "orphan" | "conflict";

export interface StatusModule {
  readonly module: string;
  readonly kind: ModuleKind;
  /** Spec file (project-relative); null for an orphan. */
  readonly file: string | null;
  readonly generatedFile: string;
  readonly status: StatusKind;
  readonly reasons: readonly string[];
  /** SpecRefs in source order. */
  readonly specs: readonly string[];
  readonly dependsOn: readonly string[];
  /** The spec edges behind `dependsOn`: SpecRef → SpecRefs it depends on (explicit and inferred, same-module ones too). */
  readonly specDeps: Readonly<Record<string, readonly string[]>>;
  /** Current module digest; null for an orphan. */
  readonly digest: string | null;
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
  readonly summary: { readonly fresh: number; readonly stale: number; readonly conflicts: number; readonly orphans: number };
  /** Things that silently do nothing, each `file:line:col: what (fix: how)`; `--check --strict` fails on them. */
  readonly warnings: readonly string[];
}

/** Turn a Plan into the status report. */
export function reportOf(plan: Plan): StatusReport {
  const byId = new Map(plan.modules.map((m) => [m.id, m]));
  const modules: StatusModule[] = plan.order.flatMap((id) => {
    const m = byId.get(id);
    if (!m) return [];
    const specDeps: Record<string, readonly string[]> = {};
    for (const ref of m.specRefs) specDeps[ref] = plan.specs[ref]?.deps ?? [];
    return [{ module: m.id, kind: m.kind, file: m.file, generatedFile: m.generatedFile, status: m.status, reasons: m.reasons, specs: m.specRefs, dependsOn: m.dependsOn, specDeps, digest: m.digest }];
  });
  for (const orphan of plan.orphans) {
    modules.push({
      module: orphan.sourceModule,
      kind: orphan.kind,
      file: null,
      generatedFile: orphan.generatedFile,
      status: "orphan",
      reasons: [`no spec module ${orphan.sourceModule} with specs: the generated file is left over (delete it)`],
      specs: [],
      dependsOn: [],
      specDeps: {},
      digest: null,
    });
  }
  const count = (status: StatusKind): number => modules.filter((m) => m.status === status).length;
  return {
    version: 1,
    root: plan.root,
    modules,
    order: plan.buildOrder,
    summary: { fresh: count("fresh"), stale: count("stale"), conflicts: count("conflict"), orphans: count("orphan") },
    warnings: plan.warnings.map(formatProblem),
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
  if (options.cache === false) return reportOf(await planProject(planOptions));
  const memo = await import("./status-memo.ts");
  const [snapshot, prints] = await Promise.all([memo.takeSnapshot(config), fingerprints(config)]);
  const key = memo.memoKey(config, prints, options.inferDeps);
  const known = memo.readStatusMemo(config.root, key, snapshot);
  if (known) return known;
  const plan = await planProject(planOptions);
  const report = reportOf(plan);
  await memo.writeStatusMemo(config.root, key, snapshot, plan.probes, report);
  return report;
}

/** `--check` semantics: 1 when any module is stale or in conflict (or, with `strict`, on any warning), else 0 (orphans only warn). */
export function checkExitCode(report: StatusReport, strict = false): number {
  return report.summary.stale > 0 || report.summary.conflicts > 0 || (strict && report.warnings.length > 0) ? 1 : 0;
}
