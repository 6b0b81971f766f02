/**
 * Resolves every import specifier that can lead to a project file, the way
 * Bun and TypeScript's bundler resolution do: relative paths, tsconfig
 * `paths` and `baseUrl`, package.json `imports` (`#alias`), and workspace
 * packages (by the `workspaces` of the root package.json, so no install is
 * needed). Other bare specifiers are packages and resolve to nothing.
 * Config files are read once per run; nothing here loads TypeScript.
 */
import path from "node:path";
import { isRecord } from "../support/is-record.ts";
import type { DiskProbe } from "./disk-probe.ts";
import { resolveProjectPath, resolveSpecifier } from "./resolve-specifier.ts";
import { conditionalTarget, matchPattern, workspacePackages, type WorkspacePackage } from "./package-fields.ts";

interface TsPaths {
  /** Project-relative folder `paths` targets and `baseUrl` lookups are relative to. */
  readonly base: string;
  readonly baseUrl: boolean;
  readonly paths: ReadonlyMap<string, readonly string[]>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

export class ProjectResolver {
  private readonly tsconfigs = new Map<string, TsPaths | undefined>();
  private workspaces: readonly WorkspacePackage[] | undefined;

  constructor(private readonly root: string, private readonly known: ReadonlySet<string>, private readonly probe: DiskProbe) {}

  /** The project-relative file `specifier` imported from project file `fromFile` stands for, or undefined. */
  resolve(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith(".")) return resolveSpecifier(this.root, fromFile, specifier, this.known, this.probe);
    if (specifier.startsWith("#")) return this.resolveImportsField(fromFile, specifier);
    if (specifier.startsWith("node:") || specifier.startsWith("bun:") || specifier.startsWith("/")) return undefined;
    return this.resolveTsPaths(fromFile, specifier) ?? this.resolveWorkspace(specifier);
  }

  private load(relFile: string): unknown {
    return this.probe.readJson(relFile);
  }

  /** Folders from `file`'s up to the project root, nearest first. */
  private *foldersUp(file: string): Generator<string> {
    for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
      yield dir === "." ? "" : dir;
      if (dir === "." || dir === "/" || dir === "") return;
    }
  }

  private resolveTarget(dir: string, target: string): string | undefined {
    return resolveProjectPath(this.root, path.posix.join(dir, target), this.known, this.probe);
  }

  private resolveImportsField(fromFile: string, specifier: string): string | undefined {
    for (const dir of this.foldersUp(fromFile)) {
      const pkg = record(this.load(path.posix.join(dir, "package.json")));
      if (!pkg) continue;
      const imports = record(pkg.imports);
      if (!imports) return undefined; // the nearest package.json decides
      for (const [pattern, value] of Object.entries(imports)) {
        const star = matchPattern(pattern, specifier);
        if (star === undefined) continue;
        for (const target of conditionalTarget(value)) {
          const found = this.resolveTarget(dir, target.replaceAll("*", star));
          if (found) return found;
        }
      }
      return undefined;
    }
    return undefined;
  }

  private tsPathsFor(fromFile: string): TsPaths | undefined {
    for (const dir of this.foldersUp(fromFile)) {
      if (this.tsconfigs.has(dir)) return this.tsconfigs.get(dir);
      const file = path.posix.join(dir, "tsconfig.json");
      if (this.load(file) === undefined) continue;
      const found = this.readTsPaths(file, 0);
      this.tsconfigs.set(dir, found);
      return found;
    }
    return undefined;
  }

  /** `compilerOptions.paths`/`baseUrl` of a tsconfig, following relative `extends` (a few levels). */
  private readTsPaths(file: string, depth: number): TsPaths | undefined {
    const config = record(this.load(file));
    const options = record(config?.compilerOptions);
    const dir = path.posix.dirname(file) === "." ? "" : path.posix.dirname(file);
    const parent = typeof config?.extends === "string" && config.extends.startsWith(".") && depth < 5
      ? this.readTsPaths(path.posix.normalize(path.posix.join(dir, config.extends.endsWith(".json") ? config.extends : `${config.extends}.json`)), depth + 1)
      : undefined;
    const baseUrl = typeof options?.baseUrl === "string" ? path.posix.normalize(path.posix.join(dir, options.baseUrl)) : undefined;
    const rawPaths = record(options?.paths);
    if (!rawPaths && baseUrl === undefined) return parent;
    const paths = rawPaths
      ? new Map(Object.entries(rawPaths).map(([k, v]): [string, string[]] => [k, Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : []]))
      : parent?.paths ?? new Map<string, string[]>();
    const base = baseUrl ?? (rawPaths ? dir : parent?.base ?? dir);
    return { base: base === "." ? "" : base, baseUrl: baseUrl !== undefined || (parent?.baseUrl ?? false), paths };
  }

  private resolveTsPaths(fromFile: string, specifier: string): string | undefined {
    const config = this.tsPathsFor(fromFile);
    if (!config) return undefined;
    for (const [pattern, targets] of config.paths) {
      const star = matchPattern(pattern, specifier);
      if (star === undefined) continue;
      for (const target of targets) {
        const found = this.resolveTarget(config.base, target.replaceAll("*", star));
        if (found) return found;
      }
    }
    return config.baseUrl ? this.resolveTarget(config.base, specifier) : undefined;
  }

  private resolveWorkspace(specifier: string): string | undefined {
    this.workspaces ??= workspacePackages(record(this.load("package.json")), (file) => this.load(file), (pattern) => this.probe.glob(pattern));
    for (const pkg of this.workspaces) {
      if (specifier !== pkg.name && !specifier.startsWith(`${pkg.name}/`)) continue;
      const subpath = specifier === pkg.name ? "." : `.${specifier.slice(pkg.name.length)}`;
      for (const target of pkg.targets(subpath)) {
        const found = this.resolveTarget(pkg.dir, target);
        if (found) return found;
      }
    }
    return undefined;
  }
}
