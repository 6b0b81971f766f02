/**
 * `@jaunt/runtime/link` — static linking, used by the bundler plugins
 * (`bun-plugin`, `vite-plugin`), not by hand. The plugin gives every spec
 * module its own `magic`, bound to the generated namespace the plugin
 * imported statically, so a bundle or a compiled binary carries the
 * generated code and never reads the stack or the disk.
 *
 * A linked function spec *is* the generated function (named and shaped like
 * the spec, tagged with its SpecRef): calls cost nothing extra. A linked
 * class spec is the generated class, exactly as under dynamic dispatch.
 */
import { createClassDecorator, type ClassSpecDecorator } from "./class-spec.ts";
import { JauntDiscoveryError } from "./errors.ts";
import { mirrorShape } from "./function-spec.ts";
import { notBuilt, wrongKind, type GeneratedExport } from "./generated-module.ts";
import { isMagicOptions, registerSpec, type MagicOptions, type RegistryEntry } from "./registry.ts";
import type { SpecSite } from "./spec-location.ts";
import { tagSpecRef } from "./spec-ref.ts";

/** What a plugin knows about one spec module at build time. */
export interface SpecModuleLink {
  /** Path of the spec module from the project root, without extension: `src/slug`. */
  readonly module: string;
  /** The spec module's path when it was bundled (for messages and `registry()`). */
  readonly specFile: string;
  /** Name of the generated folder (`__generated__`). */
  readonly generatedDir: string;
  /** The generated module's namespace, imported statically by the plugin. */
  readonly generated: object;
  /** Spec names, in source order, of `magic(fn)` declarations and of `@magic()` classes. */
  readonly functionNames: readonly string[];
  readonly classNames: readonly string[];
}

/** The per-module face a linked spec module sees instead of the runtime's `magic`. */
export interface LinkedRuntime {
  readonly magic: LinkedMagic;
}

/** Same overloads as the runtime's `magic`. */
export interface LinkedMagic {
  <F extends Function>(fn: F): F;
  <F extends Function>(options: MagicOptions, fn: F): F;
  (options?: MagicOptions): ClassSpecDecorator;
}

/**
 * The spec name for a name seen at run time. Bundlers rename colliding
 * declarations (`slugify` → `slugify2`) and minifiers drop names, so a name
 * that is not a declared spec falls back to the suffix-free name, then to
 * the declaration at the same position in the source.
 */
function specName(seen: string, declared: readonly string[], position: number, site: SpecSite): string {
  if (seen !== "" && declared.includes(seen)) return seen;
  const unsuffixed = seen.replace(/\d+$/, "");
  if (seen !== "" && declared.includes(unsuffixed)) return unsuffixed;
  const byPosition = declared[position];
  if (byPosition !== undefined) return byPosition;
  if (seen !== "") return seen;
  throw new JauntDiscoveryError("cannot tell the name of this magic() spec", "discovery.anonymous_spec", {
    location: { file: site.specFile },
    hint: "pass a named function: export const slugify = magic(function slugify(…) { … })",
  });
}

function generatedExport(link: SpecModuleLink, entry: RegistryEntry, site: SpecSite): GeneratedExport {
  const value: unknown = Reflect.get(link.generated, entry.name);
  if (value !== undefined) return { found: true, value };
  return { found: false, error: () => notBuilt(entry, site, `the linked generated module has no export \`${entry.name}\``) };
}

function linkFunction(link: SpecModuleLink, site: SpecSite, spec: Function, options: MagicOptions, position: number): Function {
  const name = specName(spec.name, link.functionNames, position, site);
  const entry = registerSpec("function", name, site, options);
  const loaded = generatedExport(link, entry, site);
  if (!loaded.found || typeof loaded.value !== "function") {
    const error = loaded.found ? wrongKind(entry, site, loaded.value, "a function") : loaded.error();
    const unbuilt = function jauntNotBuilt(): never {
      throw error;
    };
    mirrorShape(unbuilt, name, spec);
    tagSpecRef(unbuilt, entry.ref);
    return unbuilt;
  }
  const implementation = loaded.value;
  // What callers observe is the spec's shape, as with the dynamic wrapper.
  mirrorShape(implementation, name, spec);
  tagSpecRef(implementation, entry.ref);
  return implementation;
}

/** Builds the `magic` a statically linked spec module uses. */
export function linkSpecModule(link: SpecModuleLink): LinkedRuntime {
  const site: SpecSite = { specFile: link.specFile, module: link.module, generatedDir: link.generatedDir, location: undefined };
  let functions = 0;
  let classes = 0;
  function magic<F extends Function>(fn: F): F;
  function magic<F extends Function>(options: MagicOptions, fn: F): F;
  function magic(options?: MagicOptions): ClassSpecDecorator;
  function magic(first?: MagicOptions | Function, second?: unknown): Function {
    const options = isMagicOptions(first) ? first : {};
    const fn = typeof first === "function" ? first : second;
    if (typeof first === "function" && second !== undefined) {
      // `@magic` without parentheses: the class arrives as `fn`, as in the runtime's own `magic`.
      throw new JauntDiscoveryError("magic was applied as a decorator without parentheses", "discovery.invalid_magic_call", {
        location: { file: site.specFile },
        hint: "write @magic() (or @magic(options)) above the class",
      });
    }
    if (typeof fn === "function") return linkFunction(link, site, fn, options, functions++);
    const position = classes++;
    return createClassDecorator(options, site, {
      name: (seen) => specName(seen, link.classNames, position, site),
      load: (entry) => generatedExport(link, entry, site),
    });
  }
  return { magic };
}
