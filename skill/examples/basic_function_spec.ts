/**
 * Example: function specs. `jaunt build` writes their implementations into
 * `__generated__/basic_function_spec.ts` next to this file. In a project,
 * name the module after what it holds (`src/slug.ts`).
 */
import * as jaunt from "@jaunt/runtime";

/**
 * Turn a title into a URL slug.
 * - lowercase ASCII letters and digits are kept
 * - every run of other characters becomes one "-"
 * - no leading or trailing "-"
 *
 * @example slugify("Hello, World!") === "hello-world"
 * @example slugify("  Déjà vu  ") === "d-j-vu"
 * @throws {RangeError} when nothing is left of the title
 */
export const slugify = jaunt.magic(function slugify(title: string): string {
  return jaunt.todo();
});

/**
 * A slug for `title` that is not in `taken`: `slugify(title)` itself when
 * free, otherwise the first free one of `<slug>-2`, `<slug>-3`, ….
 *
 * @example uniqueSlug("Hello", new Set(["hello"])) === "hello-2"
 * @throws {RangeError} as slugify does
 */
export const uniqueSlug = jaunt.magic(
  { deps: [slugify], prompt: "Call slugify once; never mutate `taken`." },
  function uniqueSlug(title: string, taken: ReadonlySet<string>): string {
    // count upwards from 2 until the candidate is free
    return jaunt.todo();
  },
);
