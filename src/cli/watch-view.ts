/**
 * How `jaunt watch` shows its events: `--json` prints one event per line on
 * stdout; on a terminal a small view on stderr is redrawn in place (the queue,
 * each module's last result, the last change); otherwise plain lines on stderr.
 */
import { formatRepair } from "./repair-line.ts";
import { moduleLine, type TextSink } from "../orchestration/progress-view.ts";
import type { WatchEvent } from "../orchestration/watch/watch-events.ts";
import { writeProgress, writeResult } from "./output.ts";
import { formatLocation } from "./report-error.ts";

export interface WatchView {
  show(event: WatchEvent): void;
  /** A plain message (e.g. what Ctrl-C does). */
  note(text: string): void;
}

/** Counts the generations a watch cycle has in flight, from its events (what Ctrl-C would abandon). */
export function inFlightCounter(): { see(event: WatchEvent): void; readonly count: number } {
  const running = new Set<string>();
  return {
    see(event) {
      if (event.type === "start") running.add(event.module);
      else if (event.type === "module") running.delete(event.report.module);
      else if (event.type === "restart" || event.type === "cycle" || event.type === "idle" || event.type === "error") running.clear();
    },
    get count() {
      return running.size;
    },
  };
}

/** What the first Ctrl-C says: only name abandoned generations when there are some. */
export function stopNote(inFlight: number): string {
  return inFlight > 0
    ? `stopping: abandoning ${inFlight} generation(s) in flight (Ctrl-C again to abort now)`
    : "stopping (Ctrl-C again to abort now)";
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** One plain line per event (empty for events plain output leaves out). */
export function plainLine(event: WatchEvent): string | undefined {
  switch (event.type) {
    case "ready":
      return `watching ${event.folders.length} folder(s) under ${event.root} (Ctrl-C to stop)`;
    case "change":
      return `changed: ${event.files.join(", ")}`;
    case "queue":
      return `generating ${event.modules.length}: ${event.modules.join(", ")}`;
    case "start":
      return undefined;
    case "module":
      return moduleLine(event.report);
    case "restart":
      return `restarting: ${event.modules.join(", ")} changed while generating`;
    case "cycle": {
      const s = event.summary;
      const what = s.kind === "build" ? "build" : "test generation";
      return `${what} ${s.ok ? "ok" : "failed"}: ${s.built} built, ${s.failed} failed, ${s.skipped} skipped · ${s.tokens.promptTokens + s.tokens.completionTokens} tokens · ${(s.durationMs / 1000).toFixed(1)}s`;
    }
    case "repair":
      return formatRepair(event.record, event.rounds);
    case "tests":
      return event.message;
    case "idle":
      return `up to date (${event.fresh} fresh); waiting for changes`;
    case "warning":
      return `warning: ${event.message}`;
    case "error":
      return `error: ${event.error.location ? `${formatLocation(event.error.location)}: ` : ""}${event.error.message}${event.error.hint ? `\n  hint: ${event.error.hint}` : ""}`;
    case "stopped":
      return "stopped";
  }
}

function cut(text: string, columns: number): string {
  return text.length > columns - 1 ? `${text.slice(0, Math.max(0, columns - 2))}…` : text;
}

/** Module results the view shows at most (the most recent ones). */
const MAX_RESULTS = 12;

/** The redrawn terminal view, written to `sink` (stderr). */
export function terminalView(sink: TextSink, columns: number): WatchView {
  const results = new Map<string, string>();
  let root = "";
  let queue: string[] = [];
  const running = new Set<string>();
  let last = "starting";
  let drawn = 0;
  const draw = (): void => {
    const lines = [`jaunt watch · ${root} · Ctrl-C to stop`];
    lines.push(queue.length === 0 ? "idle: waiting for changes" : `queue (${queue.length}): ${queue.join(", ")}`);
    const shown = [...results].slice(-MAX_RESULTS);
    if (results.size > shown.length) lines.push(`  … ${results.size - shown.length} earlier result(s)`);
    for (const [id, result] of shown) lines.push(`  ${running.has(id) ? `generating ${id}…` : result}`);
    lines.push(last);
    const text = lines.map((line) => cut(line, columns)).join("\n");
    sink.write(`${drawn > 0 ? `\u001b[${drawn}F\u001b[J` : ""}${text}\n`);
    drawn = lines.length;
  };
  return {
    show(event) {
      switch (event.type) {
        case "ready":
          root = event.root;
          break;
        case "queue":
          queue = [...event.modules];
          break;
        case "start":
          running.add(event.module);
          results.delete(event.module); // most recent last
          results.set(event.module, event.module);
          break;
        case "module":
          running.delete(event.report.module);
          queue = queue.filter((id) => id !== event.report.module);
          results.delete(event.report.module);
          // One line per module in the live view: its reasons follow on the same line.
          results.set(event.report.module, moduleLine(event.report).replaceAll("\n  - ", " · "));
          break;
        case "cycle":
          queue = queue.filter((id) => !results.has(id) || running.has(id));
          last = `${clock()} ${plainLine(event) ?? ""}`;
          if (event.summary.kind === "test") {
            draw();
            drawn = 0; // bun test prints below; the next draw starts after it
            return;
          }
          break;
        case "idle":
          queue = [];
          last = `${clock()} ${plainLine(event) ?? ""}`;
          break;
        case "stopped":
          last = `${clock()} stopped`;
          break;
        default:
          last = `${clock()} ${plainLine(event) ?? ""}`;
      }
      if (event.type === "restart") running.clear();
      draw();
    },
    note(text) {
      last = `${clock()} ${text}`;
      draw();
    },
  };
}

/** The view for the session: `json` wins, then a terminal view, then plain lines. */
export function createWatchView(mode: { json: boolean; interactive: boolean; columns: number }): WatchView {
  if (mode.json) {
    return { show: (event) => writeResult(JSON.stringify(event)), note: () => undefined };
  }
  if (mode.interactive) return terminalView(process.stderr, mode.columns);
  return {
    show: (event) => {
      const line = plainLine(event);
      if (line !== undefined) writeProgress(line);
    },
    note: (text) => writeProgress(text),
  };
}
