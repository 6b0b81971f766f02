/**
 * Where a spec lives: its file (from the call site or the `specFile`
 * override), its module id relative to the project root, and its SpecRef.
 */
import { nodePath, nodeUrl } from "./node-builtins.ts";
import { JauntDiscoveryError, type SourceLocation } from "./errors.ts";
import { projectOf } from "./project-root.ts";
import { callerFrame } from "./stack-frames.ts";

/** A spec's resolved place in the project. */
export interface SpecSite {
  /** Absolute path of the spec module. */
  readonly specFile: string;
  /** Path from the project root without extension, `/`-separated: `src/slug`. */
  readonly module: string;
  /** Name of the generated sibling folder to load from. */
  readonly generatedDir: string;
  /** The call site, for error messages (absent when `specFile` was given). */
  readonly location: SourceLocation | undefined;
}

export const DEFAULT_GENERATED_DIR = "__generated__";

/** Turns a `specFile` option (absolute/relative path or file:// URL) into an absolute path. */
export function normalizeSpecFile(specFile: string): string {
  if (specFile.startsWith("file:")) return nodeUrl().fileURLToPath(specFile);
  return nodePath().isAbsolute(specFile) ? specFile : nodePath().resolve(specFile);
}

/** `src/a/b.ts` under root → `src/a/b`. */
export function moduleIdOf(root: string, specFile: string): string {
  const withoutExt = specFile.slice(0, specFile.length - nodePath().extname(specFile).length);
  return nodePath().relative(root, withoutExt).split(nodePath().sep).join("/");
}

/**
 * Locates the spec module that is calling the runtime right now (or the one
 * named by `specFile`). Call it synchronously from the public API function.
 */
export function locateSpec(specFileOption: string | undefined, generatedDirOption: string | undefined): SpecSite {
  let specFile: string;
  let location: SourceLocation | undefined;
  if (specFileOption !== undefined) {
    specFile = normalizeSpecFile(specFileOption);
  } else {
    const frame = callerFrame();
    if (frame === undefined) {
      // Seen in bundles and compiled binaries, whose runtimes print only the message: the fix goes there.
      const message =
        "cannot tell which file declares this spec: no stack frame outside the runtime. " +
        "A bundle or compiled binary? Link specs at build time with the plugin from @jaunt/runtime/bun-plugin (Bun.build) or @jaunt/runtime/vite-plugin";
      throw new JauntDiscoveryError(message, "runtime.spec_file_unknown", {
        hint: "otherwise pass the spec file explicitly: magic({ specFile: import.meta.url }, fn)",
      });
    }
    specFile = frame.file;
    location = { file: frame.file, line: frame.line, column: frame.column };
  }
  const project = projectOf(specFile);
  return {
    specFile,
    module: moduleIdOf(project.root, specFile),
    generatedDir: generatedDirOption ?? project.generatedDir ?? DEFAULT_GENERATED_DIR,
    location,
  };
}
