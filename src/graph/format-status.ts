/** Human-readable `jaunt status` output (plain text; stable enough to test). */
import type { StatusReport } from "./status.ts";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function formatStatus(report: StatusReport): string {
  const lines: string[] = [];
  if (report.modules.length === 0) {
    return "No spec modules found under the source and test roots.\n";
  }
  const width = Math.max(...report.modules.map((m) => m.module.length));
  for (const m of report.modules) {
    lines.push(`${m.status.padEnd(8)} ${m.module.padEnd(width)}  ${m.kind.padEnd(5)}  ${m.generatedFile}`);
    for (const reason of m.reasons) lines.push(`         - ${reason}`);
  }
  lines.push("");
  if (report.order.length > 0) {
    lines.push(`Build order (${report.order.length}):`);
    report.order.forEach((id, i) => lines.push(`  ${i + 1}. ${id}`));
    lines.push("");
  }
  const { fresh, stale, conflicts, orphans } = report.summary;
  lines.push(`${plural(fresh, "fresh module")}, ${stale} stale, ${plural(conflicts, "conflict")}, ${plural(orphans, "orphan")}`);
  if (stale > 0) lines.push("Run `jaunt build` (source modules) or `jaunt test` (test modules) to regenerate stale modules.");
  if (conflicts > 0) lines.push("Conflicts: move or delete the files without a Jaunt header; Jaunt never overwrites them.");
  return `${lines.join("\n")}\n`;
}
