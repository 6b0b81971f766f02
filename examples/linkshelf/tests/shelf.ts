import * as jaunt from "@jaunt/runtime";
import { LruCache } from "../src/lru";
import { Shelf } from "../src/shelf";

/**
 * LruCache(2): set a, set b, get a, set c → b is evicted; keys() is ["c", "a"];
 * size is 2; capacity 0 throws RangeError.
 */
export const lruEviction = jaunt.test(function lruEviction() {
  void LruCache;
});

/**
 * Shelf: adding "https://a.dev" titled "Hello" twice gives slugs "hello" and
 * "hello-2"; find("hello-2") returns the second; list() keeps insertion order;
 * adding "ftp://x" throws TypeError.
 */
export const shelfSlugs = jaunt.test(function shelfSlugs() {
  void Shelf;
});
