/** `jaunt build`: generate the implementations of stale specs (DESIGN §5). */
import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { generationArgs, jobsArgs, jsonArgs, parseJobs, planOptions, rootArgs, verboseArgs } from "../cli/args.ts";
import { isVerbose } from "../cli/verbosity.ts";
import { logger, stderrIsInteractive, stdoutIsInteractive, writeJson, writeResult } from "../cli/output.ts";
import type { CommandOutcome } from "../cli/run.ts";
import { UsageError } from "../cli/usage-error.ts";

export default defineCommand({
  meta: { name: "build", description: COMMAND_SUMMARIES.build },
  args: {
    ...rootArgs,
    ...jsonArgs,
    ...verboseArgs,
    ...jobsArgs,
    ...generationArgs,
    force: { type: "boolean", description: "Re-roll: ask the model again for every module (with --target, only that one), even fresh or hand-edited ones; the new answer replaces the cached one" },
    target: {
      type: "string",
      description: "Build only this SpecRef (src/slug:slugify) or module (src/slug) and its dependencies",
      valueHint: "ref",
    },
    "dry-run": { type: "boolean", description: "Print what would be generated, in order, with reasons and prompt-size estimates; no LLM calls" },
    batch: {
      type: "boolean",
      description: "Send the first attempt of every stale module as one Batch API batch (half price, no rate limits; may take hours) and wait for it; Ctrl-C leaves it running and the next `jaunt build --batch` picks it up",
    },
  },
  async run({ args }): Promise<CommandOutcome | undefined> {
    const options = {
      ...planOptions(args),
      ...(args.force ? { force: true } : {}),
      ...(args.target === undefined ? {} : { target: args.target }),
      ...(args.offline ? { offline: true } : {}),
    };
    const jobs = parseJobs(args.jobs);
    if (args.batch && args.offline) throw new UsageError("--batch sends requests to the provider; it cannot be combined with --offline");
    const view = await import("../orchestration/progress-view.ts");
    if (args["dry-run"]) {
      const { buildDryRun } = await import("../orchestration/build.ts");
      // Warnings go to stderr as status prints them, and into the --json document under `warnings`.
      const report = await buildDryRun({ ...options, onWarning: (warning) => logger().warn(warning) });
      if (args.json) writeJson(report);
      else writeResult(view.formatDryRun(report));
      return undefined;
    }
    const [{ build }, { exitCodeOf }, { withGenerationSession }] = await Promise.all([
      import("../orchestration/build.ts"),
      import("../orchestration/build-report.ts"),
      import("../cli/generation-session.ts"),
    ]);
    let shown: ReadonlySet<string> = new Set();
    const report = await withGenerationSession(
      Boolean(args.json),
      (hooks) => {
        shown = hooks.shownWarnings;
        return build({ ...options, ...(jobs === undefined ? {} : { jobs }), ...(args.batch ? { batch: true, onBatch: hooks.note } : {}), ...hooks });
      },
      isVerbose(args.verbose),
    );
    if (args.json) writeJson(report);
    // Piped or redirected, stdout is a record of its own and keeps every warning; on one screen with stderr, each shows once.
    else writeResult(view.formatBuildSummary(report, stdoutIsInteractive() && stderrIsInteractive() ? shown : undefined));
    const exitCode = exitCodeOf(report);
    return exitCode === 0 ? undefined : { exitCode };
  },
});
