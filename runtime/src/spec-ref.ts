/** The `__jaunt_spec_ref__` tag every wrapper, substituted class and test spec carries. */

/** Property name holding a spec's SpecRef (`"src/slug:slugify"`). */
export const SPEC_REF_KEY = "__jaunt_spec_ref__";

/** Tags `target` with its SpecRef: non-enumerable, read-only, own property. */
export function tagSpecRef(target: object, ref: string): void {
  Object.defineProperty(target, SPEC_REF_KEY, { value: ref, enumerable: false, writable: false, configurable: true });
}

/**
 * The SpecRef of a wrapper, substituted class or test spec; `undefined` for
 * anything else. Only an own property counts, so a subclass of a spec class
 * is not mistaken for the spec.
 *
 * @example specRef(slugify) // "src/slug:slugify"
 */
export function specRef(value: unknown): string | undefined {
  if ((typeof value !== "function" && typeof value !== "object") || value === null) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(value, SPEC_REF_KEY);
  return typeof descriptor?.value === "string" ? descriptor.value : undefined;
}
