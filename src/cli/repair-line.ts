/** The live line of one repair: `repair 1/2: src/text ← 2 failing tests (judge: implementation — "…")`. */
import type { RepairRecord } from "../orchestration/repair/repair-rounds.ts";

/** Reasons longer than this are cut in the live line (`--json` has them whole). */
const REASON_SHOWN = 120;

export function formatRepair(record: RepairRecord, rounds: number): string {
  const reason = record.reason.length > REASON_SHOWN ? `${record.reason.slice(0, REASON_SHOWN)}…` : record.reason;
  if (record.decidedBy === "runner") return `repair ${record.round}/${rounds}: ${record.module} ← ${reason}`;
  const count = `${record.tests.length} failing test${record.tests.length === 1 ? "" : "s"}`;
  return `repair ${record.round}/${rounds}: ${record.module} ← ${count} (${record.decidedBy}: ${record.side} — "${reason}")`;
}
