/**
 * Builds what Node and type checkers use from `src/` (Bun itself runs `src/`
 * through the `bun` export condition), matching the `exports` map:
 * - `dist/<entry>.js`: ESM, one shared chunk so every entry sees the same
 *   error classes and registry; `dist/index.cjs` for `require`.
 * - `dist/types/*.d.ts` and `*.d.cts`: declarations emitted from the source
 *   by the TypeScript compiler, relative imports rewritten to `.js` / `.cjs`.
 *
 * Run: `bun runtime/build.ts` (or `bun run build` inside runtime/).
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const SRC = join(import.meta.dir, "src");
/** Public entry points (package.json `exports`), without extension. */
export const RUNTIME_ENTRIES = ["index", "link", "bun-plugin", "vite-plugin"] as const;

async function bundle(outdir: string): Promise<string[]> {
  const esm = await Bun.build({
    entrypoints: RUNTIME_ENTRIES.map((entry) => join(SRC, `${entry}.ts`)),
    outdir,
    target: "node",
    format: "esm",
    splitting: true,
    naming: { entry: "[name].js", chunk: "shared-[hash].js" },
    // Unminified: error class names are user-facing, and the files are small.
    minify: false,
    sourcemap: "none",
    packages: "external",
  });
  if (!esm.success) throw new AggregateError(esm.logs, "building the ESM entries failed");
  const cjs = await Bun.build({ entrypoints: [join(SRC, "index.ts")], outdir, naming: "index.cjs", target: "node", format: "cjs", minify: false, sourcemap: "none" });
  if (!cjs.success) throw new AggregateError(cjs.logs, "building index.cjs failed");
  return [...esm.outputs, ...cjs.outputs].map((output) => output.path);
}

/** `./errors.ts` → `./errors.js` (or `.cjs`) in import and export specifiers. */
function rewriteSpecifiers(text: string, ext: ".js" | ".cjs"): string {
  return text.replace(/(["'])(\.{1,2}\/[^"']+?)\.ts\1/g, (_all, quote: string, path: string) => `${quote}${path}${ext}${quote}`);
}

/** Every module under src/ that the entries can reach (all but the Bun-only preload). */
function sourceModules(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceModules(full);
    return entry.name.endsWith(".ts") && entry.name !== "preload.ts" ? [full] : [];
  });
}

/**
 * Declarations per file with `transpileDeclaration` (isolated declarations:
 * no type check, ~1 s instead of ~10 s; the source is type-checked by
 * `bun check` and the packed types by test/runtime/types.test.ts).
 */
async function declarations(outdir: string): Promise<string[]> {
  const written: string[] = [];
  for (const file of sourceModules()) {
    const result = ts.transpileDeclaration(readFileSync(file, "utf8"), {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: { declaration: true, allowImportingTsExtensions: true, strict: true, target: ts.ScriptTarget.ESNext },
    });
    const problems = result.diagnostics ?? [];
    if (problems.length > 0) {
      const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => SRC, getNewLine: () => "\n" };
      throw new Error(`runtime declarations:\n${ts.formatDiagnostics(problems, host)}`);
    }
    const target = join(outdir, "types", relative(SRC, file)).replace(/\.ts$/, "");
    await mkdir(dirname(target), { recursive: true });
    await writeFile(`${target}.d.ts`, rewriteSpecifiers(result.outputText, ".js"));
    await writeFile(`${target}.d.cts`, rewriteSpecifiers(result.outputText, ".cjs"));
    written.push(`${target}.d.ts`, `${target}.d.cts`);
  }
  return written;
}

/** Writes the Node bundles and declarations into `outdir` (default `runtime/dist`); returns their paths. */
export async function buildRuntime(outdir: string = join(import.meta.dir, "dist")): Promise<string[]> {
  await rm(outdir, { recursive: true, force: true });
  return [...(await bundle(outdir)), ...(await declarations(outdir))];
}

if (import.meta.main) {
  const started = performance.now();
  const files = await buildRuntime();
  for (const file of files) console.log(`wrote ${relative(process.cwd(), file)}`);
  console.log(`${files.length} files in ${Math.round(performance.now() - started)} ms`);
}
