import { expect, test } from "bun:test";
import type { ModuleReport } from "../../src/orchestration/build-report.ts";
import { createProgressRenderer, statusLine } from "../../src/orchestration/progress-view.ts";

const snapshot = { total: 4, done: 1, failed: 0, inFlight: ["src/a", "src/b"], tokens: { promptTokens: 12_000, completionTokens: 345 } };
const built: ModuleReport = { id: "src/a", kind: "build", file: "src/a.ts", generatedFile: "src/__generated__/a.ts", status: "built", reasons: [], durationMs: 1200 };

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
