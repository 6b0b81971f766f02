/**
 * `@magic()` on a class: import-time substitution. The decorator loads the
 * generated class while the spec module evaluates and returns it in place of
 * the spec; before a build it returns a placeholder subclass whose
 * constructor throws `JauntNotBuiltError` (or `JauntLoadError` when Node
 * cannot load the generated module that is there). Works as a TC39 standard decorator
 * `(value, context)` and as a legacy `experimentalDecorators` one `(target)`.
 */
import { JauntDiscoveryError, type JauntError } from "./errors.ts";
import { loadGeneratedExport, wrongKind, type GeneratedExport } from "./generated-module.ts";
import { registerSpec, type MagicOptions, type RegistryEntry } from "./registry.ts";
import type { SpecSite } from "./spec-location.ts";
import { tagSpecRef } from "./spec-ref.ts";

/**
 * Any class as a decorator sees it: abstract or not, with a public,
 * protected or private constructor. TypeScript has no constructor type a
 * class with a non-public constructor is assignable to (`abstract new (…)`
 * rejects it: TS1238/TS1270 in the user's project), so: a function.
 */
export type SpecClass = Function;

/**
 * The part of a standard decorator's context `@magic()` reads. Typed
 * structurally rather than as `ClassDecoratorContext<C>`, whose constraint
 * (a public constructor) a class with a private constructor fails; its
 * `kind: "class"` still makes `@magic()` on a method or field a type error.
 */
export interface ClassSpecContext {
  readonly kind: "class";
  readonly name: string | undefined;
}

/**
 * What `@magic()` returns; type-checks in both decorator modes. The result
 * is typed as the spec class: the build checks the generated class against it.
 */
export type ClassSpecDecorator = <C extends SpecClass>(target: C, context?: ClassSpecContext) => C;

type Extendable = new (...args: unknown[]) => object;

function isExtendable(value: unknown): value is Extendable {
  return typeof value === "function" && typeof value.prototype === "object";
}

/** The generated class stands in for the spec class it was checked against. */
function isSubstituteFor<C extends SpecClass>(value: unknown, _spec: C): value is C {
  return typeof value === "function";
}

function describeTarget(args: readonly unknown[]): string {
  const context = args[1];
  if (typeof context === "object" && context !== null && "kind" in context) {
    const name = "name" in context ? ` \`${String(context.name)}\`` : "";
    return `a ${String(context.kind)}${name}`; // TC39: method, field, getter, setter, accessor
  }
  if (args.length >= 2) return `the class member \`${String(context)}\``; // legacy: (prototype, key, descriptor?)
  return `a ${typeof args[0]}`;
}

/** The class name, or `undefined` when the decorator was applied to something else. */
function classNameOf(args: readonly unknown[]): string | undefined {
  const [target, context] = args;
  if (!isExtendable(target)) return undefined;
  if (args.length === 1) return target.name; // legacy class decorator
  if (typeof context === "object" && context !== null && "kind" in context && context.kind === "class") {
    const name = "name" in context ? context.name : undefined;
    return typeof name === "string" ? name : target.name;
  }
  return undefined;
}

function placeholderFor(spec: Extendable, entry: RegistryEntry, error: () => JauntError): Extendable {
  const fail = (): never => {
    throw error();
  };
  // A subclass keeps `instanceof` and statics of the spec; it can never be constructed.
  const placeholder = class extends spec {
    constructor(...args: unknown[]) {
      super(fail(), ...args); // fail() throws before the spec constructor runs
    }
  };
  Object.defineProperty(placeholder, "name", { value: entry.name, configurable: true });
  return placeholder;
}

/**
 * How a decorator finds the generated class: by default a synchronous require
 * of the sibling module; a statically linked spec module (bundler plugins)
 * passes the generated namespace it imported and maps names a bundler renamed.
 */
export interface ClassLinkage {
  readonly name: (declared: string) => string;
  readonly load: (entry: RegistryEntry, site: SpecSite) => GeneratedExport;
}

const DYNAMIC: ClassLinkage = { name: (declared) => declared, load: loadGeneratedExport };

/** Builds the decorator for `@magic(options)`; `site` is where `magic()` was called. */
export function createClassDecorator(options: MagicOptions, site: SpecSite, linkage: ClassLinkage = DYNAMIC): ClassSpecDecorator {
  function decorate<C extends SpecClass>(target: C, _context?: ClassSpecContext): C {
    const args: readonly unknown[] = Array.from(arguments);
    const declared = classNameOf(args);
    const name = declared === undefined ? undefined : linkage.name(declared);
    if (name === undefined || !isExtendable(target)) {
      throw new JauntDiscoveryError(`@magic() decorates classes only, not ${describeTarget(args)}`, "discovery.unsupported_target", {
        location: site.location ?? { file: site.specFile },
        hint: "use magic(function name(…) { … }) for functions; methods, fields and accessors cannot be specs on their own",
      });
    }
    const entry = registerSpec("class", name, site, options);
    const loaded = linkage.load(entry, site);
    let result: unknown;
    if (!loaded.found) result = placeholderFor(target, entry, loaded.error);
    else if (isExtendable(loaded.value)) result = loaded.value;
    else result = placeholderFor(target, entry, () => wrongKind(entry, site, loaded.value, "a class"));
    if (!isSubstituteFor(result, target)) throw new TypeError("unreachable: the substitute is a class");
    if (result.name !== name) Object.defineProperty(result, "name", { value: name, configurable: true });
    tagSpecRef(result, entry.ref);
    return result;
  }
  return decorate;
}
