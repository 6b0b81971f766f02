/** What `build()` and `test()` return: plain data for `--json` and for the summary line. */
import type { Diagnostic, ModuleChecks, TokenUsage } from "../generation/types.ts";

/** `stamped`: the meaning check (`[build] semantic_gate`) judged its comment edit meaning-neutral; not regenerated. */
export type ModuleOutcomeStatus = "built" | "stamped" | "failed" | "skipped" | "not_started" | "interrupted";

export interface ModuleError {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** The last attempt's diagnostics, when validation failed. */
  readonly diagnostics?: readonly Diagnostic[];
}

export interface ModuleReport {
  readonly module: string;
  readonly kind: "build" | "test";
  readonly file: string;
  readonly generatedFile: string;
  readonly status: ModuleOutcomeStatus;
  /** Why it was stale. */
  readonly reasons: readonly string[];
  readonly cached?: boolean;
  /** Which cache served it, when `cached`. */
  readonly cacheSource?: "local" | "remote";
  readonly attempts?: number;
  readonly usage?: TokenUsage;
  readonly costUsd?: number;
  readonly durationMs?: number;
  /** When it started and finished, in ms since scheduling began (scheduling benchmarks). */
  readonly startedMs?: number;
  readonly finishedMs?: number;
  readonly error?: ModuleError;
  /** For `skipped`: the failed module that blocked it. */
  readonly blockedBy?: string;
  /** For `stamped`: the meaning check's verdict and its few words of why. */
  readonly meaning?: { readonly verdict: "unchanged"; readonly note: string };
  /** For `built` build modules: what checked the written code (examples, tests); absent when the behaviour stage did not run. */
  readonly checks?: ModuleChecks;
}

/** Where the generated modules' answers came from. */
export interface CacheCounts {
  /** Served by `.jaunt/cache`. */
  readonly localHits: number;
  /** Served by the shared remote cache (`[cache] remote_url`). */
  readonly remoteHits: number;
  /** Asked the model (or, offline, found nothing). */
  readonly misses: number;
}

export interface BuildReport {
  readonly ok: boolean;
  readonly kind: "build" | "test";
  readonly root: string;
  /** Modules written. */
  readonly built: number;
  /** Modules the meaning check stamped instead of regenerating (`[build] semantic_gate`); absent when it did not run. */
  readonly stamped?: number;
  /** Modules left alone because they were up to date. */
  readonly fresh: number;
  readonly failed: number;
  readonly skipped: number;
  readonly notStarted: number;
  /** First Ctrl-C stopped the run. */
  readonly interrupted: boolean;
  /** `[build] max_cost` stopped scheduling. */
  readonly costCapReached: boolean;
  readonly tokens: TokenUsage;
  /** Estimated USD; undefined when the model's price is unknown. */
  readonly costUsd: number | undefined;
  readonly durationMs: number;
  /** Local hits, remote hits and misses among the modules that were generated (built or failed). */
  readonly cache: CacheCounts;
  readonly modules: readonly ModuleReport[];
  /** Generated files whose spec module is gone (`jaunt clean --orphans` removes them). */
  readonly orphans: readonly string[];
  readonly warnings: readonly string[];
}

/** One planned module in `--dry-run`. */
export interface DryRunModule {
  readonly module: string;
  readonly kind: "build" | "test";
  readonly file: string;
  readonly generatedFile: string;
  readonly reasons: readonly string[];
  readonly dependsOn: readonly string[];
  /** Prompt size estimate: characters ÷ 4. */
  readonly estimatedPromptTokens: number;
}

export interface DryRunReport {
  /** A dry run that gets this far succeeded (exit 0). */
  readonly ok: true;
  readonly dryRun: true;
  readonly kind: "build" | "test";
  readonly root: string;
  /** In the order they would start with one job. */
  readonly modules: readonly DryRunModule[];
  readonly fresh: number;
  readonly estimatedPromptTokens: number;
  readonly orphans: readonly string[];
  /** What a real run would warn about (silent no-ops such as specs outside the roots, hand-edited modules it would keep). */
  readonly warnings: readonly string[];
}

/** Local hits, remote hits and misses among modules that were generated (built, or failed after trying). */
export function cacheCounts(modules: readonly ModuleReport[]): CacheCounts {
  const generated = modules.filter((m) => m.status === "built" || m.status === "failed");
  const hits = (source: "local" | "remote"): number => generated.filter((m) => m.cached === true && (m.cacheSource ?? "local") === source).length;
  const localHits = hits("local");
  const remoteHits = hits("remote");
  return { localHits, remoteHits, misses: generated.length - localHits - remoteHits };
}

/** Exit code for a finished run: 130 interrupted, 3 any module not built, else 0. */
export function exitCodeOf(report: BuildReport): number {
  if (report.interrupted) return 130;
  return report.ok ? 0 : 3;
}
