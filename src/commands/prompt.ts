/** `jaunt prompt <module|SpecRef>`: print the exact messages a build would send for one module (no model call, no key). */
import { defineCommand } from "citty";
import { inferDepsArgs, jsonArgs, planOptions, rootArgs } from "../cli/args.ts";
import { writeJson, writeResult } from "../cli/output.ts";

export default defineCommand({
  meta: { name: "prompt", description: "Print the exact messages a build (or test generation) would send for a module; no model call, no API key" },
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
