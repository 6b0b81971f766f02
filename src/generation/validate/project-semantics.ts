/**
 * Type-check with the project's own semantics. `bun check` reads the nearest
 * tsconfig (paths, exactOptionalPropertyTypes, noUncheckedIndexedAccess …)
 * but applies TypeScript 6+ defaults: `types` is `[]` and `strict` is on.
 * A project that declares TypeScript 5 and leaves them unset is checked by its
 * own tsc with every visible `@types/*` package and without strict, so those
 * defaults are passed as flags. A project that sees no Bun or Node types at
 * all is a setup problem, reported once as a config error naming the fix.
 * Options TypeScript 7 removed are translated for projects on TypeScript < 7.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import { isRecord } from "../../support/is-record.ts";
import { readJsonFile } from "../../support/json.ts";
import { nearestFile, readTsconfig } from "../project-config.ts";
import { pathsUpward, StampedCache } from "../stamped-cache.ts";
import type { Diagnostic } from "../types.ts";
import { legacyOverrides } from "./legacy-options.ts";
import type { TypeScriptApi } from "./typescript-parser.ts";

export interface ProjectSemantics {
  /** Extra `bun check` flags. */
  readonly flags: readonly string[];
  /** The `types` the project's checker sees (tsconfig, or the TypeScript version's default). */
  readonly types: readonly string[];
  /** Where they came from, for messages. */
  readonly typesFrom: string;
  readonly tsconfig: string | undefined;
  readonly typescriptMajor: number | undefined;
  /** Overrides for options TypeScript 7 removed, when the project's own TypeScript accepts them (legacy-options.ts). */
  readonly legacy?: Readonly<Record<string, unknown>>;
}

const cache = new StampedCache<ProjectSemantics>();

/**
 * Semantics for checking a file in `dir` (absolute) of the project at `root`;
 * cached per folder while none of the files it reads changes (or appears).
 */
export function projectSemantics(ts: TypeScriptApi, root: string, dir: string): ProjectSemantics {
  const hit = cache.get(dir);
  if (hit) return hit;
  const inputs = [
    ...pathsUpward(dir, "tsconfig.json", root),
    ...pathsUpward(root, "package.json"),
    ...pathsUpward(root, "node_modules/typescript/package.json"),
    ...pathsUpward(dir, "node_modules/@types"),
  ];
  const tsconfig = nearestFile(root, dir, "tsconfig.json");
  const major = typescriptMajor(root);
  const modern = major === undefined || major >= 6;
  let types: readonly string[] | undefined;
  let strict: boolean | undefined;
  let legacy: Record<string, unknown> | undefined;
  if (tsconfig) {
    const { options, files } = readTsconfig(ts, tsconfig);
    inputs.push(...files);
    types = options.types;
    strict = options.strict;
    if (major === undefined || major < 7) legacy = legacyOverrides(ts, options);
  }
  const flags: string[] = [];
  if (!tsconfig) flags.push("--strict");
  else if (strict === undefined && !modern) flags.push("--strict", "false");
  let typesFrom = tsconfig ? `"types" in ${path.relative(root, tsconfig) || "tsconfig.json"}` : "";
  if (types === undefined) {
    types = modern ? [] : visibleTypePackages(dir);
    typesFrom = modern ? `TypeScript ${major ?? "6+"}'s default ("types": [])` : `TypeScript ${major}'s default (every @types package)`;
    if (!modern && types.length > 0) flags.push("--types", types.join(","));
  }
  const semantics = { flags, types, typesFrom, tsconfig, typescriptMajor: major, ...(legacy ? { legacy } : {}) };
  return cache.set(dir, semantics, inputs);
}

/** Globals that only Bun or Node type declarations provide (with `lib: ["ESNext"]`). */
const RUNTIME_GLOBALS = new Set([
  "setTimeout", "setInterval", "clearTimeout", "clearInterval", "setImmediate", "queueMicrotask", "console", "process", "Buffer", "Bun",
  "require", "module", "__dirname", "__filename", "fetch", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "structuredClone",
  "performance", "crypto", "atob", "btoa", "AbortController", "AbortSignal", "Response", "Request", "Headers", "Blob", "ReadableStream",
]);
const MISSING_NAME = new Set(["TS2304", "TS2580", "TS2591", "TS2584", "TS2867", "TS2868", "TS2582", "TS2593"]);

