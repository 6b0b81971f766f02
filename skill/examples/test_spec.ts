/**
 * Example: test specs. In a project this file lives in a test root (e.g.
 * `tests/slug.ts`) and imports the specs from their modules (`../src/slug`).
 * Name it after what it tests — never `*.test.ts`, `*.spec.ts`, `*_test.ts`
 * or `*_spec.ts` (this example's own name): `bun test` would collect the stub,
 * and Jaunt skips such files. `jaunt test` writes `tests/__generated__/slug.test.ts`
 * and runs it with `bun test`.
 */
import * as jaunt from "@jaunt/runtime";
import { slugify, uniqueSlug } from "./basic_function_spec";
import { LruCache } from "./class_spec";

/**
 * slugify("Hello, World!") is "hello-world"; slugify("  a  b ") is "a-b";
 * slugify("!!!") and slugify("") throw RangeError.
 */
export const slugifyBasics = jaunt.test(function slugifyBasics() {
  void slugify;
});

/**
 * uniqueSlug("Hello", new Set()) is "hello";
 * uniqueSlug("Hello", new Set(["hello", "hello-2"])) is "hello-3";
 * the set passed in is left unchanged.
 */
export const uniqueSlugCounts = jaunt.test(function uniqueSlugCounts() {
  void uniqueSlug;
});

/**
 * new LruCache(2): set("a", 1), set("b", 2), get("a"), set("c", 3) → "b" is
 * evicted; keys() is ["c", "a"]; size is 2; new LruCache(0) throws RangeError.
 */
export const lruEviction = jaunt.test(function lruEviction() {
  void LruCache;
});
