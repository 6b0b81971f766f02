/**
 * The structural rule for a test module whose specs have `@property` lines:
 * each property must be a fast-check assertion carrying its fixed seed and
 * `numRuns`, so a failure reproduces run after run.
 */
import type { Diagnostic, GenerationInput } from "../types.ts";

/** Diagnostics for properties the candidate test file does not write as asked. */
export function propertyDiagnostics(code: string, input: GenerationInput): Diagnostic[] {
  const properties = input.properties ?? [];
  if (input.kind !== "test" || properties.length === 0) return [];
  const diagnostics: Diagnostic[] = [];
  if (!/from\s+["']fast-check["']|require\(\s*["']fast-check["']\s*\)/.test(code)) {
    diagnostics.push({ code: "jaunt/property-test", message: 'the test specs have @property lines: import fast-check (`import fc from "fast-check";`) and write each as `fc.assert(fc.property(…), { seed, numRuns })`' });
  }
  if (!/\.assert\s*\(/.test(code)) return diagnostics;
  for (const property of properties) {
    const seeded = new RegExp(`\\bseed\\s*:\\s*${property.seed}\\b`).test(code);
    const runs = new RegExp(`\\bnumRuns\\s*:\\s*${property.numRuns}\\b`).test(code);
    if (!seeded || !runs) {
      diagnostics.push({
        code: "jaunt/property-test",
        message: `the property "${property.text}" (${property.ref}) must be a fast-check assertion with \`{ seed: ${property.seed}, numRuns: ${property.numRuns} }\`${seeded ? " (numRuns missing)" : " (seed missing)"}`,
      });
    }
  }
  return diagnostics;
}
