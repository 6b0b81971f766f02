/**
 * The answer corpus (test/generation/corpus/) through the real validator —
 * code choice, structural rules and the type check — in one project that
 * holds every corpus spec. Each case asserts its verdict: accepted with the
 * exact code (or the parts that matter), or rejected with its diagnostic.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { validateCandidate } from "../../src/generation/validate/validate-candidate.ts";
import { createSpecProject, type SpecProject } from "../support/generation-project.ts";
import { CASES } from "./corpus/cases.ts";
import { INPUTS, SPEC_FILES } from "./corpus/specs.ts";

let project: SpecProject;
beforeAll(() => {
  project = createSpecProject(SPEC_FILES);
});
afterAll(() => project.cleanup());

test("the corpus is large and covers both verdicts", () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  expect(CASES.filter((c) => c.verdict.accepted).length).toBeGreaterThan(20);
  expect(CASES.filter((c) => !c.verdict.accepted).length).toBeGreaterThan(10);
});

describe("corpus", () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const outcome = await validateCandidate(c.answer, INPUTS[c.spec], { root: project.root });
      const verdict = c.verdict;
      if (verdict.accepted) {
        expect(outcome.diagnostics).toEqual([]);
        if (verdict.code !== undefined) expect(outcome.code).toBe(verdict.code);
        for (const part of verdict.includes ?? []) expect(outcome.code).toContain(part);
      } else {
        const found = outcome.diagnostics.find((d) => d.code === verdict.diagnostic);
        expect(found ? found.code : outcome.diagnostics).toBe(verdict.diagnostic);
        if (verdict.message) expect(found?.message ?? "").toMatch(verdict.message);
      }
    });
  }
});
