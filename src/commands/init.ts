import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { jsonArgs } from "../cli/args.ts";
import { writeJson, writeResult } from "../cli/output.ts";

export default defineCommand({
  meta: { name: "init", description: COMMAND_SUMMARIES.init },
  args: {
    dir: {
      type: "string",
      description: "Folder to set up, created when missing (default: the current folder)",
      valueHint: "dir",
    },
    ...jsonArgs,
  },
  async run({ args }) {
    const path = await import("node:path");
    const { initProject } = await import("../scaffold/init-project.ts");
    const { formatInitReport } = await import("../scaffold/format-report.ts");
    const { VERSION } = await import("../version.ts");
    const report = await initProject({ dir: path.resolve(args.dir ?? "."), runtimeRange: `^${VERSION}` });
    if (args.json) writeJson({ ok: true, ...report });
    else writeResult(formatInitReport(report));
  },
});
