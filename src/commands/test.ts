/** `jaunt test`: build, generate tests from test specs, and run them with `bun test` (DESIGN §6). */
import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { generationArgs, jobsArgs, jsonArgs, parseJobs, planOptions, rootArgs, verboseArgs } from "../cli/args.ts";
import { isVerbose } from "../cli/verbosity.ts";
import { writeJson, writeResult } from "../cli/output.ts";
import type { CommandOutcome } from "../cli/run.ts";

export default defineCommand({
  meta: { name: "test", description: COMMAND_SUMMARIES.test },
  args: {
    ...rootArgs,
    ...jsonArgs,
    ...verboseArgs,
    ...jobsArgs,
    ...generationArgs,
    build: { type: "boolean", description: "Build source modules first (--no-build skips it)", default: true },
  },
  async run({ args }): Promise<CommandOutcome | undefined> {
    const jobs = parseJobs(args.jobs);
    const [{ test }, view, { withGenerationSession }] = await Promise.all([
      import("../orchestration/test-run.ts"),
      import("../orchestration/progress-view.ts"),
      import("../cli/generation-session.ts"),
    ]);
    const report = await withGenerationSession(
      Boolean(args.json),
      (hooks) =>
        test({
          ...planOptions(args),
          ...(args.force ? { force: true } : {}),
          ...(args.offline ? { offline: true } : {}),
          ...(args.build === false ? { build: false } : {}),
          ...(jobs === undefined ? {} : { jobs }),
          testOutput: args.json ? "stderr" : "stdout",
          ...hooks,
          // Each phase's summary before bun test's report, not after it (stderr: bun test owns stdout).
          onPhase: (phase) => {
            // The summary shares stderr with the live warnings: it does not repeat them.
            if (!args.json && (phase.built > 0 || !phase.ok)) hooks.note(view.formatBuildSummary(phase, hooks.shownWarnings));
          },
        }),
      isVerbose(args.verbose),
    );
    if (args.json) {
      writeJson(report);
    } else {
      writeResult(report.message);
    }
    return report.exitCode === 0 ? undefined : { exitCode: report.exitCode };
  },
});
