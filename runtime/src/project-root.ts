/**
 * Finds a spec file's project root — the nearest folder up that holds
 * `jaunt.toml`, else the nearest with `package.json`, else the file's own
 * folder — and reads the one setting the runtime needs from `jaunt.toml`.
 */
import { nodeFs, nodePath } from "./node-builtins.ts";

/** What the runtime knows about a project. */
export interface ProjectInfo {
  /** Absolute path of the root folder. */
  readonly root: string;
  /** `[paths] generated_dir` from `jaunt.toml`, when set there. */
  readonly generatedDir: string | undefined;
}

// Many specs share a folder; walking the tree once per folder keeps import time flat.
const projectByDir = new Map<string, ProjectInfo>();

function nearestWith(start: string, marker: string): string | undefined {
  for (let dir = start; ; dir = nodePath().dirname(dir)) {
    if (nodeFs().existsSync(nodePath().join(dir, marker))) return dir;
    if (nodePath().dirname(dir) === dir) return undefined;
  }
}

/**
 * Reads `generated_dir` from the `[paths]` table with a line scanner: the
 * runtime has no dependencies, so no TOML parser. Anything unusual is ignored
 * (the CLI validates the file; here a miss just means the default folder).
 */
export function readGeneratedDir(tomlText: string): string | undefined {
  let table = "";
  for (const raw of tomlText.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) {
      table = header[1] ?? "";
      continue;
    }
    const setting = /^generated_dir\s*=\s*(?:"([^"\\]+)"|'([^']+)')\s*(?:#.*)?$/.exec(line);
    if (table === "paths" && setting) return setting[1] ?? setting[2];
  }
  return undefined;
}

/** Project root and settings for a spec file (absolute path). */
export function projectOf(specFile: string): ProjectInfo {
  const dir = nodePath().dirname(specFile);
  const cached = projectByDir.get(dir);
  if (cached) return cached;
  const tomlRoot = nearestWith(dir, "jaunt.toml");
  let generatedDir: string | undefined;
  if (tomlRoot !== undefined) {
    try {
      generatedDir = readGeneratedDir(nodeFs().readFileSync(nodePath().join(tomlRoot, "jaunt.toml"), "utf8"));
    } catch {
      generatedDir = undefined; // unreadable config: the CLI reports it; dispatch uses the default
    }
  }
  const info: ProjectInfo = { root: tomlRoot ?? nearestWith(dir, "package.json") ?? dir, generatedDir };
  projectByDir.set(dir, info);
  return info;
}
