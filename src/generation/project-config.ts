/**
 * The project's own config files as generation reads them: the nearest
 * tsconfig.json, its compiler options through TypeScript's parser (`extends`
 * included). One reader for the prompt's specifier style and the type check's
 * project semantics.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type * as TS from "typescript";
import type { TypeScriptApi } from "./validate/typescript-parser.ts";

/** The nearest `name` from `dir` up to `root` (inclusive), like `bun check` finds its tsconfig.json. */
export function nearestFile(root: string, dir: string, name: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, name);
    if (existsSync(candidate)) return candidate;
    if (d === root || path.dirname(d) === d) return undefined;
  }
}

const optionsByConfig = new Map<string, TS.CompilerOptions>();

/** The compiler options of tsconfig `configPath` with its `extends` chain applied; cached per file for the process. */
export function tsconfigOptions(ts: TypeScriptApi, configPath: string): TS.CompilerOptions {
  const hit = optionsByConfig.get(configPath);
  if (hit) return hit;
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  // Only the options matter: an empty directory listing skips expanding `include`.
  const host = { useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames, readDirectory: () => [], fileExists: ts.sys.fileExists, readFile: ts.sys.readFile };
  const { options } = ts.parseJsonConfigFileContent(read.config ?? {}, host, path.dirname(configPath), undefined, configPath);
  optionsByConfig.set(configPath, options);
  return options;
}
