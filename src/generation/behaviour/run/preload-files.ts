/**
 * The scripts a behaviour run needs: the overlay preload and the example
 * entry of a subprocess run, written into a fresh temporary folder per run
 * (removed after it), because a compiled jaunt carries them only as embedded
 * text; and the examples' Worker entry, a `blob:` URL.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { overlayInstallLine, overlayPreloadSource } from "./overlay-preload.ts";

const ENTRY_IMPORTS = `import { appendFileSync } from "node:fs";
import * as fs from "node:fs";
import * as mod from "node:module";
import * as path from "node:path";
`;

/** Loads the example program (through the overlay) and runs it; a load failure is reported as one `fatal` line. */
const RUN_PROGRAM = `const out = process.env.JAUNT_EXAMPLE_RESULTS ?? "";
const program = process.env.JAUNT_EXAMPLE_PROGRAM ?? "";
const candidate = process.env.JAUNT_CANDIDATE_FILE ?? "";
try {
  await require(program).__jauntRun();
} catch (e) {
  const o = e !== null && typeof e === "object";
  const stack = o && typeof e.stack === "string" ? e.stack : "";
  const line = stack.split("\\n").find((l) => l.includes(candidate));
  const at = line ? /(\\/[^()]*?:\\d+)(?::\\d+)?\\)?\\s*$/.exec(line) : null;
  appendFileSync(out, JSON.stringify({ fatal: { name: o && typeof e.name === "string" ? e.name : typeof e, message: String(o && typeof e.message === "string" ? e.message : e).slice(0, 400), frame: at ? at[1] : undefined, own: Boolean(line) } }) + "\\n");
}
`;

/** The subprocess entry: the overlay from `JAUNT_OVERLAY`, the run's variables in its environment. */
const EXAMPLE_ENTRY = `${ENTRY_IMPORTS}${overlayInstallLine()}${RUN_PROGRAM}process.exit(0);
`;

/**
 * The Worker entry. The Worker is started before its run (run-worker.ts keeps one spare), so it
 * waits for a start message `{ env, overlay }` — the run's variables and the overlay, from memory —
 * before it loads anything of the project; it then says `done` and is terminated. Each Worker
 * serves exactly one run: every candidate gets a fresh global and module registry.
 */
const WORKER_ENTRY = `${ENTRY_IMPORTS}const job = await new Promise((resolve) => {
  self.onmessage = (event) => { self.onmessage = null; resolve(event.data); };
});
Object.assign(process.env, job.env);
${overlayInstallLine("job.overlay")}${RUN_PROGRAM.replace("require(program)", "mod.createRequire(program)(program)")}postMessage("done");
`;

let workerEntry: string | undefined;

/** The Worker entry as a `blob:` URL made once per process: no file to write, nothing left behind. */
export function workerEntryUrl(): string {
  workerEntry ??= URL.createObjectURL(new Blob([WORKER_ENTRY], { type: "text/javascript" }));
  return workerEntry;
}

export interface RunFolder {
  readonly dir: string;
  /** The overlay preload, for `bun --preload` (the tests run). */
  readonly preload: string;
  /** The examples' subprocess entry: installs the overlay itself, then loads and runs the example program. */
  readonly exampleEntry: string;
  /** A path in the folder for a run's own file. */
  file(name: string): string;
  remove(): Promise<void>;
}

/** A temporary folder holding the preload and the entry. */
export async function createRunFolder(): Promise<RunFolder> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "jaunt-behaviour-"));
  const preload = path.join(dir, "overlay-preload.ts");
  const exampleEntry = path.join(dir, "examples-entry.ts");
  await Promise.all([writeFile(preload, overlayPreloadSource()), writeFile(exampleEntry, EXAMPLE_ENTRY)]);
  return { dir, preload, exampleEntry, file: (name) => path.join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}
