/**
 * Bundles the runtime for Node, which cannot run our `.ts` source:
 * `dist/index.js` (ESM) and `dist/index.cjs` (CJS), matching the `exports`
 * map in package.json (Bun itself uses `src/` through the `bun` condition).
 *
 * Run: `bun runtime/build.ts` (or `bun run build` inside runtime/).
 */
import { join } from "node:path";

const ENTRY = join(import.meta.dir, "src", "index.ts");

/** Writes `index.js` and `index.cjs` into `outdir` (default `runtime/dist`); returns their paths. */
export async function buildRuntime(outdir: string = join(import.meta.dir, "dist")): Promise<string[]> {
  const formats = [
    { format: "esm", file: "index.js" },
    { format: "cjs", file: "index.cjs" },
  ] as const;
  const written: string[] = [];
  for (const { format, file } of formats) {
    const result = await Bun.build({
      entrypoints: [ENTRY],
      outdir,
      naming: file,
      target: "node",
      format,
      // Unminified: error class names are user-facing, and the file is small.
      minify: false,
      sourcemap: "none",
    });
    if (!result.success) throw new AggregateError(result.logs, `building ${file} failed`);
    written.push(join(outdir, file));
  }
  return written;
}

if (import.meta.main) {
  const files = await buildRuntime();
  for (const file of files) console.log(`wrote ${file}`);
}