/**
 * A tsconfig error (a removed or unknown option, a missing `types` package)
 * stops `bun check` before it checks any file: without this, every candidate
 * would pass unchecked. It is the project's setup, reported once in
 * TypeScript's own words.
 */
export function assertChecked(output: string, root: string): void {
  if (!/Stopped before type checking/.test(output)) return;
  const errors = output.split("\n").filter((line) => /\berror TS\d+:/.test(line)).map((line) => line.replace(`${root}${path.sep}`, ""));
  const missingTypes = /error TS2688: Cannot find type definition file for '([^']+)'/.exec(output)?.[1];
  const fix = missingTypes
    ? `install it (\`bun add -d ${missingTypes.startsWith("@") || missingTypes.endsWith("-types") ? missingTypes : `@types/${missingTypes}`}\`) or remove it from "types" in your tsconfig`
    : "fix these tsconfig errors (`bun check` reports the same)";
  throw new JauntConfigError(`TypeScript stops before checking any file in this project: ${errors.slice(0, 3).join("; ") || output.trim().split("\n")[0]}`, "config.tsconfig_rejected", {
    hint: `${fix}; generated code cannot be type-checked until then`,
  });
}

const RUNTIME_TYPES = ["bun", "node", "bun-types"];

/**
 * A candidate failed only because the project's checker sees no Bun or Node
 * types: throw the one config error that names the fix (every module would fail the same way).
 */
export function assertRuntimeTypes(semantics: ProjectSemantics, root: string, diagnostics: readonly Diagnostic[]): void {
  if (semantics.types.some((t) => RUNTIME_TYPES.includes(t))) return;
  const missing = diagnostics.find((d) => MISSING_NAME.has(d.code) && RUNTIME_GLOBALS.has(/'([^']+)'/.exec(d.message)?.[1] ?? ""));
  if (!missing) return;
  const where = semantics.tsconfig ? path.relative(root, semantics.tsconfig) : "tsconfig.json";
  const name = /'([^']+)'/.exec(missing.message)?.[1];
  const said = `(${missing.code}: ${missing.message.split("\n")[0]})`;
  const installed = ["bun", "node"].find((t) => typesInstalled(root, t));
  const fix = installed
    ? `add "types": ["${installed}"] to compilerOptions in ${where}`
    : `install Bun's types (\`bun add -d @types/bun\`) and add "types": ["bun"] to compilerOptions in ${where}`;
  throw new JauntConfigError(`the project's type checker sees no Bun or Node types (${semantics.typesFrom}), so generated code cannot use \`${name}\` ${said}`, "config.no_runtime_types", {
    hint: `${fix}; your own tsc and editor need the same`,
  });
}

/** Is the types package for `types` entry `name` installed in or above `root`? */
function typesInstalled(root: string, name: string): boolean {
  const dir = name.startsWith("@") || name.endsWith("-types") ? name : `@types/${name}`;
  for (let d = root; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, "node_modules", dir))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/**
 * The TypeScript major version the project declares in package.json (the
 * project's, else the nearest workspace root's above it), else the installed one.
 */
function typescriptMajor(root: string): number | undefined {
  for (let d = root; ; d = path.dirname(d)) {
    const pkg = readJsonFile(path.join(d, "package.json"));
    for (const field of ["devDependencies", "dependencies", "peerDependencies"]) {
      const deps = isRecord(pkg) ? pkg[field] : undefined;
      const range = isRecord(deps) ? deps.typescript : undefined;
      const major = typeof range === "string" ? /(\d+)/.exec(range)?.[1] : undefined;
      if (major) return Number(major);
    }
    const installed = readJsonFile(path.join(d, "node_modules/typescript/package.json"));
    const version = isRecord(installed) ? installed.version : undefined;
    if (typeof version === "string") return Number(version.split(".")[0]);
    if (path.dirname(d) === d) return undefined;
  }
}

/** Every `@types/*` package visible from `dir` (TypeScript 5's default `types`). */
function visibleTypePackages(dir: string): string[] {
  const found = new Set<string>();
  for (let d = dir; ; d = path.dirname(d)) {
    const at = path.join(d, "node_modules/@types");
    if (existsSync(at)) for (const name of readdirSync(at)) if (!name.startsWith(".")) found.add(name);
    if (path.dirname(d) === d) break;
  }
  return [...found].sort();
}
