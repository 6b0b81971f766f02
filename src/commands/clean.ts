import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { jsonArgs, rootArgs } from "../cli/args.ts";
import { writeJson, writeResult } from "../cli/output.ts";

export default defineCommand({
  meta: { name: "clean", description: COMMAND_SUMMARIES.clean },
  args: {
    ...rootArgs,
    cache: {
      type: "boolean",
      description: "Also empty the cache in .jaunt/cache/ (LLM responses, parsed specs)",
    },
    orphans: {
      type: "boolean",
      description: "Remove only orphaned generated files (their spec module or its specs are gone), keeping the rest",
    },
    "dry-run": {
      type: "boolean",
      description: "List what would be removed without removing anything",
    },
    ...jsonArgs,
  },
  async run({ args }) {
    const { loadConfig } = await import("../config/load.ts");
    const { cleanProject } = await import("../clean/clean-project.ts");
    const { formatCleanReport } = await import("../clean/format-clean.ts");
    const config = await loadConfig(args.root === undefined ? {} : { root: args.root });
    const only = args.orphans ? (await (await import("../graph/plan.ts")).planProject({ config })).orphans.map((o) => o.generatedFile) : undefined;
    const report = await cleanProject({ config, cache: Boolean(args.cache), dryRun: Boolean(args["dry-run"]), ...(only === undefined ? {} : { only }) });
    if (args.json) writeJson({ ok: true, ...report });
    else writeResult(formatCleanReport(report));
  },
});
