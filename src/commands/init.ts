/** `jaunt init`: set up a project, and trust it (the user made it). */
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
    // The user made this project: its current settings are theirs (a later change to where secrets go asks again).
    const [{ loadConfig }, { trustProject }, format] = await Promise.all([
      import("../config/load.ts"),
      import("../trust/project-trust.ts"),
      import("../trust/format-trust.ts"),
    ]);
    const trust = trustProject(await loadConfig({ root: report.root }));
    if (args.json) writeJson({ ok: true, ...report, trust: format.trustJson(trust, "trusted") });
    else writeResult(`${formatInitReport(report)}\n\n${format.formatInitTrust(trust)}`);
  },
});
