/** Provider retries reach the live status line while they happen, through the Worker pool. */
import { afterAll, expect, test } from "bun:test";
import { build } from "../../src/orchestration/build.ts";
import { statusLine } from "../../src/orchestration/progress-view.ts";
import type { ProgressSnapshot } from "../../src/orchestration/run-generation.ts";
import { createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS } from "../e2e/project.ts";
import { startFakeLlm } from "../support/fake-llm.ts";

const llm = startFakeLlm({ defaults: IMPLEMENTATIONS });
const project = createE2eProject({ "src/other.ts": SPECS["src/other.ts"], "jaunt.toml": jauntToml(llm.url).replace("max_retries = 0", "max_retries = 3") });
afterAll(async () => {
  project.cleanup();
  await llm.stop();
});

test("a retrying module is on the status line, waiting and then running, and leaves it when it is done", async () => {
  llm.script("src/other", [
    { status: 529, retryAfter: "0.2", message: "Overloaded" },
    { status: 503, retryAfter: "0.1" },
    { content: `\`\`\`ts\n${IMPLEMENTATIONS["src/other"] ?? ""}\n\`\`\``, delayMs: 400 },
  ]);
  const snapshots: ProgressSnapshot[] = [];
  const report = await build({ cwd: project.root, onProgress: (s) => snapshots.push(s) });
  expect(report.ok).toBe(true);
  const lines = snapshots.map((s) => statusLine(s, 200));
  expect(lines).toContain("[0/1] 1 in flight · retrying src/other in 0.2 s as the server asked (retry-after header): HTTP 529 (1 of 3) · 0 tokens");
  expect(lines).toContain("[0/1] 1 in flight · retrying src/other in 0.1 s as the server asked (retry-after header): HTTP 503 (2 of 3) · 0 tokens");
  // after the wait, while the slow retried request runs
  expect(lines).toContain("[0/1] 1 in flight · src/other: retry 2 of 3 running (after HTTP 503) · 0 tokens");
  expect(snapshots.at(-1)?.retrying).toEqual([]);
}, 30_000);
