import { expect, test } from "bun:test";
import type { ModuleReport } from "../../src/orchestration/build-report.ts";
import { createProgressRenderer, formatBuildSummary, retryText, statusLine, verboseEventText } from "../../src/orchestration/progress-view.ts";
import type { RetryEvent } from "../../src/orchestration/retry-tracker.ts";

const snapshot = { total: 4, done: 1, failed: 0, inFlight: ["src/a", "src/b"], tokens: { promptTokens: 12_000, completionTokens: 345 } };
const built: ModuleReport = { module: "src/a", kind: "build", file: "src/a.ts", generatedFile: "src/__generated__/a.ts", status: "built", reasons: [], durationMs: 1200 };

function capture(interactive: boolean): { text: () => string; renderer: ReturnType<typeof createProgressRenderer> } {
  let out = "";
  const renderer = createProgressRenderer({ write: (chunk: string) => (out += chunk) }, { interactive, columns: 60 });
  return { text: () => out, renderer };
}

test("the status line shows done/total, what is in flight and tokens, cut to the terminal width", () => {
  expect(statusLine(snapshot, 100)).toBe("[1/4] 2 in flight: src/a, src/b · 12.3k tokens");
  const cut = statusLine(snapshot, 20);
  expect(cut.length).toBeLessThanOrEqual(19);
  expect(cut.endsWith("…")).toBe(true);
});

test("on a terminal: module lines stay, the status line is redrawn below them and cleared at the end", () => {
  const { text, renderer } = capture(true);
  renderer.progress(snapshot);
  renderer.module(built);
  renderer.progress({ ...snapshot, done: 2, inFlight: ["src/b"] });
  renderer.done();
  expect(text()).toBe(
    "[1/4] 2 in flight: src/a, src/b · 12.3k tokens\r\u001b[2Kbuilt src/a -> src/__generated__/a.ts (1.2s)\n[2/4] 1 in flight: src/b · 12.3k tokens\r\u001b[2K",
  );
});

test("in CI or a pipe: plain module lines only, no control codes", () => {
  const { text, renderer } = capture(false);
  renderer.progress(snapshot);
  renderer.module(built);
  renderer.done();
  expect(text()).toBe("built src/a -> src/__generated__/a.ts (1.2s)\n");
});

test("a failure line names the module once", () => {
  const failed: ModuleReport = { ...built, status: "failed", error: { code: "generation.offline_miss", message: "src/a: offline and no cached answer" } };
  const { text, renderer } = capture(false);
  renderer.module(failed);
  expect(text()).toBe("FAILED src/a: offline and no cached answer\n");
});

const retry: RetryEvent = { type: "provider_retry", module: "src/x", retry: 2, maxRetries: 4, delayMs: 4000, reason: "HTTP 529", detail: "https://api.example/v1 (from [llm] base_url) (HTTP 529): Overloaded" };

test("a module waiting to retry shows on the status line: which, when, why, and which retry of how many", () => {
  expect(retryText(retry)).toBe("retrying src/x in 4 s: HTTP 529 (2 of 4)");
  expect(retryText({ ...retry, delayMs: 250 })).toBe("retrying src/x in 0.3 s: HTTP 529 (2 of 4)");
  expect(retryText({ ...retry, reason: "HTTP 429", delayMs: 12_000, waitSource: "RetryInfo.retryDelay in the body" })).toBe("retrying src/x in 12 s as the server asked (RetryInfo.retryDelay in the body): HTTP 429 (2 of 4)");
  expect(statusLine({ ...snapshot, retrying: [{ ...retry, waiting: true }] }, 120)).toBe("[1/4] 2 in flight · retrying src/x in 4 s: HTTP 529 (2 of 4) · 12.3k tokens");
  expect(statusLine({ ...snapshot, retrying: [{ ...retry, waiting: false }] }, 120)).toBe("[1/4] 2 in flight · src/x: retry 2 of 4 running (after HTTP 529) · 12.3k tokens");
  const two = statusLine({ ...snapshot, retrying: [{ ...retry, module: "src/y", waiting: true }, { ...retry, waiting: true }] }, 120);
  expect(two).toContain("retrying src/x in 4 s: HTTP 529 (2 of 4) (+1 more retrying)");
});

