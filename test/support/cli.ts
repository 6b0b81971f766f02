/** Spawn the Jaunt CLI from source (or a compiled binary) the way a user would. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Jaunt's per-user folder for every CLI this test process spawns (trusted
 * projects): a temp folder, so no test reads or writes the real one. A test
 * may pass its own JAUNT_HOME in `env`.
 */
export const TEST_JAUNT_HOME = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-home-"));
process.on("exit", () => fs.rmSync(TEST_JAUNT_HOME, { recursive: true, force: true }));

export const REPO_ROOT = path.resolve(import.meta.dir, "../..");
export const MAIN = path.join(REPO_ROOT, "src/main.ts");

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Run this executable instead of `bun src/main.ts` (e.g. the compiled binary). */
  readonly binary?: string;
  readonly stdin?: string;
}

export async function runJaunt(args: readonly string[], options: RunOptions): Promise<CliResult> {
  const command = options.binary ? [options.binary, ...args] : [process.execPath, MAIN, ...args];
  const child = Bun.spawn(command, {
    cwd: options.cwd,
    // DEBUG from the test's own environment would make every run verbose.
    env: { ...process.env, DEBUG: undefined, NO_COLOR: "1", COLUMNS: "100", JAUNT_HOME: TEST_JAUNT_HOME, ...options.env },
    stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { exitCode, stdout, stderr };
}
