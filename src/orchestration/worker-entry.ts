/**
 * Where the Worker entry lives, from source and inside a compiled binary.
 *
 * From source the entry is the sibling `worker.ts`. In a binary built with
 * `bun build --compile src/main.ts src/orchestration/worker.ts`, the bundle
 * puts the main module at `/$bunfs/root/<outfile>` (import.meta.url points
 * there, not at this file) and the worker at `/$bunfs/root/orchestration/worker.js`
 * — the path relative to the entrypoints' common folder, with `.js`. We check
 * the candidates with existsSync, which works on the embedded filesystem.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { JauntError } from "@jaunt/runtime";

/** Embedded locations tried in order (common root `src/`, or the repo root). */
const EMBEDDED_CANDIDATES = ["orchestration/worker.js", "src/orchestration/worker.js", "orchestration/worker.ts"];

/** The path to pass to `new Worker(...)`. */
export function resolveWorkerEntry(): string {
  const sibling = fileURLToPath(new URL("./worker.ts", import.meta.url));
  if (existsSync(sibling)) return sibling;
  const embeddedRoot = path.dirname(Bun.main);
  for (const candidate of EMBEDDED_CANDIDATES) {
    const full = path.join(embeddedRoot, candidate);
    if (existsSync(full)) return full;
  }
  throw new JauntError(
    "the generation worker is missing from this executable",
    "orchestration.worker_missing",
    1,
    { hint: "compile with `bun build --compile src/main.ts src/orchestration/worker.ts`" },
  );
}
