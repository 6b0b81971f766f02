/** Human-readable summaries of `jaunt init` and `jaunt skill export`. */
import path from "node:path";
import type { ExportSkillReport } from "./export-skill.ts";
import type { InitReport } from "./init-project.ts";

function display(folder: string): string {
  const rel = path.relative(process.cwd(), folder);
  return rel === "" ? "." : rel.startsWith("..") ? folder : rel;
}

export function formatInitReport(report: InitReport): string {
  const width = Math.max(...report.files.map((file) => file.action.length));
  const lines = [`Jaunt project in ${display(report.root)}:`];
  for (const file of report.files) {
    lines.push(`  ${file.action.padEnd(width)}  ${file.path}${file.note ? `  (${file.note})` : ""}`);
  }
  lines.push(
    "",
    "Next steps:",
    "  bun add -d @jaunt/cli             # the CLI, pinned per project (also fetches @jaunt/runtime)",
    "  export OPENAI_API_KEY=...         # or the variable [llm] api_key_env names",
    "  bunx jaunt status && bunx jaunt build && bunx jaunt test",
    "  (without installing: bunx --package @jaunt/cli jaunt build)",
  );
  return lines.join("\n");
}

export function formatSkillReport(report: ExportSkillReport): string {
  const width = Math.max(...report.files.map((file) => file.state.length));
  const lines = [`Skill docs in ${display(report.dest)}:`];
  for (const file of report.files) lines.push(`  ${file.state.padEnd(width)}  ${file.path}`);
  return lines.join("\n");
}
