/**
 * `bun check` implements TypeScript 7, which removed options that TypeScript
 * 5 accepts and 6 deprecates: `baseUrl`, `moduleResolution: node10/classic`,
 * `module: amd/umd/system/none`, `target: es3/es5`, `outFile`,
 * `esModuleInterop`/`allowSyntheticDefaultImports`/`alwaysStrict: false`,
 * `downlevelIteration`. A tsconfig using them stops the checker before it
 * checks anything. For a project that declares TypeScript < 7 (whose own tsc
 * accepts them), the check runs with a hidden tsconfig that extends the
 * project's and replaces them with their nearest TypeScript 7 equivalent —
 * `baseUrl` and its `paths` become absolute `paths`, `node10` becomes
 * `bundler` — so the project's other settings still apply.
 */
import path from "node:path";
import type * as TS from "typescript";
import type { TypeScriptApi } from "./typescript-parser.ts";

/** compilerOptions overrides (null unsets an option) for `options`, or undefined when none are needed. */
export function legacyOverrides(ts: TypeScriptApi, options: TS.CompilerOptions): Record<string, unknown> | undefined {
  const overrides: Record<string, unknown> = {};
  const { ModuleKind, ModuleResolutionKind, ScriptTarget } = ts;
  if (options.baseUrl !== undefined) {
    overrides.baseUrl = null;
    const base = options.baseUrl;
    const paths: Record<string, string[]> = {};
    for (const [pattern, targets] of Object.entries(options.paths ?? {})) paths[pattern] = targets.map((t) => path.resolve(base, t));
    // With baseUrl, bare specifiers also resolve from it.
    paths["*"] ??= [path.join(base, "*")];
    overrides.paths = paths;
  }
  const moduleKind = options.module;
  const esModule = moduleKind !== undefined && moduleKind >= ModuleKind.ES2015;
  if (options.moduleResolution === ModuleResolutionKind.Node10 || options.moduleResolution === ModuleResolutionKind.Classic) {
    overrides.moduleResolution = "bundler";
    if (!esModule) overrides.module = "preserve";
  } else if (moduleKind === ModuleKind.None || moduleKind === ModuleKind.AMD || moduleKind === ModuleKind.UMD || moduleKind === ModuleKind.System) {
    overrides.module = "preserve";
  }
  if (options.target === ScriptTarget.ES3 || options.target === ScriptTarget.ES5) overrides.target = "es2015";
  for (const unset of ["outFile", "out", "downlevelIteration"]) if (options[unset] !== undefined) overrides[unset] = null;
  for (const unset of ["esModuleInterop", "allowSyntheticDefaultImports", "alwaysStrict"]) if (options[unset] === false) overrides[unset] = null;
  return Object.keys(overrides).length > 0 ? overrides : undefined;
}
