/**
 * Finding the project root: the nearest folder at or above the working
 * directory that holds a `jaunt.toml` (like git finds `.git`).
 */
import { statSync } from "node:fs";
import path from "node:path";

export const CONFIG_FILE_NAME = "jaunt.toml";

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of the nearest `jaunt.toml` from `startDir` up to the filesystem root, or undefined. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
