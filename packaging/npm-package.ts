/**
 * The npm package behind `bunx jaunt`: the CLI bundled for Bun (all
 * dependencies inlined, so installing it needs no registry and it has zero
 * runtime dependencies), with the generation worker as a second entry and
 * `bin/main.js` as its `bin`. Packed with `bun pm pack`.
 */
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { jauntEntrypoints, MINIFY, REPO_ROOT } from "./compile.ts";
import { packFolder } from "./pack.ts";

export const NPM_PACKAGE_NAME = "jaunt";

export interface NpmPackageOptions {
  readonly version: string;
  /** Folder the package is assembled in (emptied first). */
  readonly stagingDir: string;
  /** Folder the `.tgz` goes into. */
  readonly destination: string;
}

function manifest(version: string): string {
  const pkg = {
    name: NPM_PACKAGE_NAME,
    version,
    description: "Turn TypeScript spec stubs into working code and tests with an LLM.",
    type: "module",
    license: "MIT",
    bin: { jaunt: "bin/main.js" },
    files: ["bin", "README.md"],
    engines: { bun: ">=1.3.0" },
    keywords: ["llm", "codegen", "typescript", "bun", "spec"],
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Bundle the CLI into `<stagingDir>/bin`. Returns the entry file. */
async function bundleCli(version: string, binDir: string): Promise<string> {
  const result = await Bun.build({
    entrypoints: jauntEntrypoints(),
    root: path.join(REPO_ROOT, "src"),
    outdir: binDir,
    target: "bun",
    format: "esm",
    // Heavy modules (typescript, openai) stay in lazily loaded chunks.
    splitting: true,
    minify: MINIFY,
    sourcemap: "none",
    define: { JAUNT_VERSION: JSON.stringify(version) },
    naming: { entry: "[dir]/[name].js", chunk: "chunks/[name]-[hash].js" },
  });
  if (!result.success) throw new AggregateError(result.logs, `bundling the npm package failed:\n${result.logs.map(String).join("\n")}`);
  const entry = path.join(binDir, "main.js");
  const text = await Bun.file(entry).text();
  // The source's `#!/usr/bin/env bun` must stay the first line for the `bin` to run under Bun.
  if (!text.startsWith("#!")) await writeFile(entry, `#!/usr/bin/env bun\n${text}`);
  return entry;
}

/** Assemble and pack the package; returns the `.tgz` path. */
export async function buildNpmPackage(options: NpmPackageOptions): Promise<string> {
  await rm(options.stagingDir, { recursive: true, force: true });
  await mkdir(options.stagingDir, { recursive: true });
  await writeFile(path.join(options.stagingDir, "package.json"), manifest(options.version));
  if (existsSync(path.join(REPO_ROOT, "README.md"))) await cp(path.join(REPO_ROOT, "README.md"), path.join(options.stagingDir, "README.md"));
  await bundleCli(options.version, path.join(options.stagingDir, "bin"));
  return packFolder(options.stagingDir, options.destination);
}
