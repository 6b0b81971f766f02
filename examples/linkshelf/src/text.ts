import * as jaunt from "@jaunt/runtime";

/**
 * Turn a title into a URL slug.
 * - lowercase ASCII letters and digits are kept; accented Latin letters lose
 *   their accents first ("Café" → "cafe")
 * - every run of other characters becomes one "-"
 * - no leading or trailing "-"
 * @throws {RangeError} when nothing is left of the title
 * @example
 * slugify("Hello, World!") // => "hello-world"
 * slugify("Café au lait") // => "cafe-au-lait"
 * slugify("!!!") // throws RangeError
 */
export const slugify = jaunt.magic(function slugify(title: string): string {
  return jaunt.todo();
});

/**
 * Shorten `text` to at most `max` characters, cutting at the last space
 * before the limit when there is one and appending "…" (which counts toward
 * `max`). Text that already fits is returned unchanged.
 * @throws {RangeError} when `max` is less than 1
 * @example
 * truncate("The quick brown fox", 12) // => "The quick…"
 * truncate("short", 10) // => "short"
 */
export const truncate = jaunt.magic(function truncate(text: string, max: number): string {
  return jaunt.todo();
});
