/** `jaunt prompt <module|SpecRef>`: print the exact messages a build would send for one module (no model call, no key). */
import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { inferDepsArgs, jsonArgs, planOptions, rootArgs } from "../cli/args.ts";
import { writeJson, writeResult } from "../cli/output.ts";

export default defineCommand({
  meta: { name: "prompt", description: COMMAND_SUMMARIES.prompt },
  args: {
    target: {
      type: "positional",
      description: "A module (src/slug) or SpecRef (src/slug:slugify); a SpecRef shows its module's messages",
      required: true,
      valueHint: "module|SpecRef",
    },
    ...rootArgs,
    ...jsonArgs,
    ...inferDepsArgs,
  },
  async run({ args }) {
    const { promptPreview, formatPrompt } = await import("../orchestration/prompt-preview.ts");
    const preview = await promptPreview({
      target: args.target,
      ...planOptions(args),
    });
    if (args.json) writeJson(preview);
    else writeResult(formatPrompt(preview));
  },
});
