/**
 * `magic(fn)`: a wrapper that stands in for the spec function and forwards
 * every call to the generated implementation, loaded on the first call.
 * Loading lazily lets a generated module import its own spec module back.
 */
import { loadGeneratedExport, wrongKind } from "./generated-module.ts";
import { registerSpec, type MagicOptions } from "./registry.ts";
import type { SpecSite } from "./spec-location.ts";
import { specNameOf } from "./spec-name.ts";
import { tagSpecRef } from "./spec-ref.ts";

/**
 * Run-time values carry no types: a function exported by the generated module
 * is trusted to have its spec's signature (the build type-checks it against
 * the spec), as is the wrapper built from the spec.
 */
function hasSpecSignature<F extends Function>(value: unknown, _spec: F): value is F {
  return typeof value === "function";
}

/**
 * Gives the wrapper what callers can observe of the spec: its name (the
 * spec's, also for an anonymous arrow) and the spec function's `length`.
 */
export function mirrorShape(wrapper: Function, name: string, spec: Function): void {
  Object.defineProperty(wrapper, "name", { value: name, configurable: true });
  Object.defineProperty(wrapper, "length", { value: spec.length, configurable: true });
}

/** Registers `spec` and returns its dispatching wrapper. */
export function createFunctionSpec<F extends Function>(spec: F, options: MagicOptions, site: SpecSite): F {
  const entry = registerSpec("function", specNameOf(spec, site, "magic"), site, options);
  let implementation: Function | undefined;

  const load = (): Function => {
    const loaded = loadGeneratedExport(entry, site);
    if (!loaded.found) throw loaded.error();
    if (typeof loaded.value !== "function") throw wrongKind(entry, site, loaded.value, "a function");
    implementation = loaded.value;
    return implementation;
  };

  // Hot path: one cached-function check, then a direct forwarding apply.
  // `arguments` (not rest args) lets the engine forward without an array.
  const wrapper = function jauntDispatch(this: unknown): unknown {
    return Reflect.apply(implementation ?? load(), this, arguments);
  };
  mirrorShape(wrapper, entry.name, spec);
  tagSpecRef(wrapper, entry.ref);
  if (!hasSpecSignature(wrapper, spec)) throw new TypeError("unreachable: the wrapper is a function");
  return wrapper;
}
