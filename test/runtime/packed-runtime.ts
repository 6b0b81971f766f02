/**
 * The `@jaunt/runtime` tarball as users install it (packaging/runtime-package.ts:
 * `bun pm pack` with the Node build and declarations), packed once per test
 * process and unpacked into each temp project's node_modules.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRuntimePackage } from "../../packaging/runtime-package.ts";

let packed: Promise<string> | undefined;
let workDir: string | undefined;

/** Path of the packed tarball (built on first use; `removePackedRuntime()` deletes it). */
export function packedRuntime(): Promise<string> {
  if (packed === undefined) {
    workDir = mkdtempSync(join(tmpdir(), "jaunt-runtime-pack-"));
    packed = buildRuntimePackage(join(workDir, "staging"), join(workDir, "release"));
  }
  return packed;
}

/** Unpacks the tarball as `<project>/node_modules/@jaunt/runtime`, like a package manager. */
export async function installPackedRuntime(projectDir: string): Promise<string> {
  const target = join(projectDir, "node_modules", "@jaunt", "runtime");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const untar = Bun.spawnSync(["tar", "-xzf", await packedRuntime(), "-C", target, "--strip-components=1"]);
  if (untar.exitCode !== 0) throw new Error(`unpacking the runtime tarball failed: ${untar.stderr.toString()}`);
  return target;
}

export function removePackedRuntime(): void {
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  packed = undefined;
  workDir = undefined;
}
