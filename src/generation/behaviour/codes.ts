/**
 * The diagnostic codes of the behaviour stage: a candidate that earns one of
 * these parsed, type-checked and ran — it behaved wrongly, it was not cut off
 * (generate-module.ts), and the retry prompt explains whose words it broke
 * (prompts/sections.ts). Structural rules with similar names
 * (`jaunt/test-not-run`) are not among them.
 */
export const EXAMPLE_CODES: ReadonlySet<string> = new Set(["jaunt/example", "jaunt/example-timeout"]);
export const TEST_CODES: ReadonlySet<string> = new Set(["jaunt/test", "jaunt/test-timeout"]);

/** True for a diagnostic the behaviour stage gave (an example or a gating test). */
export function isBehaviourCode(code: string): boolean {
  return EXAMPLE_CODES.has(code) || TEST_CODES.has(code);
}
