/**
 * Why Node cannot load a spec's generated module that is there: a `.ts`
 * sibling without a compiled `.js` one (Node does not load TypeScript), or an
 * ES module that this Node cannot `require()` (`ERR_REQUIRE_ESM`). Both are
 * `JauntLoadError`s naming the file and the fix, not "run `jaunt build`".
 */
import { JauntLoadError } from "./errors.ts";
import { nodeFs, nodePath } from "./node-builtins.ts";
import type { RegistryEntry } from "./registry.ts";
import type { SpecSite } from "./spec-location.ts";

const TYPESCRIPT_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];

/** The generated sibling as a TypeScript file, if one exists (checked only after `require` could not resolve it). */
export function typeScriptSibling(site: Pick<SpecSite, "specFile" | "generatedDir">): string | undefined {
  const path = nodePath();
  const stem = path.join(path.dirname(site.specFile), site.generatedDir, path.basename(site.specFile, path.extname(site.specFile)));
  return TYPESCRIPT_EXTENSIONS.map((extension) => stem + extension).find((file) => nodeFs().existsSync(file));
}

/** Node found only `file`, a TypeScript module it cannot load. */
export function typeScriptOnNode(entry: RegistryEntry, site: SpecSite, file: string): JauntLoadError {
  const compiled = file.replace(/\.([mc]?)tsx?$/, ".$1js");
  return new JauntLoadError(`${entry.ref}: Node cannot load the TypeScript file ${file}`, "runtime.typescript_on_node", {
    location: site.location,
    hint: `compile with tsc, including the generated folder (so ${compiled} exists); or bundle with @jaunt/runtime/bun-plugin or @jaunt/runtime/vite-plugin; or run with Bun`,
  });
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? Reflect.get(error, "code") : undefined;
}

/**
 * `require(file)` threw `error`: the runtime's own error when this Node
 * cannot `require()` the ES module `file` itself; `undefined` for anything
 * else (including an ES module that `file` requires), which propagates as is.
 */
export function requireEsmFailure(entry: RegistryEntry, site: SpecSite, file: string, error: unknown): JauntLoadError | undefined {
  if (errorCode(error) !== "ERR_REQUIRE_ESM" || !(error instanceof Error) || !error.message.includes(`of ES Module ${file} from`)) return undefined;
  return new JauntLoadError(`${entry.ref}: Node ${process.version} cannot require() the ES module ${file} (ERR_REQUIRE_ESM)`, "runtime.require_esm", {
    location: site.location,
    hint: "the runtime loads generated modules with require(), which for ES modules needs Node ≥ 20.19 or ≥ 22.12 (without --no-experimental-require-module): upgrade Node, or compile to CommonJS",
    cause: error,
  });
}
