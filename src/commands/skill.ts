import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { jsonArgs, rootArgs } from "../cli/args.ts";
import { writeJson, writeResult } from "../cli/output.ts";

const exportCommand = defineCommand({
  meta: { name: "export", description: "Write the skill docs for AI assistants (default: .jaunt/skill/ under the project root)" },
  args: {
    dest: {
      type: "string",
      description: "Folder to write the skill files into (default: <root>/.jaunt/skill)",
      valueHint: "dir",
    },
    force: {
      type: "boolean",
      description: "Overwrite skill files whose content was changed",
    },
    ...rootArgs,
    ...jsonArgs,
  },
  async run({ args }) {
    const { resolveSkillDest } = await import("../scaffold/skill-dest.ts");
    const { exportSkill } = await import("../scaffold/export-skill.ts");
    const { formatSkillReport } = await import("../scaffold/format-report.ts");
    const dest = resolveSkillDest({ cwd: process.cwd(), dest: args.dest, root: args.root });
    const report = await exportSkill({ dest, force: Boolean(args.force) });
    if (args.json) writeJson({ ok: true, ...report });
    else writeResult(formatSkillReport(report));
  },
});

export default defineCommand({
  meta: { name: "skill", description: COMMAND_SUMMARIES.skill },
  subCommands: { export: exportCommand },
});
