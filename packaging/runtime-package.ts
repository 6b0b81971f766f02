/**
 * The `@jaunt/runtime` tarball: copy the package into a staging folder, stamp
 * the release version (the runtime is released with the CLI, and `jaunt init`
 * writes `@jaunt/runtime@^<its version>`), build its Node dist there with
 * runtime/build.ts's `buildRuntime(outdir)`, and `bun pm pack` it. Nothing is
 * written into the repo.
 */
import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildRuntime } from "../runtime/build.ts";
import { REPO_ROOT } from "./compile.ts";
import { packFolder } from "./pack.ts";

const RUNTIME_DIR = path.join(REPO_ROOT, "runtime");
/** Build outputs and tooling that are not part of the package source. */
const SKIP = new Set(["dist", "node_modules", "build.ts"]);

/** Returns the `.tgz` path written into `destination`. */
export async function buildRuntimePackage(stagingDir: string, destination: string, version?: string): Promise<string> {
  await rm(stagingDir, { recursive: true, force: true });
  await mkdir(stagingDir, { recursive: true });
  for (const entry of await readdir(RUNTIME_DIR)) {
    if (SKIP.has(entry)) continue;
    await cp(path.join(RUNTIME_DIR, entry), path.join(stagingDir, entry), { recursive: true });
  }
  if (version !== undefined) {
    const manifest = path.join(stagingDir, "package.json");
    const text = await readFile(manifest, "utf8");
    // Only the "version" field changes; the rest of the file stays byte for byte.
    await writeFile(manifest, text.replace(/("version"\s*:\s*)"[^"]*"/, `$1${JSON.stringify(version)}`));
  }
  await copyFile(path.join(REPO_ROOT, "LICENSE"), path.join(stagingDir, "LICENSE"));
  await buildRuntime(path.join(stagingDir, "dist"));
  return packFolder(stagingDir, destination);
}
