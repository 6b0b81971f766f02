/**
 * The files a behaviour run needs on disk — the overlay preload and the
 * example entry — written into a fresh temporary folder per run (removed
 * after it), because a compiled jaunt carries them only as embedded text.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { overlayInstallLine, overlayPreloadSource } from "./overlay-preload.ts";

/** Loads the example program (through the overlay) and runs it; a load failure is reported as one `fatal` line. */
const EXAMPLE_ENTRY = `import { appendFileSync } from "node:fs";
import * as fs from "node:fs";
import * as mod from "node:module";
import * as path from "node:path";
${overlayInstallLine()}
const out = process.env.JAUNT_EXAMPLE_RESULTS ?? "";
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
process.exit(0);
`;

export interface RunFolder {
  readonly dir: string;
  /** The overlay preload, for `bun --preload` (the tests run). */
  readonly preload: string;
  /** The examples' Worker script: installs the overlay itself, then loads and runs the example program. */
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
