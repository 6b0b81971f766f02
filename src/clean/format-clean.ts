/** Human-readable summary of `jaunt clean`. */
import type { CleanReport } from "./clean-project.ts";

export function formatCleanReport(report: CleanReport): string {
  const verb = report.dryRun ? "would remove" : "removed";
  const lines: string[] = [];
  for (const file of report.removed) lines.push(`${verb}  ${file}`);
  for (const dir of report.removedDirs) lines.push(`${verb}  ${dir}/`);
  for (const file of report.kept) lines.push(`kept  ${file.path}  (${file.reason})`);
  if (report.cacheCleared) lines.push(`${report.dryRun ? "would clear" : "cleared"}  .jaunt/cache/`);
  const summary =
    report.removed.length === 0 && !report.cacheCleared
      ? "Nothing to clean."
      : `${report.dryRun ? "Would remove" : "Removed"} ${report.removed.length} generated file(s)` +
        (report.kept.length > 0 ? `; kept ${report.kept.length} file(s) without a valid Jaunt header.` : ".");
  lines.push(summary);
  return lines.join("\n");
}
