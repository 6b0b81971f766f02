/** `jaunt test`: build, generate tests from test specs, and run them with `bun test` (DESIGN §6). */
import { defineCommand } from "citty";
import { jobsArgs, jsonArgs, parseJobs, rootArgs, verboseArgs } from "../cli/args.ts";
import { logger, stderrIsInteractive, writeJson, writeProgress, writeResult } from "../cli/output.ts";
import type { CommandOutcome } from "../cli/run.ts";

export default defineCommand({
  meta: { name: "test", description: "Build, generate tests from test specs, and run them with bun test" },
  args: {
    ...rootArgs,
    ...jsonArgs,
    ...verboseArgs,
    ...jobsArgs,
    build: { type: "boolean", description: "Build source modules first (--no-build skips it)", default: true },
    force: { type: "boolean", description: "Regenerate every module, even fresh ones" },
    offline: { type: "boolean", description: "Use only cached LLM answers; a module without one fails" },
    "infer-deps": {
      type: "boolean",
      description: "Infer dependencies from imports (default: from jaunt.toml; --no-infer-deps turns it off)",
      default: true,
    },
  },
  async run({ args }): Promise<CommandOutcome | undefined> {
    const jobs = parseJobs(args.jobs);
    const [{ test }, view, { handleInterrupts }] = await Promise.all([
      import("../orchestration/test-run.ts"),
      import("../orchestration/progress-view.ts"),
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
      const report = await test({
        ...(args.root === undefined ? {} : { root: args.root }),
        ...(args.force ? { force: true } : {}),
        ...(args.offline ? { offline: true } : {}),
        ...(args["infer-deps"] === false ? { inferDeps: false } : {}),
        ...(args.build === false ? { build: false } : {}),
        ...(jobs === undefined ? {} : { jobs }),
        testOutput: args.json ? "stderr" : "stdout",
        signal: interrupts.signal,
        onProgress: (snapshot) => renderer.progress(snapshot),
        onModule: (module) => renderer.module(module),
        onWarning: (message) => logger().warn(message),
      });
      renderer.done();
      if (args.json) {
        writeJson(report);
      } else {
        // Summaries go to stderr so they do not interleave with bun test's own stdout report.
        for (const phase of [report.build, report.generation]) {
          if (phase && (phase.built > 0 || !phase.ok)) writeProgress(view.formatBuildSummary(phase));
        }
        writeResult(report.message);
      }
      return report.exitCode === 0 ? undefined : { exitCode: report.exitCode };
    } finally {
      renderer.done();
      interrupts.dispose();
    }
  },
});
