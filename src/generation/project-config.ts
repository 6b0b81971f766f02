/**
 * The project's own config files as generation reads them: the nearest
 * tsconfig.json, its compiler options through TypeScript's parser (`extends`
 * included). One reader for the prompt's specifier style and the type check's
 * project semantics.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type * as TS from "typescript";
import { pathsUpward, StampedCache } from "./stamped-cache.ts";
import type { TypeScriptApi } from "./validate/typescript-parser.ts";

/** The nearest `name` from `dir` up to `root` (inclusive), like `bun check` finds its tsconfig.json. */
export function nearestFile(root: string, dir: string, name: string): string | undefined {
  return pathsUpward(dir, name, root).find((candidate) => existsSync(candidate));
}

export interface Tsconfig {
  readonly options: TS.CompilerOptions;
  /** Every file read for it: the tsconfig and its `extends` chain. */
  readonly files: readonly string[];
}

const tsconfigs = new StampedCache<Tsconfig>();

/** Tsconfig `configPath` with its `extends` chain applied; cached while none of its files changes. */
export function readTsconfig(ts: TypeScriptApi, configPath: string): Tsconfig {
  const hit = tsconfigs.get(configPath);
  if (hit) return hit;
  const files = [configPath];
  const readFile = (file: string): string | undefined => {
    files.push(file);
    return ts.sys.readFile(file);
  };
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  // Only the options matter: an empty directory listing skips expanding `include`.
  const host = { useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames, readDirectory: () => [], fileExists: ts.sys.fileExists, readFile };
  const { options } = ts.parseJsonConfigFileContent(read.config ?? {}, host, path.dirname(configPath), undefined, configPath);
  return tsconfigs.set(configPath, { options, files }, files);
}

/** The compiler options of tsconfig `configPath` with its `extends` chain applied. */
export function tsconfigOptions(ts: TypeScriptApi, configPath: string): TS.CompilerOptions {
  return readTsconfig(ts, configPath).options;
}
