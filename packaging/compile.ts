/**
 * Compiles Jaunt into one executable with `Bun.build({ compile })`: the CLI
 * plus the generation worker as a second entrypoint, prompts and skill docs
 * embedded (they are imported as text), the version injected, and the
 * user's bunfig/.env/tsconfig/package.json never autoloaded — a user's folder
 * must not change how Jaunt itself runs.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { plainRootHelp } from "../src/cli/root-help-plain.ts";

/**
 * Constants a bundle of Jaunt `version` gets (`define`): the version, and the
 * root help a pipe or a file gets, made here for that version (root-help-plain.ts).
 */
export function builtDefines(version: string): Record<string, string> {
  return { JAUNT_VERSION: JSON.stringify(version), JAUNT_PLAIN_ROOT_HELP: JSON.stringify(plainRootHelp(version)) };
}

export const REPO_ROOT = path.resolve(import.meta.dir, "..");
const MAIN = path.join(REPO_ROOT, "src/main.ts");
const WORKER = path.join(REPO_ROOT, "src/orchestration/worker.ts");

export interface CompileOptions {
  /** Bun's target, e.g. `bun-linux-x64`. */
  readonly target: Bun.Build.CompileTarget;
  /** Absolute path of the executable to write. */
  readonly outfile: string;
  readonly version: string;
  /** Precompile to bytecode (faster startup, larger file). Default true. */
  readonly bytecode?: boolean;
  /** A different entrypoint (used by the startup benchmark's hello-world baseline). */
  readonly entrypoint?: string;
}

/**
 * Error class names (JauntConfigError…) are part of the UX, and Bun 1.4.5's
 * `keepNames` does not keep class names when identifiers are minified
 * (`this.name = new.target.name` gives "Wh"; oven-sh/bun#40503 is the fix,
 * not released). So identifiers stay; whitespace and syntax are minified, and
 * `keepNames` stops the syntax pass from dropping names. Identifier renaming
 * would save little in a ~100 MB executable.
 */
export const MINIFY = { whitespace: true, syntax: true, identifiers: false, keepNames: true } as const;

/** The entrypoints compiled in: the CLI and, when present, the Worker that generates modules. */
export function jauntEntrypoints(): string[] {
  return existsSync(WORKER) ? [MAIN, WORKER] : [MAIN];
}

/** The shared Bun.build settings for every compiled artifact, so the benchmark compares like with like. */
export function compileSettings(options: CompileOptions): Bun.BuildConfig {
  const bytecode = options.bytecode ?? true;
  return {
    entrypoints: options.entrypoint ? [options.entrypoint] : jauntEntrypoints(),
    target: "bun",
    format: "esm",
    // Lazily imported stages (typescript, openai…) become separate embedded
    // chunks, so `--version` and `--help` do not load them.
    splitting: true,
    minify: MINIFY,
    bytecode,
    sourcemap: "none",
    define: builtDefines(options.version),
    compile: {
      target: options.target,
      outfile: options.outfile,
      autoloadBunfig: false,
      autoloadDotenv: false,
      autoloadTsconfig: false,
      autoloadPackageJson: false,
    },
  };
}

/** Compile one executable; throws with Bun's build log on failure. Returns the outfile. */
export async function compileJaunt(options: CompileOptions): Promise<string> {
  const result = await Bun.build(compileSettings(options));
  if (!result.success) {
    throw new AggregateError(result.logs, `compiling ${options.target} failed:\n${result.logs.map(String).join("\n")}`);
  }
  // Windows targets get `.exe` appended by Bun when the name lacks it.
  const written = [options.outfile, `${options.outfile}.exe`].find((file) => existsSync(file));
  if (!written) throw new Error(`compiling ${options.target} reported success but wrote no ${options.outfile}`);
  return written;
}
