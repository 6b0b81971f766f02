/**
 * Evidence from running the user's own checks against the implementation in
 * place: its spec's `@example`s and the user's handwritten tests that import
 * it (the behaviour stage, isolated and time-limited, without Jaunt's
 * secrets). An implementation that fails them is the wrong side, whatever a
 * generated test says. The build gate already holds new candidates to them,
 * so this speaks when the implementation predates an example or a test.
 */
import { createHash } from "node:crypto";
import type { JauntConfig } from "../../config/types.ts";
import { secretEnvNames } from "../../generation/behaviour/run/child-env.ts";
import { runBehaviourStage } from "../../generation/behaviour/behaviour-stage.ts";
import { loadTypeScript } from "../../generation/validate/typescript-parser.ts";
import type { Plan, PlannedModule } from "../../graph/plan-types.ts";
import { prepareRun, promptTexts } from "../prepare-run.ts";
import { generatedBody } from "./failure-context.ts";

/** Why the implementation of `module` in place fails the user's checks, or undefined when it passes them (or has none). */
export type UserChecks = (module: PlannedModule, signal?: AbortSignal) => Promise<string | undefined>;

/** Runs each implementation's user checks once per version of its code. */
export function userChecks(plan: Plan, config: JauntConfig): UserChecks {
  const seen = new Map<string, Promise<string | undefined>>();
  return (module, signal) => {
    const run = async (): Promise<string | undefined> => {
      const code = await generatedBody(plan.root, module.generatedFile);
      if (code === undefined) return undefined;
      const key = `${module.id}\n${createHash("sha256").update(code).digest("hex")}`;
      let result = seen.get(key);
      if (!result) {
        result = (async () => {
          const { inputs } = await prepareRun(plan, [module], await promptTexts(config), { propertyRuns: config.test.propertyRuns });
          const base = inputs.get(module.id);
          if (!base) return undefined;
          // Only the user's own tests: generated ones are what is being judged.
          const gatingTests = (base.gatingTests ?? []).filter((t) => t.origin === "handwritten");
          const input = { ...base, gatingTests };
          const outcome = await runBehaviourStage(await loadTypeScript(), plan.root, input, code, { exampleTimeoutMs: config.build.exampleTimeoutMs, verifyTests: config.build.verifyTests, env: process.env, secretEnvNames: secretEnvNames(config) }, signal);
          const first = outcome.diagnostics[0];
          return first ? `it fails the user's own checks: ${first.message}` : undefined;
        })();
        seen.set(key, result);
      }
      return result;
    };
    return run();
  };
}
