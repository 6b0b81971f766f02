import { expect, test } from "bun:test";
import { isBehaviourCode } from "../../../src/generation/behaviour/codes.ts";

test("behaviour codes are the examples' and gating tests' own, not structural rules with similar names", () => {
  for (const code of ["jaunt/example", "jaunt/example-timeout", "jaunt/test", "jaunt/test-timeout"]) expect(isBehaviourCode(code)).toBe(true);
  // A cut-off answer whose block breaks a rule is still reported as truncated; only a block that ran is not.
  for (const code of ["jaunt/test-not-run", "jaunt/snapshot-test", "jaunt/truncated-output", "TS2322"]) expect(isBehaviourCode(code)).toBe(false);
});
