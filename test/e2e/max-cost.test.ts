/** `[build] max_cost`: once the estimated cost reaches the cap, no new module starts. */
import { afterAll, expect, test } from "bun:test";
import { startFakeLlm } from "../support/fake-llm.ts";
import { createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS } from "./project.ts";

const llm = startFakeLlm({ defaults: IMPLEMENTATIONS });
// gpt-4o-mini costs $0.15 per million prompt tokens: one ~1000-token module is far above this cap.
const project = createE2eProject({ ...SPECS, "jaunt.toml": jauntToml(llm.url, "max_cost = 0.00001\n").replace("jobs = 4", "jobs = 1") });
afterAll(async () => {
  project.cleanup();
  await llm.stop();
});

test("the build stops scheduling at the cost cap, says so, and fails with exit 3", async () => {
  const result = await project.jaunt(["build", "--json"]);
  expect(result.exitCode).toBe(3);
  const report: { costCapReached: boolean; built: number; notStarted: number; warnings: string[] } = JSON.parse(result.stdout);
  expect(report.costCapReached).toBe(true);
  expect(report.built).toBe(1);
  expect(report.notStarted).toBe(3);
  expect(report.warnings.join("\n")).toContain("max_cost");
  expect(llm.requests.length).toBe(1);
}, 60_000);

test("billed refusals count: their tokens are reported and [build] max_cost stops the run", async () => {
  const refusing = startFakeLlm();
  // 100k prompt tokens of gpt-4o-mini ($0.15 per million) per refusal: $0.015 each, above a $0.01 cap.
  refusing.respond(() => ({ message: { content: null, refusal: "I can't help with that." }, usage: { prompt_tokens: 100_000, completion_tokens: 10 } }));
  const p = createE2eProject({ ...SPECS, "jaunt.toml": jauntToml(refusing.url, "max_cost = 0.01\n").replace("jobs = 4", "jobs = 1").replace("max_retries = 0", "max_retries = 3") });
  try {
    const result = await p.jaunt(["build", "--json"]);
    expect(result.exitCode).toBe(3);
    const report: { costCapReached: boolean; failed: number; tokens: { promptTokens: number }; costUsd: number; modules: { error?: { message: string } }[] } = JSON.parse(result.stdout);
    // one more request after a refusal, none after that; then the cap stops scheduling
    expect(refusing.requests.length).toBe(2);
    expect(report.failed).toBe(1);
    expect(report.costCapReached).toBe(true);
    expect(report.tokens.promptTokens).toBe(200_000);
    expect(report.costUsd).toBeCloseTo((200_000 * 0.15 + 20 * 0.6) / 1_000_000, 8);
    expect(report.modules.find((m) => m.error)?.error?.message).toContain("the model refused: I can't help with that.");
  } finally {
    p.cleanup();
    await refusing.stop();
  }
}, 60_000);
