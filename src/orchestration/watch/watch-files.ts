/**
 * The file watching of `jaunt watch`: the platform's own notifications
 * (`fs.watch`: inotify, FSEvents, ReadDirectoryChangesW), never polling, so an
 * idle watch costs nothing. Watched: the source and test roots (recursively:
 * specs, test specs and the handwritten files they import), the project root
 * itself (jaunt.toml, tsconfig.json, package.json, .env — a key added there
 * lets a failed cycle succeed on the next save), the folders of
 * `[prompts]` overrides and those of the handwritten files the plan's
 * digests cover outside the roots (a helper's helper in `lib/`). Ignored: generated folders (Jaunt's own writes),
 * node_modules, dot-folders (.jaunt, .git) and files that cannot matter.
 */
import { existsSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import type { JauntConfig } from "../../config/types.ts";

const CODE = /\.(?:[cm]?[jt]sx?)$/;
const PROJECT_FILES = new Set(["jaunt.toml", "tsconfig.json", "package.json", ".env"]);

export interface WatchedFiles {
  /** The absolute folders watched (for the "watching …" line). */
  readonly folders: readonly string[];
  /** True when a root that did not exist at start exists now: watch again to see inside it. */
  outdated(): boolean;
  close(): void;
}

/** Whether a change of project-relative `file` can change the plan (`known`: files that always can — overrides, handwritten files the digests cover). */
export function isRelevant(config: JauntConfig, file: string, known: ReadonlySet<string>): boolean {
  const posix = file.replaceAll("\\", "/");
  if (known.has(posix)) return true;
  if (PROJECT_FILES.has(posix)) return true;
  const segments = posix.split("/");
  if (segments.some((s) => s === "node_modules" || s === config.paths.generatedDir || (s.startsWith(".") && s.length > 1))) return false;
  return CODE.test(posix);
}

function isInside(file: string, folder: string): boolean {
  const dir = path.posix.normalize(folder.replaceAll("\\", "/")).replace(/\/+$/, "");
  return dir === "." || dir === "" || file.startsWith(`${dir}/`);
}

function overrideFiles(config: JauntConfig): Set<string> {
  const files = Object.values(config.prompts).filter((p): p is string => typeof p === "string" && p !== "");
  return new Set(files.map((p) => path.posix.normalize(p.replaceAll("\\", "/"))));
}

/**
 * Watch `config`'s project; `onChange` gets project-relative paths (`/`-separated) of relevant changes.
 * `handwritten`: project files module digests cover (the plan's `handwrittenFiles`); their folders are watched too.
 */
export function watchFiles(config: JauntConfig, onChange: (file: string) => void, handwritten: readonly string[] = []): WatchedFiles {
  const root = config.root;
  const overrides = overrideFiles(config);
  const known = new Set([...overrides, ...handwritten]);
  const watchers: FSWatcher[] = [];
  const folders: string[] = [];
  const roots = [...config.paths.sourceRoots, ...config.paths.testRoots];
  const missing = roots.filter((folder) => !existsSync(path.resolve(root, folder)));
  // A missing root showing up (seen by the project-folder watcher) is a change: the next cycle watches it.
  const appeared = (file: string): boolean => missing.some((folder) => file === folder || file.startsWith(`${folder}/`));
  const add = (folder: string, recursive: boolean): void => {
    const full = path.resolve(root, folder);
    if (folders.includes(full) || !existsSync(full)) return;
    const watcher = watch(full, { recursive }, (_event, name) => {
      if (name === null) return;
      const file = path.relative(root, path.join(full, name.toString())).replaceAll("\\", "/");
      if (isRelevant(config, file, known) || appeared(file)) onChange(file);
    });
    // A folder that disappears (a root deleted) ends its watcher; the next plan reports the problem.
    watcher.on("error", () => watcher.close());
    watchers.push(watcher);
    folders.push(full);
  };
  for (const folder of roots) add(folder, true);
  add(".", false);
  for (const file of overrides) add(path.posix.dirname(file), false);
  // Roots are watched recursively already; only folders outside them need a watcher of their own.
  for (const file of handwritten) if (!roots.some((folder) => isInside(file, folder))) add(path.posix.dirname(file), false);
  return {
    folders,
    outdated: () => missing.some((folder) => existsSync(path.resolve(root, folder))),
    close: () => {
      for (const watcher of watchers) watcher.close();
    },
  };
}
