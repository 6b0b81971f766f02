/** Test specs (`test(fn)`) and the stub-body marker `todo()`. */
import { JauntTodoError } from "./errors.ts";
import { registerSpec } from "./registry.ts";
import { locateSpec } from "./spec-location.ts";
import { specNameOf } from "./spec-name.ts";
import { tagSpecRef } from "./spec-ref.ts";

/** Options of `test(options, fn)`: a prompt for the test generator, and the `specFile` override. */
export interface TestOptions {
  readonly prompt?: string;
  /** The test spec module's path or `file://` URL, when stack traces lie (bundlers). */
  readonly specFile?: string;
}

/**
 * Registers a test spec (its JSDoc says what to test) and returns `fn`
 * unchanged, tagged with a non-enumerable `__jaunt_spec_ref__`.
 *
 * @example export const slugifyBasics = test(function slugifyBasics() {});
 */
export function test<F extends Function>(fn: F): F;
export function test<F extends Function>(options: TestOptions, fn: F): F;
export function test<F extends Function>(first: TestOptions | F, second?: F): F {
  const [options, fn] = typeof first === "function" ? [{}, first] : [first, second];
  if (typeof fn !== "function") throw new TypeError("test() needs a function: test(function name() {})");
  const site = locateSpec(options.specFile, undefined);
  const entry = registerSpec("test", specNameOf(fn, site, "test"), site, options);
  tagSpecRef(fn, entry.ref);
  return fn;
}

/**
 * Marks a stub body so it type-checks (`return todo();`). Stub bodies never
 * run in a working setup; if one does, this throws a `JauntTodoError` (a
 * `JauntNotBuiltError`). It cannot name the stub: `return todo()` is a tail
 * call, and Bun (JavaScriptCore) drops the stub's frame from the stack.
 */
export function todo(): never {
  throw new JauntTodoError(undefined, {
    hint: "call the spec through its magic() wrapper (or the class @magic() returns), and run `jaunt build` to generate it",
  });
}
