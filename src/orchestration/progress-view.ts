/**
 * Text for the terminal: a live status line (TTY), plain per-module lines
 * (CI, pipes), and the final summary. Pure formatting plus a tiny renderer
 * that writes to the stream it is given; the command picks the stream.
 */
import type { GenerationEvent } from "../generation/types.ts";
import type { BuildReport, DryRunReport, ModuleReport } from "./build-report.ts";
import type { RetryEvent, RetryState } from "./retry-tracker.ts";
import type { ProgressSnapshot } from "./run-generation.ts";

export interface TextSink {
  write(text: string): unknown;
}

function tokensText(count: number): string {
  return count >= 10_000 ? `${(count / 1000).toFixed(1)}k` : String(count);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** `4 s`, `0.3 s`, `12 s`. */
function delayText(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Number(s.toFixed(1))} s`;
}

/** `retrying src/x in 4 s: HTTP 529 (2 of 4)`; a wait the server asked for says where: `retrying src/x in 12 s as the server asked (retry-after-ms header): HTTP 429 (1 of 4)`. */
export function retryText(event: RetryEvent): string {
  const asked = event.waitSource ? ` as the server asked (${event.waitSource})` : "";
  return `retrying ${event.module} in ${delayText(event.delayMs)}${asked}: ${event.reason} (${event.retry} of ${event.maxRetries})`;
}

/** While waiting: `retrying src/x in 4 s: HTTP 529 (2 of 4)`; then `src/x: retry 2 of 4 running (after HTTP 529)`. */
function retryStateText(state: RetryState): string {
  return state.waiting ? retryText(state) : `${state.module}: retry ${state.retry} of ${state.maxRetries} running (after ${state.reason})`;
}

/**
 * `[12/40] 3 in flight: src/a, src/b, src/c · 12.3k tokens`, or while a module
 * retries `[12/40] 3 in flight · retrying src/b in 4 s: HTTP 529 (2 of 4) · 12.3k tokens`
 * (cut to `columns`).
 */
export function statusLine(snapshot: ProgressSnapshot, columns: number): string {
  const retrying = snapshot.retrying ?? [];
  const latest = retrying.at(-1);
  const names = snapshot.inFlight.slice(0, 3).join(", ") + (snapshot.inFlight.length > 3 ? ", …" : "");
  const what = latest ? ` · ${retryStateText(latest)}${retrying.length > 1 ? ` (+${retrying.length - 1} more retrying)` : ""}` : names ? `: ${names}` : "";
  const failed = snapshot.failed > 0 ? ` · ${snapshot.failed} failed` : "";
  const used = snapshot.tokens.promptTokens + snapshot.tokens.completionTokens;
  const text = `[${snapshot.done}/${snapshot.total}] ${snapshot.inFlight.length} in flight${what}${failed} · ${tokensText(used)} tokens`;
  return text.length > columns - 1 ? `${text.slice(0, Math.max(0, columns - 2))}…` : text;
}

/** A module's error message without the `<module>: ` prefix generation gives it (the line names the module already). */
function failureText(report: ModuleReport): string {
  const message = report.error?.message ?? "unknown error";
  return message.startsWith(`${report.module}: `) ? message.slice(report.module.length + 2) : message;
}

/** `--verbose` lines for provider events (retries with the provider's words, request changes); undefined for others. */
export function verboseEventText(event: GenerationEvent): string | undefined {
  if (event.type === "provider_retry") return `${retryText(event)}\n  ${event.detail}`;
  if (event.type === "request_reshaped") return `${event.module}: ${event.note}`;
  return undefined;
}

/**
 * What made a regenerated module stale, as `jaunt status` names it (the
 * spec and its changed words, the dependency, the file): one indented line
 * per reason. A first build (the file was missing) needs no explanation.
 */
function whyText(report: ModuleReport): string {
  const why = report.reasons.filter((reason) => !reason.startsWith("generated file "));
  return why.map((reason) => `\n  - ${reason}`).join("");
}

/** What checked a built module: `3/3 examples, 5 tests`, or `unverified` when nothing did. */
export function checksText(checks: NonNullable<ModuleReport["checks"]>): string {
  const parts: string[] = [];
  if (checks.examples.total > 0) parts.push(`${checks.examples.passed}/${checks.examples.total} example${checks.examples.total === 1 ? "" : "s"}`);
  if (checks.tests.total > 0) parts.push(`${checks.tests.passed === checks.tests.total ? "" : `${checks.tests.passed}/`}${checks.tests.total} test${checks.tests.total === 1 ? "" : "s"}`);
  if (parts.length === 0) parts.push("unverified");
  if (checks.examples.unchecked > 0) parts.push(`${checks.examples.unchecked} example${checks.examples.unchecked === 1 ? "" : "s"} unchecked`);
  return parts.join(", ");
}

/** One line per finished module (and its reasons), for logs. */
export function moduleLine(report: ModuleReport): string {
  const details = [
    ...(report.durationMs === undefined ? [] : [seconds(report.durationMs)]),
    ...(report.cached ? [report.cacheSource === "remote" ? "remote cache" : "cached"] : []),
    ...(report.checks ? [checksText(report.checks)] : []),
  ];
  const took = details.length === 0 ? "" : ` (${details.join(", ")})`;
  switch (report.status) {
    case "built":
      return `built ${report.module} -> ${report.generatedFile}${took}${whyText(report)}`;
    case "stamped":
      return `stamped ${report.module}: meaning unchanged${report.meaning?.note ? ` — "${report.meaning.note}"` : ""}${whyText(report)}`;
    case "failed":
      return `FAILED ${report.module}: ${failureText(report).split("\n")[0]}`;
    case "skipped":
      return `skipped ${report.module} (depends on ${report.blockedBy ?? "a failed module"})`;
    case "interrupted":
      return `interrupted ${report.module}`;
    default:
      return `not started ${report.module}`;
  }
}

/** A renderer: module lines always; on a TTY also one status line, redrawn below them. */
export function createProgressRenderer(sink: TextSink, options: { interactive: boolean; columns: number }) {
  let drawn = false;
  const clear = (): void => {
    if (drawn) sink.write("\r\u001b[2K");
    drawn = false;
  };
  return {
    progress(snapshot: ProgressSnapshot): void {
      if (!options.interactive) return;
      clear();
      sink.write(statusLine(snapshot, options.columns));
      drawn = true;
    },
    module(report: ModuleReport): void {
      clear();
      sink.write(`${moduleLine(report)}\n`);
    },
    line(text: string): void {
      clear();
      sink.write(`${text}\n`);
    },
    done(): void {
      clear();
    },
  };
}

/**
 * The final summary, with details of each failure. Warnings in `shown` were
 * already printed on the screen the summary goes to, and are not repeated.
 */
export function formatBuildSummary(report: BuildReport, shown: ReadonlySet<string> = new Set()): string {
  const lines: string[] = [];
  const warnings = report.warnings.filter((warning) => !shown.has(warning));
  if (report.modules.length === 0 && report.orphans.length === 0 && warnings.length === 0) {
    return `${report.kind === "build" ? "build" : "test generation"} up to date: ${report.fresh} module(s) fresh, nothing to generate`;
  }
  for (const module of report.modules.filter((m) => m.status === "failed")) {
    lines.push(`FAILED ${module.module} (${module.error?.code ?? "error"}): ${failureText(module)}`);
    if (module.error?.hint) lines.push(`  hint: ${module.error.hint}`);
  }
  const skipped = report.modules.filter((m) => m.status === "skipped");
  if (skipped.length > 0) lines.push(`skipped because a dependency failed: ${skipped.map((m) => m.module).join(", ")}`);
  for (const orphan of report.orphans) lines.push(`orphaned generated file (\`jaunt clean --orphans\` removes it): ${orphan}`);
  for (const warning of warnings) lines.push(`warning: ${warning}`);
  const tokens = report.tokens.promptTokens + report.tokens.completionTokens;
  const cost = report.costUsd === undefined ? "cost unknown" : `$${report.costUsd.toFixed(4)}`;
  const parts = [`${report.built} built`, ...(report.stamped ? [`${report.stamped} stamped (meaning unchanged)`] : []), `${report.fresh} fresh`, `${report.failed} failed`, `${report.skipped} skipped`];
  // `notStarted` counts the interrupted modules too (none of them finished); the line tells them apart.
  const interrupted = report.modules.filter((m) => m.status === "interrupted").length;
  if (interrupted > 0) parts.push(`${interrupted} interrupted`);
  if (report.notStarted - interrupted > 0) parts.push(`${report.notStarted - interrupted} not started`);
  const what = report.kind === "build" ? "build" : "test generation";
  const verdict = report.interrupted ? `${what} interrupted` : report.ok ? `${what} ok` : `${what} failed`;
  const { localHits, remoteHits } = report.cache;
  const cache = localHits + remoteHits > 0 ? ` · cache ${localHits} local${remoteHits > 0 ? `, ${remoteHits} remote` : ""}` : "";
  lines.push(`${verdict}: ${parts.join(", ")} · ${tokensText(tokens)} tokens · ${cost}${cache} · ${seconds(report.durationMs)}`);
  return lines.join("\n");
}

/** The `--dry-run` listing. */
export function formatDryRun(report: DryRunReport): string {
  if (report.modules.length === 0) return `nothing to generate: ${report.fresh} module(s) up to date`;
  const lines = report.modules.map(
    (module, index) =>
      `${String(index + 1).padStart(3)}. ${module.module} -> ${module.generatedFile} (~${tokensText(module.estimatedPromptTokens)} prompt tokens)\n       ${module.reasons.join("; ")}${module.dependsOn.length > 0 ? `\n       after: ${module.dependsOn.join(", ")}` : ""}`,
  );
  lines.push(`would generate ${report.modules.length} module(s), ${report.fresh} fresh · ~${tokensText(report.estimatedPromptTokens)} prompt tokens (first attempts; no LLM calls made)`);
  for (const orphan of report.orphans) lines.push(`orphaned generated file: ${orphan}`);
  return lines.join("\n");
}
