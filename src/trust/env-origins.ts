/**
 * Where each environment variable Jaunt reads came from: the user's own
 * environment (trusted, as always) or a file of the project (a setting the
 * user has to trust before it may route a secret; DESIGN §12).
 *
 * A project's file reaches Jaunt's environment two ways:
 * - Jaunt reads `<root>/.env` itself, below the process environment
 *   (`mergedEnv`, for the key and the endpoint variables);
 * - Bun, when Jaunt runs from source or from the npm package (the compiled
 *   binary is built with `autoloadDotenv: false`), loads the working folder's
 *   `.env`, `.env.<NODE_ENV>`, `.env.local` and `.env.<NODE_ENV>.local` into
 *   `process.env` before any Jaunt code runs (NODE_ENV defaulting to
 *   `development`; a variable already exported wins). Bun's parser is not
 *   Jaunt's (it expands `$VAR`, accepts `KEY: value`), so a process variable
 *   counts as the file's whenever such a file names it, whatever its value: a
 *   user who also exports that name is asked to trust it (the safe side).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectEnvFile, readProjectEnvEntries } from "../generation/llm/env-file.ts";

export type EnvOrigin = { readonly kind: "user" } | { readonly kind: "project"; readonly file: string; readonly line: number };

export interface SourcedValue {
  readonly value: string;
  readonly origin: EnvOrigin;
}

export interface EnvOrigins {
  /** What generation reads: the process environment over `<root>/.env` (as `mergedEnv` gives it). */
  readonly merged: Readonly<Record<string, string | undefined>>;
  /** `name` as generation reads it (process first, then `<root>/.env`) and where it came from; undefined when unset or empty. */
  lookup(name: string): SourcedValue | undefined;
  /** `name` in the process environment only (what `fetch` itself reads: proxies, TLS switches) and where it came from. */
  lookupProcess(name: string): SourcedValue | undefined;
  /** The process variables no project file set: where Jaunt's own switches (JAUNT_TRUST_PROJECT, JAUNT_HOME) are read from. */
  readonly user: Readonly<Record<string, string | undefined>>;
  /** Files Bun loaded into the process environment, with the variables each names. */
  readonly autoloaded: ReadonlyMap<string, { readonly file: string; readonly line: number }>;
}

export interface EnvOriginOptions {
  /** The folder Bun loaded `.env` files from: the process's working folder at start. */
  readonly cwd: string;
  /** Whether Bun loaded them at all (false in the compiled binary). */
  readonly bunAutoload: boolean;
}

/** The `.env` files Bun loads from `cwd`, lowest precedence first (https://bun.sh/docs/runtime/env). */
export function bunDotenvFiles(cwd: string, nodeEnv: string | undefined): string[] {
  const mode = nodeEnv || "development";
  return [".env", `.env.${mode}`, ".env.local", `.env.${mode}.local`].map((name) => path.join(cwd, name));
}

// Lenient on purpose: every name Bun could read from a line counts (`export K=`, `K =`, `K: v`).
const NAMED = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]/;

/** The names a `.env` file Bun loads defines, each with its (last) 1-based line; empty when the file is absent. */
export function dotenvNamesIn(file: string): Map<string, number> {
  const names = new Map<string, number>();
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return names;
  }
  text.split(/\r?\n/).forEach((line, index) => {
    const name = NAMED.exec(line)?.[1];
    if (name) names.set(name, index + 1);
  });
  return names;
}

/**
 * Attribute the environment of a run on the project at `root`.
 * @param processEnv the process environment (after Bun's loading, if any).
 */
export function envOrigins(root: string, processEnv: Readonly<Record<string, string | undefined>>, options: EnvOriginOptions): EnvOrigins {
  const autoloaded = new Map<string, { file: string; line: number }>();
  if (options.bunAutoload) {
    for (const file of bunDotenvFiles(options.cwd, processEnv.NODE_ENV)) {
      for (const [name, line] of dotenvNamesIn(file)) autoloaded.set(name, { file, line });
    }
  }
  const rootEnv = readProjectEnvEntries(root);
  const rootFile = projectEnvFile(root);
  const lookupProcess = (name: string): SourcedValue | undefined => {
    const value = processEnv[name];
    if (value === undefined || value === "") return undefined;
    const from = autoloaded.get(name);
    return { value, origin: from ? { kind: "project", ...from } : { kind: "user" } };
  };
  const merged: Record<string, string | undefined> = Object.fromEntries([...rootEnv].map(([name, entry]) => [name, entry.value]));
  for (const [name, value] of Object.entries(processEnv)) if (value !== undefined && value !== "") merged[name] = value;
  return {
    merged,
    lookup(name) {
      const fromProcess = lookupProcess(name);
      if (fromProcess) return fromProcess;
      const entry = rootEnv.get(name);
      return entry && entry.value !== "" ? { value: entry.value, origin: { kind: "project", file: rootFile, line: entry.line } } : undefined;
    },
    lookupProcess,
    user: Object.fromEntries(Object.entries(processEnv).filter(([name]) => !autoloaded.has(name))),
    autoloaded,
  };
}
