/**
 * `magic` — the one entry point for source specs: `magic(fn)` and
 * `magic(options, fn)` wrap a function, `@magic()` and `@magic(options)`
 * decorate a class.
 */
import { createClassDecorator, type ClassSpecDecorator } from "./class-spec.ts";
import { JauntDiscoveryError } from "./errors.ts";
import { createFunctionSpec } from "./function-spec.ts";
import { isMagicOptions, type MagicOptions } from "./registry.ts";
import { locateSpec, type SpecSite } from "./spec-location.ts";

/** Spec functions: anything callable (classes go through `@magic()`). */
export type SpecFunction = (...args: never[]) => unknown;

function isClass(fn: Function): boolean {
  return /^class\b/.test(Function.prototype.toString.call(fn));
}

function checkOptions(options: MagicOptions): void {
  for (const key of ["specFile", "generatedDir", "prompt"] as const) {
    const value = options[key];
    if (value !== undefined && typeof value !== "string") {
      throw new JauntDiscoveryError(`magic() option \`${key}\` must be a string`, "discovery.invalid_options");
    }
  }
  if (options.deps !== undefined && !Array.isArray(options.deps)) {
    throw new JauntDiscoveryError("magic() option `deps` must be an array of specs", "discovery.invalid_options");
  }
  for (const dep of options.deps ?? []) {
    if (typeof dep === "string" ? !/^[^:]+:[A-Za-z_$][\w$]*$/.test(dep) : typeof dep !== "function") {
      throw new JauntDiscoveryError(`magic() option \`deps\` has ${typeof dep === "string" ? `"${dep}", which is not a SpecRef` : `a ${dep === undefined ? "value that is undefined (a spec used before its definition?)" : typeof dep}`}`, "discovery.invalid_options", {
        hint: "list specs, or their SpecRef strings (\"src/slug:slugify\"), which also work for specs defined later in the module",
      });
    }
  }
}

function misuse(site: SpecSite, message: string, hint: string): JauntDiscoveryError {
  return new JauntDiscoveryError(message, "discovery.invalid_magic_call", { location: site.location ?? { file: site.specFile }, hint });
}

/**
 * Wraps a spec function: calls go to the generated implementation in the
 * sibling `__generated__/` module, loaded on first call.
 *
 * @example
 * export const slugify = magic(function slugify(title: string): string {
 *   return todo();
 * });
 */
export function magic<F extends SpecFunction>(fn: F): F;
/**
 * Wraps a spec function with options (`deps`, `prompt`, `specFile`, `generatedDir`).
 *
 * @example
 * export const uniqueSlug = magic({ deps: [slugify] }, function uniqueSlug(t: string): string {
 *   return todo();
 * });
 */
export function magic<F extends SpecFunction>(options: MagicOptions, fn: F): F;
/**
 * Class decorator factory: `@magic()` or `@magic(options)` on a top-level
 * exported class, as a standard or an `experimentalDecorators` decorator.
 */
export function magic(options?: MagicOptions): ClassSpecDecorator;
export function magic(first?: MagicOptions | Function, second?: unknown): Function {
  const options = isMagicOptions(first) ? first : {};
  checkOptions(options);
  // Locate now, while the spec module's frame is on the stack (for classes too:
  // the decorator itself runs from transpiler helpers).
  const site = locateSpec(options.specFile, options.generatedDir);
  const fn = typeof first === "function" ? first : second;
  if (typeof fn === "function") {
    if (typeof first === "function" && second !== undefined) {
      throw misuse(site, "magic was applied as a decorator without parentheses", "write @magic() (or @magic(options)) above the class");
    }
    if (isClass(fn)) throw misuse(site, `magic(${fn.name || "class"}) was given a class`, "decorate classes instead: @magic() export class …");
    return createFunctionSpec(fn, options, site);
  }
  if (second !== undefined) throw misuse(site, "magic(options, fn) needs a function as its second argument", "magic({ prompt: \"…\" }, function name(…) { … })");
  if (first !== undefined && !isMagicOptions(first)) throw misuse(site, `magic() got a ${typeof first}`, "pass a function, or an options object");
  return createClassDecorator(options, site);
}
