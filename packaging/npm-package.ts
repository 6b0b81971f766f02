/**
 * The CLI's npm package, `@jaunt/cli` with the bin `jaunt` (the unscoped name
 * `jaunt` on the registry is another project): the CLI bundled for Bun (all
 * dependencies inlined, so installing it needs no registry and it has zero
 * runtime dependencies), with the generation worker as a second entry and
 * `bin/main.js` as its `bin`; `schema/` for editors, the release README,
 * LICENSE and docs. Packed with `bun pm pack`.
 */
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { builtDefines, jauntEntrypoints, MINIFY, REPO_ROOT } from "./compile.ts";
import { packFolder } from "./pack.ts";
import { stageReleaseDocs } from "./release-docs.ts";

export const NPM_PACKAGE_NAME = "@jaunt/cli";

export interface NpmPackageOptions {
  readonly version: string;
  /** Folder the package is assembled in (emptied first). */
  readonly stagingDir: string;
  /** Folder the `.tgz` goes into. */
  readonly destination: string;
  /** package.json `repository` of the project, copied so the registry page links to it. */
  readonly repository?: unknown;
}

function manifest(version: string, repository: unknown): string {
  const pkg = {
    name: NPM_PACKAGE_NAME,
    version,
    description: "Turn TypeScript spec stubs into working code and tests with an LLM.",
    type: "module",
    license: "MIT",
    bin: { jaunt: "bin/main.js" },
    files: ["bin", "schema", "docs", "README.md", "LICENSE"],
    engines: { bun: ">=1.3.0" },
    keywords: ["llm", "codegen", "typescript", "bun", "spec"],
    ...(repository === undefined ? {} : { repository }),
    publishConfig: { access: "public" },
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
    define: builtDefines(version),
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
  await writeFile(path.join(options.stagingDir, "package.json"), manifest(options.version, options.repository));
  await stageReleaseDocs(options.stagingDir);
  await cp(path.join(REPO_ROOT, "schema"), path.join(options.stagingDir, "schema"), { recursive: true });
  await bundleCli(options.version, path.join(options.stagingDir, "bin"));
  return packFolder(options.stagingDir, options.destination);
}
