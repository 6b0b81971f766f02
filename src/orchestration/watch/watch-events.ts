/**
 * What `jaunt watch` reports, as plain data: one event per line with
 * `--json`, a live view on a terminal, plain lines otherwise.
 */
import type { SourceLocation } from "@jaunt/runtime";
import type { TokenUsage } from "../../generation/types.ts";
import type { ModuleReport } from "../build-report.ts";
import type { RepairRecord } from "../repair/repair-rounds.ts";

export interface WatchError {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** Where the problem is (a jaunt.toml line, a spec), as the CLI's own error lines show it. */
  readonly location?: SourceLocation;
}

export interface CycleSummary {
  readonly kind: "build" | "test";
  readonly ok: boolean;
  readonly built: number;
  readonly failed: number;
  readonly skipped: number;
  readonly fresh: number;
  /** As in `jaunt build --json`: prompt and completion tokens of the cycle. */
  readonly tokens: TokenUsage;
  /** Omitted when unknown (a model without a price), as in `jaunt build --json`. */
  readonly costUsd?: number;
  readonly durationMs: number;
}

export type WatchEvent =
  /** Watching started (or restarted after a jaunt.toml change). */
  | { readonly type: "ready"; readonly root: string; readonly folders: readonly string[] }
  /** Relevant files changed (after the debounce). */
  | { readonly type: "change"; readonly files: readonly string[] }
  /** Modules this cycle will generate, in order. */
  | { readonly type: "queue"; readonly modules: readonly string[] }
  | { readonly type: "start"; readonly module: string }
  /** A module finished (built, failed, skipped, interrupted). */
  | { readonly type: "module"; readonly report: ModuleReport }
  /** An edit changed modules of the running cycle: it is cancelled and starts again. */
  | { readonly type: "restart"; readonly modules: readonly string[] }
  | { readonly type: "cycle"; readonly summary: CycleSummary }
  /** `--test`: a repair decided after the affected tests failed (as `jaunt test` shows it). */
  | { readonly type: "repair"; readonly record: RepairRecord; readonly rounds: number }
  /**
   * `--test`: bun test ran on the affected generated test files (and again after each repair round);
   * `failed` tests and files that did not load remain, `message` says it as `jaunt test` does.
   */
  | { readonly type: "tests"; readonly testFiles: readonly string[]; readonly bunExitCode: number; readonly failed: number; readonly repairs: number; readonly message: string; readonly timedOut?: string }
  /** Everything is up to date; waiting for changes. */
  | { readonly type: "idle"; readonly fresh: number }
  | { readonly type: "warning"; readonly message: string }
  /** The cycle could not run (config or discovery error, lock held): fix and save again. */
  | { readonly type: "error"; readonly error: WatchError }
  | { readonly type: "stopped" };
