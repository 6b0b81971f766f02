/** `jaunt build`: generate the implementations of stale specs (DESIGN §5). */
import { defineCommand } from "citty";
import { jobsArgs, jsonArgs, parseJobs, rootArgs, verboseArgs } from "../cli/args.ts";
import { logger, stderrIsInteractive, writeJson, writeResult } from "../cli/output.ts";
import type { CommandOutcome } from "../cli/run.ts";

export default defineCommand({
  meta: { name: "build", description: "Generate implementations for stale specs into __generated__/ folders" },
  args: {
    ...rootArgs,
    ...jsonArgs,
    ...verboseArgs,
    ...jobsArgs,
    force: { type: "boolean", description: "Regenerate every module, even fresh ones" },
    target: {
      type: "string",
      description: "Build only this SpecRef (src/slug:slugify) or module (src/slug) and its dependencies",
      valueHint: "ref",
    },
    "dry-run": { type: "boolean", description: "Print what would be generated, in order, with reasons and prompt-size estimates; no LLM calls" },
    offline: { type: "boolean", description: "Use only cached LLM answers; a module without one fails" },
    "infer-deps": {
      type: "boolean",
      description: "Infer dependencies from imports (default: from jaunt.toml; --no-infer-deps turns it off)",
      default: true,
    },
  },
  async run({ args }): Promise<CommandOutcome | undefined> {
    const options = {
      ...(args.root === undefined ? {} : { root: args.root }),
      ...(args.force ? { force: true } : {}),
      ...(args.target === undefined ? {} : { target: args.target }),
      ...(args.offline ? { offline: true } : {}),
      ...(args["infer-deps"] === false ? { inferDeps: false } : {}),
    };
    const jobs = parseJobs(args.jobs);
    const view = await import("../orchestration/progress-view.ts");
    if (args["dry-run"]) {
      const { buildDryRun } = await import("../orchestration/build.ts");
      const report = await buildDryRun(options);
      if (args.json) writeJson(report);
      else writeResult(view.formatDryRun(report));
      return undefined;
    }
    const [{ build }, { exitCodeOf }, { handleInterrupts }] = await Promise.all([
      import("../orchestration/build.ts"),
      import("../orchestration/build-report.ts"),
      import("../orchestration/interrupt.ts"),
    ]);
    const renderer = view.createProgressRenderer(process.stderr, {
      interactive: stderrIsInteractive() && !args.json,
      columns: process.stderr.columns ?? Number(process.env.COLUMNS ?? 80),
    });
    const interrupts = handleInterrupts({
      onFirst: () => renderer.line("interrupted: starting nothing new, abandoning generations in flight (Ctrl-C again to abort now)"),
    });
    try {
      const report = await build({
        ...options,
        ...(jobs === undefined ? {} : { jobs }),
        signal: interrupts.signal,
        onProgress: (snapshot) => renderer.progress(snapshot),
        onModule: (module) => renderer.module(module),
        onWarning: (message) => logger().warn(message),
      });
      renderer.done();
      if (args.json) writeJson(report);
      else writeResult(view.formatBuildSummary(report));
      const exitCode = exitCodeOf(report);
      return exitCode === 0 ? undefined : { exitCode };
    } finally {
      renderer.done();
      interrupts.dispose();
    }
  },
});