test("--verbose lines: a retry with the provider's words, a request change with its reason; nothing for other events", () => {
  expect(verboseEventText(retry)).toBe("retrying src/x in 4 s: HTTP 529 (2 of 4)\n  https://api.example/v1 (from [llm] base_url) (HTTP 529): Overloaded");
  const shape = { tokensField: "max_completion_tokens", streamFalse: true } as const;
  expect(verboseEventText({ type: "request_reshaped", module: "src/x", note: "the server rejected max_tokens", shape })).toBe("src/x: the server rejected max_tokens");
  expect(verboseEventText({ type: "attempt", module: "src/x", attempt: 1 })).toBeUndefined();
});

test("an interrupted build's summary tells the module cut off in flight from those never started", () => {
  const module = (id: string, status: ModuleReport["status"]): ModuleReport => ({ module: id, kind: "build", file: `${id}.ts`, generatedFile: `${id}.gen.ts`, status, reasons: [] });
  const summary = formatBuildSummary({
    ok: false, kind: "build", root: "/p", built: 0, fresh: 2, failed: 0, skipped: 0, notStarted: 2, interrupted: true, costCapReached: false,
    tokens: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, durationMs: 1000, cache: { localHits: 0, remoteHits: 0, misses: 0 },
    modules: [module("src/slug", "interrupted"), module("src/unique", "not_started")], orphans: [], warnings: [],
  });
  expect(summary).toContain("build interrupted: 0 built, 2 fresh, 0 failed, 0 skipped, 1 interrupted, 1 not started");
});

test("the summary leaves out warnings already shown on its screen, and keeps those that were not (a cost cap is only in the report)", () => {
  const report = {
    ok: true, kind: "build", root: "/p", built: 1, fresh: 0, failed: 0, skipped: 0, notStarted: 0, interrupted: false, costCapReached: true,
    tokens: { promptTokens: 10, completionTokens: 5 }, costUsd: 0, durationMs: 1000, cache: { localHits: 0, remoteHits: 1, misses: 0 },
    modules: [built], orphans: [], warnings: ["jaunt.toml:3:1: root missing", "stopped scheduling: cost cap"],
  } as const;
  expect(formatBuildSummary(report)).toContain("warning: jaunt.toml:3:1: root missing\nwarning: stopped scheduling: cost cap\n");
  const once = formatBuildSummary(report, new Set(["jaunt.toml:3:1: root missing"]));
  expect(once).not.toContain("root missing");
  expect(once).toContain("warning: stopped scheduling: cost cap\n");
  const upToDate = { ...report, built: 0, fresh: 1, modules: [], warnings: ["jaunt.toml:3:1: root missing"] };
  expect(formatBuildSummary(upToDate, new Set(upToDate.warnings))).toBe("build up to date: 1 module(s) fresh, nothing to generate");
});

test("a regenerated module says why, as status names it; a first build needs no reason", () => {
  const { text, renderer } = capture(false);
  renderer.module({ ...built, reasons: ["spec src/a:a changed (comment or JSDoc text): /** Does [-a-] {+b+} . */"] });
  renderer.module({ ...built, module: "src/n", generatedFile: "src/__generated__/n.ts", reasons: ["generated file src/__generated__/n.ts is missing"] });
  expect(text()).toBe(
    "built src/a -> src/__generated__/a.ts (1.2s)\n  - spec src/a:a changed (comment or JSDoc text): /** Does [-a-] {+b+} . */\nbuilt src/n -> src/__generated__/n.ts (1.2s)\n",
  );
});
