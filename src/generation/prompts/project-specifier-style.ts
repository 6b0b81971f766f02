/**
 * Reads the project's specifier style for one generated file from its nearest
 * tsconfig.json (with `extends`, through TypeScript's own config parser) and
 * package.json `type`, then lets the spec module's own relative imports pick
 * among the spellings that resolution accepts:
 * - Node16/NodeNext and an ESM file: an extension is required — `.js`, or
 *   `.ts` when `allowImportingTsExtensions`/`rewriteRelativeImportExtensions`
 *   is on and the spec module writes `.ts` (or writes nothing relative).
 * - Node16/NodeNext and a CommonJS file, bundler, node10: every spelling
 *   resolves; the spec module's habit wins, else extensionless (`.js` for Node).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { isRecord } from "../../support/is-record.ts";
import { readJsonFile } from "../../support/json.ts";
import { nearestFile, tsconfigOptions } from "../project-config.ts";
import { pathsUpward, StampedCache } from "../stamped-cache.ts";
import { loadTypeScript, type TypeScriptApi } from "../validate/typescript-parser.ts";
import { DEFAULT_SPECIFIER_STYLE, importSpecifiers, specifierExtensionOf, type SpecifierExtension, type SpecifierStyle } from "./specifier.ts";

interface ResolutionFacts {
  readonly node: boolean;
  readonly resolutionName: string;
  readonly allowTsExtension: boolean;
}

function resolutionFacts(ts: TypeScriptApi, configPath: string): ResolutionFacts {
  const options = tsconfigOptions(ts, configPath);
  const { ModuleKind: M, ModuleResolutionKind: R } = ts;
  const nodeModule = options.module !== undefined && options.module >= M.Node16 && options.module <= M.NodeNext;
  const resolution = options.moduleResolution ?? (nodeModule ? (options.module === M.NodeNext ? R.NodeNext : R.Node16) : undefined);
  const node = resolution === R.Node16 || resolution === R.NodeNext;
  const resolutionName = resolution !== undefined ? `moduleResolution "${R[resolution]?.toLowerCase() ?? resolution}"` : "no moduleResolution";
  return {
    node,
    resolutionName,
    allowTsExtension: options.allowImportingTsExtensions === true || options.rewriteRelativeImportExtensions === true,
  };
}

const formatByDir = new StampedCache<{ esm: boolean; why: string }>();

/** `"module"` or `"commonjs"` for a file, as Node (and TypeScript under Node16/NodeNext) decide it. */
function moduleFormat(file: string): { esm: boolean; why: string } {
  if (file.endsWith(".mts")) return { esm: true, why: ".mts file" };
  if (file.endsWith(".cts")) return { esm: false, why: ".cts file" };
  const dir = path.dirname(file);
  return formatByDir.get(dir) ?? formatByDir.set(dir, packageFormat(dir), pathsUpward(dir, "package.json"));
}

/** From the nearest package.json's `"type"`. */
function packageFormat(start: string): { esm: boolean; why: string } {
  for (let d = start; ; d = path.dirname(d)) {
    const pkg = path.join(d, "package.json");
    if (existsSync(pkg)) {
      const parsed = readJsonFile(pkg);
      const type = isRecord(parsed) ? parsed.type : undefined;
      return type === "module" ? { esm: true, why: 'package.json "type": "module"' } : { esm: false, why: 'package.json without "type": "module"' };
    }
    if (path.dirname(d) === d) return { esm: false, why: "no package.json" };
  }
}

/** The spelling most relative imports of the spec module use; undefined when it has none. */
function habitOf(specSource: string): SpecifierExtension | undefined {
  const counts = new Map<SpecifierExtension, number>();
  for (const specifier of importSpecifiers(specSource)) {
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
    const kind = specifierExtensionOf(specifier);
    if (kind !== "other") counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first && (!second || second[1] < first[1]) ? first[0] : undefined;
}

/**
 * The specifier style for `generatedFile` (project-relative; any project file
 * works the same) in the project at `root`, given the spec module's source
 * (its own relative imports are the project's habit).
 */
export async function projectSpecifierStyle(root: string, generatedFile: string, specSource: string): Promise<SpecifierStyle> {
  const absolute = path.join(root, generatedFile);
  const configPath = nearestFile(root, path.dirname(absolute), "tsconfig.json");
  if (configPath === undefined) return DEFAULT_SPECIFIER_STYLE;
  const { node, resolutionName, allowTsExtension } = resolutionFacts(await loadTypeScript(), configPath);
  const habit = habitOf(specSource);
  const usable = (ext: SpecifierExtension | undefined): ext is SpecifierExtension => ext !== undefined && (ext !== "ts" || allowTsExtension);
  const configName = path.relative(root, configPath).split(path.sep).join("/") || "tsconfig.json";
  if (node) {
    const format = moduleFormat(absolute);
    const reason = `${configName}: ${resolutionName}, ${format.why}`;
    if (format.esm) {
      const fallback: SpecifierExtension = allowTsExtension ? "ts" : "js";
      const extension = usable(habit) && habit !== "none" ? habit : fallback;
      return { extension, required: true, allowTsExtension, reason };
    }
    return { extension: usable(habit) ? habit : "js", required: false, allowTsExtension, reason };
  }
  return { extension: usable(habit) ? habit : "none", required: false, allowTsExtension, reason: `${configName}: ${resolutionName}` };
}
