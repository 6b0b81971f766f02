/** Bounding and formatting of candidate diagnostics (exact, but never unbounded). */
import type { Diagnostic } from "../types.ts";

export const MAX_DIAGNOSTICS = 20;
export const MAX_MESSAGE_CHARS = 600;

/** Keep at most MAX_DIAGNOSTICS, each message cut to MAX_MESSAGE_CHARS; notes how many were dropped. */
export function capDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const kept = diagnostics.slice(0, MAX_DIAGNOSTICS).map((d) =>
    d.message.length > MAX_MESSAGE_CHARS ? { ...d, message: `${d.message.slice(0, MAX_MESSAGE_CHARS)} …` } : d,
  );
  if (diagnostics.length > MAX_DIAGNOSTICS) {
    kept.push({ code: "jaunt/truncated", message: `${diagnostics.length - MAX_DIAGNOSTICS} more error(s) not shown` });
  }
  return kept;
}

/** `line:col error CODE: message`, one per line (continuation lines indented). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? "" : `${d.line}:${d.column ?? 1} `;
  return `- ${where}error ${d.code}: ${d.message.replace(/\n/g, "\n    ")}`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join("\n");
}
