/**
 * What `jaunt build` and `jaunt test` share around a run: live progress on
 * stderr (a redrawn status line on a terminal, plain lines otherwise) and the
 * two-stage Ctrl-C handling. Loaded only by those commands.
 */
import type { GenerationEvent } from "../generation/types.ts";
import type { ModuleReport } from "../orchestration/build-report.ts";
import type { ProgressSnapshot } from "../orchestration/run-generation.ts";
import { logger, stderrIsInteractive } from "./output.ts";

/** The callbacks and signal a build or test run takes. */
export interface SessionHooks {
  readonly signal: AbortSignal;
  readonly onProgress: (snapshot: ProgressSnapshot) => void;
  readonly onModule: (module: ModuleReport) => void;
  readonly onWarning: (message: string) => void;
  readonly onEvent: (event: GenerationEvent) => void;
  /** Print a line on stderr without tearing the live status line. */
  readonly note: (text: string) => void;
  /** Warnings already printed on stderr as they happened (a summary on the same screen need not repeat them). */
  readonly shownWarnings: ReadonlySet<string>;
}

/**
 * Run `work` with progress and Ctrl-C handling; the live line is cleared
 * before `work`'s result is returned, so the caller can print its summary.
 * `json` keeps the terminal quiet except for plain lines; `verbose` adds a
 * line for each provider retry (with the provider's words) and request change.
 */
export async function withGenerationSession<T>(json: boolean, work: (hooks: SessionHooks) => Promise<T>, verbose = false): Promise<T> {
  const [view, { handleInterrupts }] = await Promise.all([
    import("../orchestration/progress-view.ts"),
    import("../orchestration/interrupt.ts"),
  ]);
  const renderer = view.createProgressRenderer(process.stderr, {
    interactive: stderrIsInteractive() && !json,
    // A pseudo-terminal may report 0 columns; fall back to COLUMNS, then 80.
    columns: process.stderr.columns || Number(process.env.COLUMNS) || 80,
  });
  const interrupts = handleInterrupts({
    onFirst: () => renderer.line("interrupted: starting nothing new, abandoning generations in flight (Ctrl-C again to abort now)"),
  });
  const shownWarnings = new Set<string>();
  try {
    return await work({
      signal: interrupts.signal,
      onProgress: (snapshot) => renderer.progress(snapshot),
      onModule: (module) => renderer.module(module),
      onWarning: (message) => {
        shownWarnings.add(message);
        logger().warn(message);
      },
      onEvent: (event) => {
        const text = verbose ? view.verboseEventText(event) : undefined;
        if (text !== undefined) renderer.line(text);
      },
      note: (text) => renderer.line(text),
      shownWarnings,
    });
  } finally {
    renderer.done();
    interrupts.dispose();
  }
}
