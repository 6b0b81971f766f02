/** Argument groups shared by several commands; spread into a command's `args`. */
import type { ArgsDef } from "citty";
import { UsageError } from "./usage-error.ts";

export const rootArgs = {
  root: {
    type: "string",
    description: "Project root holding jaunt.toml (default: nearest one walking up from the current folder)",
    valueHint: "dir",
  },
} as const satisfies ArgsDef;

export const jsonArgs = {
  json: {
    type: "boolean",
    description: "Print a machine-readable JSON document on stdout",
  },
} as const satisfies ArgsDef;

export const verboseArgs = {
  verbose: {
    type: "boolean",
    description: "Show more detail: each provider retry in the server's words, request changes, stack traces of errors (also DEBUG=1)",
  },
} as const satisfies ArgsDef;

export const jobsArgs = {
  jobs: {
    type: "string",
    description: "Number of modules generated in parallel (overrides jaunt.toml)",
    valueHint: "n",
  },
} as const satisfies ArgsDef;

/** Parse `--jobs`; undefined when absent. Throws a usage error for non-positive integers. */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, got "${value}"`);
  return jobs;
}

/** `--timeout SECONDS` → a positive number of seconds (undefined when absent); a usage error otherwise. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${value}"`);
  return seconds;
}

/**
 * `--infer-deps` / `--no-infer-deps`, shared by the commands that plan (`status`, `build`, `test`, `watch`, `prompt`, `stamp`).
 * No citty default: absent means "as jaunt.toml says", so either flag overrides
 * `[build]/[test] infer_deps` (`planOptions` passes the value on).
 */
export const inferDepsArgs = {
  "infer-deps": {
    type: "boolean",
    description: "Make each spec depend on the specs its module imports — those its code, JSDoc or comments name, else the whole module (default: [build]/[test] infer_deps in jaunt.toml, true unless set)",
    negativeDescription: "Keep only the explicit deps of each spec (magic({ deps }))",
  },
} as const satisfies ArgsDef;

/** The options every planning command passes on from `--root` and `--infer-deps` / `--no-infer-deps` (each absent when not given). */
export function planOptions(args: { readonly root?: string | undefined; readonly "infer-deps"?: boolean | undefined }): { root?: string; inferDeps?: boolean } {
  return {
    ...(args.root === undefined ? {} : { root: args.root }),
    ...(args["infer-deps"] === undefined ? {} : { inferDeps: args["infer-deps"] }),
  };
}

/** `--offline`, shared by the commands that generate (`build`, `test`, `watch`). */
export const offlineArgs = {
  offline: { type: "boolean", description: "No network: use only the local cache of LLM answers (not the remote cache); a module without one fails" },
} as const satisfies ArgsDef;

/** Flags shared by the commands that generate code (`build`, `test`). */
export const generationArgs = {
  force: { type: "boolean", description: "Re-roll: ask the model again for every module of the run, even fresh or hand-edited ones; the new answer replaces the cached one" },
  ...offlineArgs,
  ...inferDepsArgs,
} as const satisfies ArgsDef;
