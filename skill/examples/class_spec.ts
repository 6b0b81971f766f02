/**
 * Example: a class spec. The decorator swaps in the generated class from
 * `__generated__/class_spec.ts` when this module is imported. In a project,
 * name the module after what it holds (`src/lru-cache.ts`).
 */
import * as jaunt from "@jaunt/runtime";

/**
 * A least-recently-used cache holding at most `capacity` entries.
 * Reading or writing a key makes it the most recently used; inserting a new
 * key past capacity evicts the least recently used entry.
 */
@jaunt.magic({ prompt: "Use a single Map and its insertion order." })
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

  /** Number of entries held (never more than capacity). */
  get size(): number {
    return jaunt.todo();
  }

  /** Keys from most to least recently used. */
  keys(): K[] {
    return jaunt.todo();
  }
}
