/** `jaunt stamp [targets…]`: accept spec edits that do not change behaviour (and hand edits) without a model call. */
import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { inferDepsArgs, jsonArgs, planOptions, rootArgs } from "../cli/args.ts";
import { logger, writeJson, writeResult } from "../cli/output.ts";

export default defineCommand({
  meta: { name: "stamp", description: COMMAND_SUMMARIES.stamp },
  args: {
    targets: {
      type: "positional",
      description: "Modules (src/slug) or SpecRefs to stamp (default: every stampable module)",
      required: false,
      valueHint: "module|SpecRef",
    },
    ...rootArgs,
    ...jsonArgs,
    ...inferDepsArgs,
  },
  async run({ args }) {
    const { stamp, formatStamp } = await import("../orchestration/stamp.ts");
    const report = await stamp({
      targets: args._.map(String),
      ...planOptions(args),
      onWarning: (message) => logger().warn(message),
    });
    if (args.json) writeJson(report);
    else writeResult(formatStamp(report));
  },
});
