import { describe, expect, test } from "bun:test";
import { LruCache } from "../../src/lru";
import { Shelf } from "../../src/shelf";

describe("lruEviction", () => {
  test("evicts the least recently used entry", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.keys()).toEqual(["c", "a"]);
    expect(cache.size).toBe(2);
  });
  test("capacity 0 throws RangeError", () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe("shelfSlugs", () => {
  test("duplicate titles get numbered slugs", () => {
    const shelf = new Shelf();
    expect(shelf.add("https://a.dev", "Hello").slug).toBe("hello");
    const second = shelf.add("https://a.dev", "Hello");
    expect(second.slug).toBe("hello-2");
    expect(shelf.find("hello-2")).toEqual(second);
    expect(shelf.list().map((b) => b.slug)).toEqual(["hello", "hello-2"]);
  });
  test("non-http URLs are refused", () => {
    expect(() => new Shelf().add("ftp://x", "X")).toThrow(TypeError);
  });
});
