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
  // The first call loads the implementation and puts it in place of itself.
  let target: Function = function firstCall(this: unknown): unknown {
    const loaded = loadGeneratedExport(entry, site);
    if (!loaded.found) throw loaded.error();
    if (typeof loaded.value !== "function") throw wrongKind(entry, site, loaded.value, "a function");
    target = loaded.value;
    return Reflect.apply(target, this, arguments);
  };

  // Hot path: a call with exactly the caller's arguments to the implementation
  // in place. The wrapper's shape is picked by the spec's declared parameter
  // count: each shape is its own small function, so the engine inlines it into
  // the caller and the implementation into it, and a call site in shared code
  // sees only the specs of one arity. (One forwarding `Reflect.apply(f, this,
  // arguments)` for every spec cost a 10 ns function ~2×: bench/dispatch.ts.)
  // A call with another argument count takes the exact, slower forwarding path.
  const forward = function jauntDispatch(this: unknown): unknown {
    return Reflect.apply(target, this, arguments);
  };
  let wrapper: Function = forward;
  switch (spec.length) {
    case 0:
      wrapper = function jauntDispatch(this: unknown): unknown {
        return arguments.length === 0 ? target.call(this) : Reflect.apply(target, this, arguments);
      };
      break;
    case 1:
      wrapper = function jauntDispatch(this: unknown, a: unknown): unknown {
        return arguments.length === 1 ? target.call(this, a) : Reflect.apply(target, this, arguments);
      };
      break;
    case 2:
      wrapper = function jauntDispatch(this: unknown, a: unknown, b: unknown): unknown {
        return arguments.length === 2 ? target.call(this, a, b) : Reflect.apply(target, this, arguments);
      };
      break;
    case 3:
      wrapper = function jauntDispatch(this: unknown, a: unknown, b: unknown, c: unknown): unknown {
        return arguments.length === 3 ? target.call(this, a, b, c) : Reflect.apply(target, this, arguments);
      };
      break;
    case 4:
      wrapper = function jauntDispatch(this: unknown, a: unknown, b: unknown, c: unknown, d: unknown): unknown {
        return arguments.length === 4 ? target.call(this, a, b, c, d) : Reflect.apply(target, this, arguments);
      };
      break;
  }
  mirrorShape(wrapper, entry.name, spec);
  tagSpecRef(wrapper, entry.ref);
  if (!hasSpecSignature(wrapper, spec)) throw new TypeError("unreachable: the wrapper is a function");
  return wrapper;
}
