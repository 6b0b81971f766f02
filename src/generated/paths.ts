/**
 * Where generated files live (DESIGN §3): `src/a/b.ts` → `src/a/__generated__/b.ts`,
 * `tests/x.ts` → `tests/__generated__/x.test.ts`, and back, plus module names.
 */
import path from "node:path";
import { JauntDiscoveryError } from "@jaunt/runtime";

export type GeneratedKind = "build" | "test";

/** Extensions a spec module may have; the generated file keeps it. */
export const SPEC_EXTENSIONS: readonly string[] = [".ts", ".tsx", ".mts", ".cts"];

/**
 * The module name of `file` in a SpecRef: project-relative, `/`-separated,
 * without extension (`src/a/b.ts` → `src/a/b`). `file` may be relative to `root`.
 * @throws JauntDiscoveryError `discovery.outside_root` when `file` is not inside `root`.
 */
export function moduleNameOf(root: string, file: string): string {
  const absoluteRoot = path.resolve(root);
  const relative = path.relative(absoluteRoot, path.resolve(absoluteRoot, file));
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new JauntDiscoveryError(`${file} is outside the project root ${absoluteRoot}`, "discovery.outside_root", {
      location: { file },
    });
  }
  const extension = path.extname(relative);
  return relative.slice(0, relative.length - extension.length).split(path.sep).join("/");
}

/**
 * The generated file for a spec module: its sibling `generatedDir` folder, same
 * base name and extension; test modules get `.test` before the extension so
 * `bun test` collects them (`tests/x.tsx` → `tests/__generated__/x.test.tsx`).
 * Relative input gives relative output.
 */
export function generatedPathFor(specFile: string, kind: GeneratedKind, generatedDir: string): string {
  const extension = path.extname(specFile);
  const base = path.basename(specFile, extension);
  const name = kind === "test" ? `${base}.test${extension}` : `${base}${extension}`;
  return path.join(path.dirname(specFile), generatedDir, name);
}

/**
 * The spec module a generated file was made from (the inverse of
 * `generatedPathFor`), or undefined when the file is not directly inside a
 * `generatedDir` folder or its name cannot come from a spec module (a test
 * file without `.test`, a `.d.ts`, a non-TypeScript file). Used to find orphans.
 */
export function specPathForGenerated(generatedFile: string, kind: GeneratedKind, generatedDir: string): string | undefined {
  const folder = path.dirname(generatedFile);
  if (path.basename(folder) !== generatedDir) return undefined;
  const extension = path.extname(generatedFile);
  if (!SPEC_EXTENSIONS.includes(extension)) return undefined;
  let base = path.basename(generatedFile, extension);
  if (kind === "test") {
    if (!base.endsWith(".test")) return undefined;
    base = base.slice(0, -".test".length);
  }
  if (base === "" || base.endsWith(".d")) return undefined;
  return path.join(path.dirname(folder), `${base}${extension}`);
}

/** True when some folder above `file` (in the path as given) is named `generatedDir`. */
export function isInsideGeneratedDir(file: string, generatedDir: string): boolean {
  // Split on both separators so Windows-style paths work on every platform.
  const folders = file.split(/[\\/]/).slice(0, -1);
  return folders.includes(generatedDir);
}
