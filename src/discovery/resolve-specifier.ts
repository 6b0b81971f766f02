/**
 * Resolves relative import specifiers to project files the way Bun and
 * TypeScript's "bundler" resolution do for our purposes: `./x`, `./x.ts`,
 * `./x.js` (→ `x.ts`), `./dir` (→ `dir/index.ts`). Bare specifiers
 * (tsconfig aliases, `#imports`, workspace packages) are mapped to paths by
 * project-resolver.ts, which ends here too (`resolveProjectPath`).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { DiskProbe } from "./disk-probe.ts";

const EXTENSIONS = [".ts", ".tsx", ".mts"];

function candidates(base: string): string[] {
  if (/\.(?:ts|tsx|mts)$/.test(base) && !base.endsWith(".d.ts")) return [base];
  if (/\.m?js$/.test(base)) {
    const stem = base.replace(/\.m?js$/, "");
    return base.endsWith(".mjs") ? [`${stem}.mts`] : [`${stem}.ts`, `${stem}.tsx`];
  }
  return [...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
}

/**
 * The project-relative file `specifier` (imported from `fromFile`) points to,
 * or undefined. Files in `known` are matched without touching the disk; others
 * under `root` are checked on disk.
 */
export function resolveSpecifier(root: string, fromFile: string, specifier: string, known: ReadonlySet<string>, probe?: DiskProbe): string | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../") && specifier !== "." && specifier !== "..") return undefined;
  return resolveProjectPath(root, path.posix.join(path.posix.dirname(fromFile), specifier), known, probe);
}

/**
 * The project file a project-relative path (with or without extension, or a
 * folder) stands for, or undefined. Disk checks go through `probe` when given
 * (so they are recorded), else straight to the disk.
 */
export function resolveProjectPath(root: string, target: string, known: ReadonlySet<string>, probe?: DiskProbe): string | undefined {
  const base = path.posix.normalize(target).replace(/\/$/, "");
  if (base.startsWith("../") || base === ".." || path.posix.isAbsolute(base)) return undefined; // outside the project
  // Common case first, without building the candidate list: `./x` naming a known `x.ts`.
  if (known.has(`${base}.ts`) && !/\.(?:ts|tsx|mts|m?js)$/.test(base)) return `${base}.ts`;
  const options = candidates(base);
  for (const candidate of options) if (known.has(candidate)) return candidate;
  for (const candidate of options) if (probe ? probe.exists(candidate) : existsSync(path.join(root, candidate))) return candidate;
  return undefined;
}
