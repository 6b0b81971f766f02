/**
 * Where `jaunt skill export` writes: `--dest` (relative to the current
 * folder) when given; otherwise `.jaunt/skill/` under the project root — the
 * folder of the nearest jaunt.toml walking up, or `--root` — and, outside any
 * Jaunt project, under the current folder (so exporting the docs never needs
 * a valid jaunt.toml).
 */
import path from "node:path";
import { findConfigFile } from "../config/find.ts";

export interface SkillDestOptions {
  readonly cwd: string;
  readonly dest?: string | undefined;
  readonly root?: string | undefined;
}

export function resolveSkillDest(options: SkillDestOptions): string {
  if (options.dest !== undefined) return path.resolve(options.cwd, options.dest);
  if (options.root !== undefined) return path.join(path.resolve(options.cwd, options.root), ".jaunt", "skill");
  const configFile = findConfigFile(options.cwd);
  const root = configFile === undefined ? path.resolve(options.cwd) : path.dirname(configFile);
  return path.join(root, ".jaunt", "skill");
}
