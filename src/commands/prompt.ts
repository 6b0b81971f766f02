/** `jaunt prompt <module|SpecRef>`: print the exact messages a build would send for one module (no model call, no key). */
import { defineCommand } from "citty";
import { jsonArgs, rootArgs } from "../cli/args.ts";
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
    "infer-deps": {
      type: "boolean",
      description: "Infer dependencies from imports (default: from jaunt.toml; --no-infer-deps turns it off)",
      default: true,
    },
  },
  async run({ args }) {
    const { promptPreview, formatPrompt } = await import("../orchestration/prompt-preview.ts");
    const preview = await promptPreview({
      target: args.target,
      ...(args.root === undefined ? {} : { root: args.root }),
      ...(args["infer-deps"] === false ? { inferDeps: false } : {}),
    });
    if (args.json) writeJson(preview);
    else writeResult(formatPrompt(preview));
  },
});
