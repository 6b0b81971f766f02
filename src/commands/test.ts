/** `jaunt test`: build, generate tests from test specs, and run them with `bun test` (DESIGN §6). */
import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { generationArgs, jobsArgs, jsonArgs, parseJobs, parseTimeout, planOptions, rootArgs, verboseArgs } from "../cli/args.ts";
import { isVerbose } from "../cli/verbosity.ts";
import { writeJson, writeProgress, writeResult } from "../cli/output.ts";
import type { CommandOutcome } from "../cli/run.ts";
import { formatRepair, formatRepairTotals } from "../cli/repair-line.ts";

export default defineCommand({
  meta: { name: "test", description: COMMAND_SUMMARIES.test },
  args: {
    ...rootArgs,
    ...jsonArgs,
    ...verboseArgs,
    ...jobsArgs,
    ...generationArgs,
    build: { type: "boolean", description: "Build source modules first (--no-build skips it)", default: true },
    repair: { type: "boolean", description: "Repair what failing tests catch, up to [test] repair_rounds rounds (--no-repair runs the tests once)", default: true },
    timeout: { type: "string", valueHint: "seconds", description: "Time limit on bun test, in seconds; on expiry it and every process it started are stopped and the run exits 4 (default: [test] timeout_seconds, 600)" },
  },
  async run({ args }): Promise<CommandOutcome | undefined> {
    const jobs = parseJobs(args.jobs);
    const timeoutSeconds = parseTimeout(args.timeout);
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
          ...(args.repair === false ? { repair: false } : {}),
          onRepair: (record, rounds) => hooks.note(formatRepair(record, rounds)),
          ...(jobs === undefined ? {} : { jobs }),
          ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
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
      if (report.repairs.length > 0) writeProgress(formatRepairTotals(report.repairs, report.repairTokens, report.repairCostUsd));
      writeResult(report.message);
    }
    return report.exitCode === 0 ? undefined : { exitCode: report.exitCode };
  },
});
