/**
 * The hint of a module that never validated names the real cause — the
 * answer's shape, a structural rule, the spec's signature — rather than a
 * generic "make the spec clearer".
 */
import type { Diagnostic } from "../types.ts";

const RAISE = "or raise [build] attempts";

export function failureHint(diagnostics: readonly Diagnostic[]): string {
  const codes = new Set(diagnostics.map((d) => d.code));
  if (codes.has("jaunt/truncated-output")) return "the model's answers were cut off at the output token limit: raise [llm] max_tokens or split the module into smaller ones";
  if (codes.has("jaunt/answer-shape") || codes.has("jaunt/empty")) return `the model did not answer with one complete module in a code block; a model that follows instructions better, or a clearer prompt option, helps (${RAISE})`;
  if (codes.has("syntax")) return `the model's code does not parse; ${RAISE}`;
  const rule = [...codes].find((c) => c.startsWith("jaunt/") && c !== "jaunt/truncated");
  if (rule) return `the model's code breaks the rule ${rule} (see "What generated code may do" in docs/spec-guide.md); say what to do instead in the spec's prompt option, ${RAISE}`;
  if (diagnostics.some((d) => d.message.includes("does not match the spec's declared"))) return `the code does not fit the spec's declared signature: check that the types say what you mean (generics, optional parameters), ${RAISE}`;
  return `make the spec clearer (types, JSDoc, examples) ${RAISE}`;
}
