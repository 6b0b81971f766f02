/**
 * Loads a spec's implementation from its generated sibling
 * (`src/a/b.ts` → `src/a/__generated__/b.ts`) with a synchronous require
 * relative to the spec file.
 */
import { JauntNotBuiltError, type JauntError } from "./errors.ts";
import { nodeModule, nodePath } from "./node-builtins.ts";
import { requireEsmFailure, typeScriptOnNode, typeScriptSibling } from "./node-load-errors.ts";
import type { RegistryEntry } from "./registry.ts";
import type { SpecSite } from "./spec-location.ts";

/** The require specifier of a spec's generated module, relative to the spec file. */
export function generatedSpecifier(site: Pick<SpecSite, "specFile" | "generatedDir">): string {
  const base = nodePath().basename(site.specFile, nodePath().extname(site.specFile));
  return `./${site.generatedDir}/${base}`;
}

/** The error for a spec whose generated module or export is missing (`detail` says which). */
export function notBuilt(entry: RegistryEntry, site: SpecSite, detail: string, cause?: unknown): JauntNotBuiltError {
  return new JauntNotBuiltError(entry.ref, detail, {
    location: site.location,
    hint: `run \`jaunt build\` to generate ${generatedSpecifier(site)} next to ${entry.module}`,
    cause,
  });
}

/** Outcome of a load: the export, or the error a call (or `new`) raises. */
export type GeneratedExport =
  | { readonly found: true; readonly value: unknown }
  | { readonly found: false; readonly error: () => JauntError };

/**
 * The generated export for `entry`, or how to make the error to raise
 * (returned, not thrown, so class decoration can fall back to a placeholder):
 * `JauntNotBuiltError` when the module or the export is missing,
 * `JauntLoadError` when Node cannot load a module that is there (a `.ts`
 * file, or `require()` of an ES module before Node 20.19). Other errors
 * thrown while the generated module loads propagate unchanged: they are bugs
 * in generated code, not a missing build.
 */
export function loadGeneratedExport(entry: RegistryEntry, site: SpecSite): GeneratedExport {
  const requireFromSpec = nodeModule().createRequire(site.specFile);
  const specifier = generatedSpecifier(site);
  let resolved: string;
  try {
    // Resolve first: a resolve failure means "not generated yet", while a
    // missing import *inside* the generated module must surface as itself.
    resolved = requireFromSpec.resolve(specifier);
  } catch (error) {
    const typescript = typeScriptSibling(site);
    if (typescript !== undefined) return { found: false, error: () => typeScriptOnNode(entry, site, typescript) };
    return { found: false, error: () => notBuilt(entry, site, `no generated module ${specifier}`, error) };
  }
  let loaded: unknown;
  try {
    loaded = requireFromSpec(resolved);
  } catch (error) {
    const cannotRequire = requireEsmFailure(entry, site, resolved, error);
    if (cannotRequire === undefined) throw error;
    return { found: false, error: () => cannotRequire };
  }
  const value = typeof loaded === "object" && loaded !== null ? Reflect.get(loaded, entry.name) : undefined;
  if (value === undefined) {
    return { found: false, error: () => notBuilt(entry, site, `${specifier} has no export \`${entry.name}\``) };
  }
  return { found: true, value };
}

/** A generated export that has the wrong kind of value counts as not built. */
export function wrongKind(entry: RegistryEntry, site: SpecSite, value: unknown, expected: string): JauntNotBuiltError {
  return notBuilt(entry, site, `export \`${entry.name}\` of ${generatedSpecifier(site)} is a ${typeof value}, not ${expected}`);
}
