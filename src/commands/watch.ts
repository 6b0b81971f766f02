/** `jaunt watch`: rebuild stale modules on save (debounced, cancel-and-restart), `--test` runs the affected tests. */
import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { inferDepsArgs, jobsArgs, offlineArgs, parseJobs, planOptions, rootArgs, verboseArgs } from "../cli/args.ts";
import { stderrIsInteractive } from "../cli/output.ts";
import { UsageError } from "../cli/usage-error.ts";

export default defineCommand({
  meta: { name: "watch", description: COMMAND_SUMMARIES.watch },
  args: {
    ...rootArgs,
    json: { type: "boolean", description: "Print one JSON event per line on stdout (ready, change, queue, start, module, restart, cycle, repair, tests, idle, warning, error, stopped)" },
    ...verboseArgs,
    ...jobsArgs,
    test: { type: "boolean", description: "Also regenerate the affected test modules and run them with bun test" },
    ...offlineArgs,
    ...inferDepsArgs,
    debounce: { type: "string", description: "Quiet time in ms after the last save before rebuilding (default 100)", valueHint: "ms" },
  },
  async run({ args }) {
    const jobs = parseJobs(args.jobs);
    const debounceMs = args.debounce === undefined ? undefined : Number(args.debounce);
    if (debounceMs !== undefined && (!Number.isInteger(debounceMs) || debounceMs < 0)) throw new UsageError(`--debounce must be a whole number of ms, got "${args.debounce}"`);
    const [{ watchProject }, watchView, { handleInterrupts }] = await Promise.all([
      import("../orchestration/watch/watch-loop.ts"),
      import("../cli/watch-view.ts"),
      import("../orchestration/interrupt.ts"),
    ]);
    const view = watchView.createWatchView({
      json: Boolean(args.json),
      interactive: stderrIsInteractive() && !args.json,
      columns: process.stderr.columns || Number(process.env.COLUMNS) || 80,
    });
    const inFlight = watchView.inFlightCounter();
    const interrupts = handleInterrupts({ onFirst: () => view.note(watchView.stopNote(inFlight.count)) });
    try {
      await watchProject({
        signal: interrupts.signal,
        onEvent: (event) => {
          inFlight.see(event);
          view.show(event);
        },
        testOutput: args.json ? "stderr" : "stdout",
        ...planOptions(args),
        ...(args.test ? { test: true } : {}),
        ...(args.offline ? { offline: true } : {}),
        ...(jobs === undefined ? {} : { jobs }),
        ...(debounceMs === undefined ? {} : { debounceMs }),
      });
    } finally {
      interrupts.dispose();
    }
  },
});
