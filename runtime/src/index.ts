/**
 * `@jaunt/runtime` — run-time side of Jaunt spec stubs: `magic()` dispatch to
 * generated code, `test()` specs, `todo()`, the registry and the error family.
 */
export * from "./errors.ts";
export { magic, type SpecFunction } from "./magic.ts";
export type { ClassSpecDecorator, SpecClass } from "./class-spec.ts";
export { test, todo, type TestOptions } from "./test-spec.ts";
export { specRef, SPEC_REF_KEY } from "./spec-ref.ts";
export { registry, type MagicOptions, type RegistryEntry, type SpecDep, type SpecKind, type SpecRefString } from "./registry.ts";
