/**
 * The parts of package.json that resolution reads: subpath patterns
 * (`"#lib/*"`, `"./*"`), conditional targets (`{ "bun": …, "import": …,
 * "default": … }`), `exports`/`module`/`main` entries, and workspace globs.
 */
import path from "node:path";
import { isRecord } from "../support/is-record.ts";

/** Conditions tried in order: what Bun picks first, then ES modules and types. */
const CONDITIONS = ["bun", "import", "module", "types", "default", "node", "require"];

/** `*`'s match when `specifier` matches `pattern` (`""` for an exact match), else undefined. */
export function matchPattern(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf("*");
  if (star === -1) return pattern === specifier ? "" : undefined;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  if (!specifier.startsWith(head) || !specifier.endsWith(tail) || specifier.length < head.length + tail.length) return undefined;
  return specifier.slice(head.length, specifier.length - tail.length);
}

/** Every string target of a (possibly conditional, possibly array) package.json target, in preference order. */
export function conditionalTarget(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(conditionalTarget);
  if (!isRecord(value)) return [];
  const keys = [...CONDITIONS.filter((c) => c in value), ...Object.keys(value).filter((k) => !CONDITIONS.includes(k))];
  return keys.flatMap((key) => conditionalTarget(value[key]));
}

export interface WorkspacePackage {
  readonly name: string;
  /** Project-relative folder. */
  readonly dir: string;
  /** Paths (relative to `dir`) that subpath `.` or `./x` may stand for, best first. */
  targets(subpath: string): string[];
}

function packageTargets(pkg: Record<string, unknown>, subpath: string): string[] {
  const exports = pkg.exports;
  const targets: string[] = [];
  if (typeof exports === "string" || Array.isArray(exports)) {
    if (subpath === ".") targets.push(...conditionalTarget(exports));
  } else if (isRecord(exports)) {
    const isMap = Object.keys(exports).some((k) => k.startsWith("."));
    if (!isMap && subpath === ".") targets.push(...conditionalTarget(exports));
    for (const [pattern, value] of isMap ? Object.entries(exports) : []) {
      const star = matchPattern(pattern, subpath);
      if (star !== undefined) targets.push(...conditionalTarget(value).map((t) => t.replaceAll("*", star)));
    }
  }
  if (subpath === ".") {
    for (const key of ["module", "main", "types"]) if (typeof pkg[key] === "string") targets.push(String(pkg[key]));
    targets.push("index", "src/index");
  } else {
    targets.push(subpath, `src/${subpath.slice(2)}`);
  }
  return targets;
}

/** Workspace packages named by the root package.json's `workspaces` (an array, or `{ packages }`). */
export function workspacePackages(rootPackage: Record<string, unknown> | undefined, readJson: (file: string) => unknown, glob: (pattern: string) => readonly string[]): WorkspacePackage[] {
  const field = rootPackage?.workspaces;
  const patterns = Array.isArray(field) ? field : isRecord(field) && Array.isArray(field.packages) ? field.packages : [];
  const found: WorkspacePackage[] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== "string" || pattern.startsWith("!")) continue;
    for (const rel of glob(`${pattern.replace(/\/+$/, "")}/package.json`)) {
      const pkg = readJson(rel);
      if (!isRecord(pkg) || typeof pkg.name !== "string") continue;
      const dir = path.posix.dirname(rel);
      found.push({ name: pkg.name, dir: dir === "." ? "" : dir, targets: (subpath) => packageTargets(pkg, subpath) });
    }
  }
  // Longest names first, so `@a/b-c` is not taken for `@a/b`'s subpath.
  return found.sort((a, b) => b.name.length - a.name.length);
}
