/** `jaunt status`: which generated modules are fresh or stale, and why; `--check` for CI. */
import { defineCommand } from "citty";
import { jsonArgs, rootArgs, verboseArgs } from "../cli/args.ts";
import { writeJson, writeResult } from "../cli/output.ts";
import type { CommandOutcome } from "../cli/run.ts";

export default defineCommand({
  meta: { name: "status", description: "Show which generated modules are fresh or stale, and why (no model or API key needed)" },
  args: {
    ...rootArgs,
    ...jsonArgs,
    ...verboseArgs,
    check: {
      type: "boolean",
      description: "Exit 1 when any module is stale or in conflict (a model-free CI gate)",
    },
    "infer-deps": {
      type: "boolean",
      description: "Infer dependencies from imports (default: from jaunt.toml; --no-infer-deps turns it off)",
      default: true,
    },
  },
  async run({ args }): Promise<CommandOutcome | undefined> {
    const { status, checkExitCode } = await import("../graph/status.ts");
    const report = await status({
      ...(args.root === undefined ? {} : { root: args.root }),
      ...(args["infer-deps"] === false ? { inferDeps: false } : {}),
    });
    if (args.json) {
      writeJson(report);
    } else {
      const { formatStatus } = await import("../graph/format-status.ts");
      writeResult(formatStatus(report, { verbose: Boolean(args.verbose) }));
    }
    return args.check ? { exitCode: checkExitCode(report) } : undefined;
  },
});
