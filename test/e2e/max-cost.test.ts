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
