/**
 * Evidence from the user's own examples (DESIGN §6, "evidence first"): when
 * a failing test checks the very call a spec's `@example` checks, the example
 * decides — a test expecting what the example says convicts the
 * implementation; an implementation returning what the example says convicts
 * the test. Values are compared in one literal spelling (quotes, spaces), not
 * evaluated. Before comparing, `checks` (behaviour-evidence.ts) may run the
 * examples and the user's own tests against the implementation in place: a
 * failure there convicts the implementation outright.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { specExamples } from "../../generation/behaviour/examples/spec-examples.ts";
import type { ExampleCheck } from "../../generation/behaviour/examples/types.ts";
import { loadTypeScript } from "../../generation/validate/typescript-parser.ts";
import { specsOf } from "../../graph/plan-queries.ts";
import type { Plan } from "../../graph/plan-types.ts";
import type { UserChecks } from "./behaviour-evidence.ts";
import type { Evidence } from "./decide-side.ts";

/** `'a'`, `"a"` and `` `a` `` (no substitutions) spelled as JSON; other values with spaces removed outside strings. */
export function literalKey(text: string): string {
  const t = text.trim().replace(/;$/, "");
  const quoted = /^(['"`])([\s\S]*)\1$/.exec(t);
  if (quoted && !(quoted[1] === "`" && quoted[2]?.includes("${"))) {
    const body = quoted[2] ?? "";
    try {
      return JSON.stringify(quoted[1] === '"' ? JSON.parse(t) : body.replace(/\\(['`])/g, "$1"));
    } catch {
      return JSON.stringify(body);
    }
  }
  return t.replace(/\s+/g, "");
}

const squash = (code: string): string => code.replace(/\s+/g, "");

/** Equality checks of the module's examples whose call appears in `code`. */
function checksIn(code: string, checks: readonly ExampleCheck[]): ExampleCheck[] {
  const squashed = squash(code);
  return checks.filter((c) => c.expectation.kind === "equals" && squash(c.subject).length > 0 && squashed.includes(squash(c.subject)));
}

/** Evidence read from the `@example`s of the implementation's specs. */
export function exampleEvidence(plan: Plan, checks?: UserChecks): Evidence {
  const cache = new Map<string, Promise<ExampleCheck[]>>();
  const checksOf = (moduleId: string, specFile: string): Promise<ExampleCheck[]> => {
    let found = cache.get(moduleId);
    if (!found) {
      found = (async () => {
        const [ts, source] = await Promise.all([loadTypeScript(), readFile(path.join(plan.root, specFile), "utf8").catch(() => "")]);
        const specs = specsOf(plan, moduleId).map((s) => ({ ref: s.ref, name: s.name }));
        return specExamples(ts, { specFile, specSource: source, specs })
          .filter((b) => b.unchecked === undefined)
          .flatMap((b) => b.steps.flatMap((s) => (s.kind === "check" ? [s.check] : [])));
      })();
      cache.set(moduleId, found);
    }
    return found;
  };
  return {
    async decide(pair, signal) {
      const failed = checks ? await checks(pair.implementation, signal) : undefined;
      if (failed !== undefined) return { side: "implementation", reason: failed };
      const examples = await checksOf(pair.implementation.id, pair.implementation.file);
      if (examples.length === 0) return undefined;
      for (const failure of pair.failures) {
        if (failure.expected === undefined || failure.received === undefined) continue;
        for (const check of checksIn(failure.code ?? "", examples)) {
          if (check.expectation.kind !== "equals") continue;
          const example = literalKey(check.expectation.expected);
          const where = `${pair.implementation.file}:${check.line}: ${check.source}`;
          if (literalKey(failure.expected) === example) return { side: "implementation", reason: `it fails the spec's own example (${where})` };
          if (literalKey(failure.received) === example) return { side: "test", reason: `the test expects ${failure.expected} where the spec's example says ${check.expectation.expected} (${where})` };
        }
      }
      return undefined;
    },
  };
}
