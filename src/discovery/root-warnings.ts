/**
 * Warnings for configured roots that are not folders: Jaunt finds nothing
 * there and says "up to date". A missing `tests` test root is fine: it is
 * the default (and what `jaunt init` writes) for projects with no test specs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { DiscoveryProblemData, ModuleKind } from "./types.ts";

function keyLine(lines: readonly string[], key: string): number | undefined {
  const index = lines.findIndex((line) => new RegExp(`^\\s*${key}\\s*=`).test(line));
  return index === -1 ? undefined : index + 1;
}

export function missingRootWarnings(root: string, configFile: string, missing: readonly { readonly root: string; readonly kind: ModuleKind }[]): DiscoveryProblemData[] {
  if (missing.length === 0) return [];
  let lines: string[] = [];
  try {
    lines = readFileSync(configFile, "utf8").split(/\r?\n/);
  } catch {
    // the config was just read; if it vanished, report at line 1
  }
  const file = path.relative(root, configFile).split(path.sep).join("/");
  const warnings: DiscoveryProblemData[] = [];
  for (const entry of missing) {
    const key = entry.kind === "build" ? "source_roots" : "test_roots";
    const line = keyLine(lines, key);
    if (entry.kind === "test" && entry.root === "tests") continue;
    warnings.push({
      file,
      line: line ?? 1,
      column: 1,
      message: `${key} entry "${entry.root || "."}" is not a folder: no ${entry.kind === "build" ? "source" : "test"} specs are looked for there`,
      hint: `create the folder, or fix or remove "${entry.root}" in [paths] ${key}`,
    });
  }
  return warnings;
}
