/**
 * Node built-ins, loaded on first use with `process.getBuiltinModule` (Node
 * ≥ 20.16, Bun). Importing `node:fs`, `node:url` and `node:path` costs a Bun
 * process several milliseconds each at startup; only dynamic dispatch and the
 * bundler plugins use them, so a statically linked app (bundle, compiled
 * binary) never pays for them.
 */
import type * as Fs from "node:fs";
import type * as Module from "node:module";
import type * as Path from "node:path";
import type * as Url from "node:url";

let fs: typeof Fs | undefined;
let path: typeof Path | undefined;
let url: typeof Url | undefined;
let module: Pick<typeof Module, "createRequire"> | undefined;

export function nodeFs(): typeof Fs {
  fs ??= process.getBuiltinModule("node:fs");
  return fs;
}

export function nodePath(): typeof Path {
  path ??= process.getBuiltinModule("node:path");
  return path;
}

export function nodeUrl(): typeof Url {
  url ??= process.getBuiltinModule("node:url");
  return url;
}

export function nodeModule(): Pick<typeof Module, "createRequire"> {
  module ??= process.getBuiltinModule("node:module");
  return module;
}
