/**
 * Builds what Node and type checkers use from `src/` (Bun itself runs `src/`
 * through the `bun` export condition), matching the `exports` map:
 * - `dist/runtime.js` with every ESM entry, `dist/<entry>.js` re-exporting
 *   its part; `dist/index.cjs` for `require`.
 * - `dist/types/*.d.ts` and `*.d.cts`: declarations emitted from the source
 *   by the TypeScript compiler, relative imports rewritten to `.js` / `.cjs`.
 *
 * Run: `bun runtime/build.ts` (or `bun run build` inside runtime/).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const SRC = join(import.meta.dir, "src");
/** Public entry points (package.json `exports`), without extension. */
export const RUNTIME_ENTRIES = ["index", "link", "bun-plugin", "vite-plugin"] as const;

/** Internal name in `dist/runtime.js` of each entry's default export. */
const DEFAULT_EXPORTS: Partial<Record<(typeof RUNTIME_ENTRIES)[number], string>> = { "bun-plugin": "bunPlugin", "vite-plugin": "vitePlugin" };

/**
 * ESM: one bundle, `dist/runtime.js`, holding every entry (so all of them
 * share one set of error classes and one registry), and a thin file per
 * entry re-exporting its part. Not Bun's `splitting`: it renames shared
 * declarations (`JauntError2`), and error class names are user-facing.
 */
async function bundleEsm(outdir: string): Promise<string[]> {
  const staging = mkdtempSync(join(tmpdir(), "jaunt-runtime-entry-"));
  try {
    const lines: string[] = [];
    const faces = new Map<string, string>();
    for (const entry of RUNTIME_ENTRIES) {
      const file = join(SRC, `${entry}.ts`);
      const module: Record<string, unknown> = await import(file);
      const names = Object.keys(module).filter((name) => name !== "default");
      const internal = DEFAULT_EXPORTS[entry];
      if (internal !== undefined) lines.push(`export { default as ${internal} } from ${JSON.stringify(file)};`);
      if (names.length > 0) lines.push(`export { ${names.join(", ")} } from ${JSON.stringify(file)};`);
      const reexports = [...names, ...(internal === undefined ? [] : [`${internal} as default`])];
      faces.set(`${entry}.js`, `export { ${reexports.join(", ")} } from "./runtime.js";\n`);
    }
    const entryFile = join(staging, "runtime.ts");
    writeFileSync(entryFile, `${[...new Set(lines)].join("\n")}\n`);
    const esm = await Bun.build({ entrypoints: [entryFile], outdir, naming: "runtime.js", target: "node", format: "esm", minify: false, sourcemap: "none" });
    if (!esm.success) throw new AggregateError(esm.logs, "building dist/runtime.js failed");
    const written = esm.outputs.map((output) => output.path);
    for (const [file, text] of faces) {
      await writeFile(join(outdir, file), text);
      written.push(join(outdir, file));
    }
    return written;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function bundle(outdir: string): Promise<string[]> {
  // Unminified: error class names are user-facing, and the files are small.
  const cjs = await Bun.build({ entrypoints: [join(SRC, "index.ts")], outdir, naming: "index.cjs", target: "node", format: "cjs", minify: false, sourcemap: "none" });
  if (!cjs.success) throw new AggregateError(cjs.logs, "building index.cjs failed");
  return [...(await bundleEsm(outdir)), ...cjs.outputs.map((output) => output.path)];
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
