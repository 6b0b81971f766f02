/**
 * Is a folder already inside a project? `jaunt init` run in `src/` of an app
 * must not plant a second jaunt.toml and package.json there: it names the
 * project it found instead.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export interface EnclosingProject {
  /** Absolute folder of the project that contains the given folder. */
  readonly root: string;
  /** What marks it: a Jaunt project (`jaunt.toml`) or a JavaScript package (`package.json`). */
  readonly marker: "jaunt.toml" | "package.json";
}

/**
 * The nearest project strictly above `dir`: a folder with `jaunt.toml`, or —
 * when `dir` has no package.json of its own — one with `package.json`. The
 * search stops at a repository root (`.git`), so a fresh clone or a new repo
 * next to a stray `~/package.json` is not "inside" anything.
 */
export function enclosingProject(dir: string): EnclosingProject | undefined {
  const ownPackage = existsSync(path.join(dir, "package.json"));
  if (existsSync(path.join(dir, ".git"))) return undefined;
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    if (existsSync(path.join(parent, "jaunt.toml"))) return { root: parent, marker: "jaunt.toml" };
    if (!ownPackage && existsSync(path.join(parent, "package.json"))) return { root: parent, marker: "package.json" };
    if (existsSync(path.join(parent, ".git")) || path.dirname(parent) === parent) return undefined;
  }
}
