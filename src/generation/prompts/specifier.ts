/**
 * How generated code spells a relative import of a project file: the one place
 * that decides between `"../duration"`, `"../duration.js"` and
 * `"../duration.ts"`. The style comes from the project's tsconfig (see
 * `project-specifier-style.ts`) and travels in `GenerationInput` as plain data.
 */
import path from "node:path";

/** Which extension relative imports of TypeScript files carry. */
export type SpecifierExtension = "none" | "js" | "ts";

/** The project's specifier style for one generated file. Plain, JSON-serialisable data. */
export interface SpecifierStyle {
  /** What prompts list and what a retry is told to write. */
  readonly extension: SpecifierExtension;
  /** True when any other spelling fails under the project's module resolution (Node16/NodeNext ESM). */
  readonly required: boolean;
  /** `allowImportingTsExtensions` (or `rewriteRelativeImportExtensions`) is on: `.ts` endings type-check. */
  readonly allowTsExtension: boolean;
  /** Why, in the project's own words, e.g. `tsconfig.json: moduleResolution "nodenext", package.json "type": "module"`. */
  readonly reason: string;
}

/** Bundler-style resolution (Bun, Vite, `moduleResolution: "bundler"`): extensionless, nothing required. */
export const DEFAULT_SPECIFIER_STYLE: SpecifierStyle = { extension: "none", required: false, allowTsExtension: false, reason: "default (no tsconfig.json)" };

const TS_SOURCE = /\.(?:ts|tsx|mts|cts)$/;
const JS_FOR_TS: Readonly<Record<string, string>> = { ".ts": ".js", ".tsx": ".js", ".mts": ".mjs", ".cts": ".cjs" };

/** The extension kind a relative specifier is written with; `other` for `.json`, `.css`, `.d.ts`-less data files… */
export function specifierExtensionOf(specifier: string): SpecifierExtension | "other" {
  const last = specifier.slice(specifier.lastIndexOf("/") + 1);
  if (/\.(?:ts|tsx|mts|cts)$/.test(last)) return "ts";
  if (/\.(?:js|jsx|mjs|cjs)$/.test(last)) return "js";
  if (last === "" || last === "." || last === "..") return "none";
  return /\.[A-Za-z][\w-]*$/.test(last) ? "other" : "none";
}

/**
 * `target` (a project file, `/`-separated) spelled relative to `fromFile` in
 * `style`. TypeScript sources get the style's extension (`x.ts` → `x.js`,
 * `x.mts` → `x.mjs`, or unchanged for `.ts` style, or none); other targets
 * (data files, unresolved paths) keep their spelling, only rebased.
 */
export function spellSpecifier(fromFile: string, target: string, style: SpecifierStyle = DEFAULT_SPECIFIER_STYLE): string {
  let spelled = target;
  const ext = path.posix.extname(target);
  if (TS_SOURCE.test(target) && !target.endsWith(".d.ts")) {
    const stem = target.slice(0, target.length - ext.length);
    spelled = style.extension === "none" ? stem : style.extension === "js" ? `${stem}${JS_FOR_TS[ext] ?? ".js"}` : target;
  }
  const relative = path.posix.relative(path.posix.dirname(fromFile), spelled);
  return relative.startsWith("../") ? relative : `./${relative}`;
}

/** `specifier` rewritten to `extension` (for fix suggestions when the target file is not known). */
export function respell(specifier: string, extension: SpecifierExtension): string {
  const kind = specifierExtensionOf(specifier);
  if (kind === "other") return specifier;
  const stem = kind === "none" ? specifier : specifier.replace(/\.[^./]+$/, "");
  const jsExt = /\.mts$|\.mjs$/.test(specifier) ? ".mjs" : /\.cts$|\.cjs$/.test(specifier) ? ".cjs" : ".js";
  const tsExt = /\.mts$|\.mjs$/.test(specifier) ? ".mts" : /\.cts$|\.cjs$/.test(specifier) ? ".cts" : ".ts";
  return extension === "none" ? stem : extension === "js" ? `${stem}${jsExt}` : `${stem}${tsExt}`;
}

/** Every import specifier of a module's source, in order (Bun's scanner: no TypeScript load); none when it does not parse. */
export function importSpecifiers(source: string): string[] {
  try {
    return new Bun.Transpiler({ loader: "ts" }).scan(source).imports.map((i) => i.path);
  } catch {
    return [];
  }
}
