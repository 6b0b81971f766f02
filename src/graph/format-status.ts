/** Human-readable `jaunt status` output (plain text; stable enough to test). */
import type { StatusReport } from "./status.ts";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The `--verbose` lines: who answers now, and who wrote each file (recorded, never hashed). */
function generatorLines(report: StatusReport): string[] {
  const g = report.generator;
  const overrides = Object.entries(g.prompts).filter(([, source]) => source !== "packaged");
  const prompts = overrides.length === 0 ? "packaged" : `overrides ${overrides.map(([name, source]) => `${name}=${source}`).join(", ")}`;
  return [
    `jaunt ${g.toolVersion} · model ${g.model} · prompt templates: ${prompts}`,
    "(the Jaunt version, the model and the packaged templates are recorded, not hashed: changing them restales nothing; `jaunt build --force` regenerates)",
    "",
  ];
}

function writtenByText(m: StatusReport["modules"][number], current: StatusReport["generator"]): string | undefined {
  if (!m.writtenBy) return undefined;
  const model = m.writtenBy.model ?? "unknown model";
  const differs = (m.writtenBy.model !== null && m.writtenBy.model !== current.model) || m.writtenBy.toolVersion !== current.toolVersion;
  return `written by jaunt ${m.writtenBy.toolVersion} with ${model}${differs ? " (differs from now; not stale)" : ""}`;
}

/** `checked: 3/3 examples, 5 tests` for a fresh build module, `unverified` when nothing that ran passed. */
function checksLine(m: StatusReport["modules"][number]): string | undefined {
  if (m.kind !== "build" || m.status !== "fresh") return undefined;
  const c = m.checks;
  if (!c) return undefined; // nothing recorded (an older Jaunt, `jaunt stamp`): `--check --verified` still counts it unverified
  const parts: string[] = [];
  if (c.examples.total > 0) parts.push(`${c.examples.passed}/${c.examples.total} example${c.examples.total === 1 ? "" : "s"}`);
  if (c.tests.total > 0) parts.push(`${c.tests.passed}/${c.tests.total} test${c.tests.total === 1 ? "" : "s"}`);
  if (c.examples.unchecked > 0) parts.push(`${c.examples.unchecked} example${c.examples.unchecked === 1 ? "" : "s"} unchecked`);
  const passed = c.examples.passed > 0 || c.tests.passed > 0;
  return passed ? `checked: ${parts.join(", ")}` : `unverified: no spec example or test ran against it${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`;
}

export function formatStatus(report: StatusReport, options: { readonly verbose?: boolean } = {}): string {
  const lines: string[] = options.verbose ? generatorLines(report) : [];
  if (report.modules.length === 0) {
    return `${lines.join("\n")}No spec modules found under the source and test roots.\n`;
  }
  const width = Math.max(...report.modules.map((m) => m.module.length));
  for (const m of report.modules) {
    lines.push(`${m.status.padEnd(8)} ${m.module.padEnd(width)}  ${m.kind.padEnd(5)}  ${m.generatedFile}`);
    for (const reason of m.reasons) lines.push(`         - ${reason.message}`);
    if (m.status === "stale" && m.stampable) lines.push("         - stampable: `jaunt stamp` accepts the new spec text without a model call, if the edit does not change behaviour");
    const checked = checksLine(m);
    if (checked) lines.push(`         - ${checked}`);
    const written = options.verbose ? writtenByText(m, report.generator) : undefined;
    if (written) lines.push(`         ${written}`);
  }
  lines.push("");
  if (report.order.length > 0) {
    lines.push(`Build order (${report.order.length}):`);
    report.order.forEach((id, i) => lines.push(`  ${i + 1}. ${id}`));
    lines.push("");
  }
  const { fresh, stale, conflicts, orphans, edited } = report.summary;
  const editedText = edited > 0 ? `, ${edited} edited by hand` : "";
  lines.push(`${plural(fresh, "fresh module")}, ${stale} stale, ${plural(conflicts, "conflict")}, ${plural(orphans, "orphan")}${editedText}`);
  const stampable = report.modules.filter((m) => m.status === "stale" && m.stampable).map((m) => m.module);
  if (stampable.length > 0) lines.push(`Stampable (no model call; only if the spec edit does not change behaviour): jaunt stamp ${stampable.join(" ")}`);
  if (stale > 0) lines.push("Run `jaunt build` (source modules) or `jaunt test` (test modules) to regenerate stale modules.");
  if (conflicts > 0) lines.push("Conflicts: move or delete the files without a Jaunt header; Jaunt never overwrites them.");
  return `${lines.join("\n")}\n`;
}
