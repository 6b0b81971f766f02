/** The live line of one repair: `repair 1/2: src/text ← 2 failing tests (judge: implementation — "…")`. */
import type { TokenUsage } from "../generation/types.ts";
import type { RepairRecord } from "../orchestration/repair/repair-rounds.ts";

/** Reasons longer than this are cut in the live line (`--json` has them whole). */
const REASON_SHOWN = 120;

export function formatRepair(record: RepairRecord, rounds: number): string {
  const reason = record.reason.length > REASON_SHOWN ? `${record.reason.slice(0, REASON_SHOWN)}…` : record.reason;
  if (record.decidedBy === "runner") return `repair ${record.round}/${rounds}: ${record.module} ← ${reason}`;
  const count = `${record.tests.length} failing test${record.tests.length === 1 ? "" : "s"}`;
  return `repair ${record.round}/${rounds}: ${record.module} ← ${count} (${record.decidedBy}: ${record.side} — "${reason}")`;
}

/** `repairs: 2 in 1 round (1 repaired, 1 failed) · 3,120 tokens · $0.0011`: what the repair rounds did and cost. */
export function formatRepairTotals(repairs: readonly RepairRecord[], tokens: TokenUsage, costUsd: number | undefined): string {
  const rounds = new Set(repairs.map((r) => r.round)).size;
  const count = (outcome: RepairRecord["outcome"]): number => repairs.filter((r) => r.outcome === outcome).length;
  const parts = [count("repaired") > 0 ? `${count("repaired")} repaired` : "", count("failed") > 0 ? `${count("failed")} failed` : "", count("not_started") > 0 ? `${count("not_started")} not started` : ""].filter(Boolean);
  const total = tokens.promptTokens + tokens.completionTokens;
  const cost = costUsd === undefined ? "cost unknown" : `$${costUsd.toFixed(4)}`;
  return `repairs: ${repairs.length} in ${rounds} round${rounds === 1 ? "" : "s"}${parts.length > 0 ? ` (${parts.join(", ")})` : ""} · ${total.toLocaleString("en-US")} tokens · ${cost}`;
}
