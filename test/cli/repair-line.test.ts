import { expect, test } from "bun:test";
import { formatRepair, formatRepairTotals } from "../../src/cli/repair-line.ts";

test("the live line names the round, the module, the failing tests and who decided why", () => {
  expect(formatRepair({ round: 1, module: "src/text", side: "implementation", reason: "The spec says lowercase.", tests: ["a", "b"], decidedBy: "judge" }, 2)).toBe('repair 1/2: src/text ← 2 failing tests (judge: implementation — "The spec says lowercase.")');
  expect(formatRepair({ round: 2, module: "tests/text", side: "test", reason: "did not load: SyntaxError: x", tests: [], decidedBy: "runner" }, 2)).toBe("repair 2/2: tests/text ← did not load: SyntaxError: x");
  expect(formatRepair({ round: 1, module: "m", side: "test", reason: "x".repeat(200), tests: ["t"], decidedBy: "evidence" }, 1)).toContain(`${"x".repeat(120)}…")`);
});

test("the totals count repairs, rounds, outcomes, tokens and cost", () => {
  const repairs = [
    { round: 1, module: "src/a", side: "implementation", reason: "r", tests: ["t"], decidedBy: "judge", outcome: "repaired" },
    { round: 2, module: "src/a", side: "implementation", reason: "r", tests: ["t"], decidedBy: "judge", outcome: "failed" },
  ] as const;
  expect(formatRepairTotals(repairs, { promptTokens: 3000, completionTokens: 120 }, 0.0011)).toBe("repairs: 2 in 2 rounds (1 repaired, 1 failed) · 3,120 tokens · $0.0011");
  expect(formatRepairTotals(repairs.slice(0, 1), { promptTokens: 1, completionTokens: 1 }, undefined)).toBe("repairs: 1 in 1 round (1 repaired) · 2 tokens · cost unknown");
});
