import * as jaunt from "@jaunt/runtime";

/**
 * A least-recently-used cache holding at most `capacity` entries.
 * Reading or writing a key makes it the most recently used; inserting past
 * capacity evicts the least recently used entry.
 * @example
 * const cache = new LruCache<string, number>(2);
 * cache.set("a", 1);
 * cache.set("b", 2);
 * cache.get("a") // => 1
 * cache.set("c", 3);
 * cache.keys() // => ["c", "a"]
 * cache.get("b") // => undefined
 */
@jaunt.magic()
export class LruCache<K, V> {
  /** @throws {RangeError} when capacity is not a positive integer */
  constructor(readonly capacity: number) {}

  /** The value for `key`, or undefined; marks the key as most recently used. */
  get(key: K): V | undefined {
    return jaunt.todo();
  }

  /** Store `value` under `key` as the most recently used entry. */
  set(key: K, value: V): void {
    jaunt.todo();
  }

  /** Number of entries held. */
  get size(): number {
    return jaunt.todo();
  }

  /** Keys from most to least recently used. */
  keys(): K[] {
    return jaunt.todo();
  }
}
