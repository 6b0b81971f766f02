import { describe, expect, test } from "bun:test";
import { slugify, truncate } from "../../src/text";

describe("slugifyExamples", () => {
  test("punctuation and case", () => {
    expect(slugify("Hello, World!")).toBe("hello-world");
  });
  test("accents and surrounding space", () => {
    expect(slugify("  Café au lait  ")).toBe("cafe-au-lait");
  });
  test("runs of separators collapse", () => {
    expect(slugify("a--b")).toBe("a-b");
  });
  test("nothing left throws RangeError", () => {
    expect(() => slugify("!!!")).toThrow(RangeError);
    expect(() => slugify("")).toThrow(RangeError);
  });
});

describe("truncateExamples", () => {
  test("text that fits is unchanged", () => {
    expect(truncate("hello world", 20)).toBe("hello world");
  });
  test("cuts at the last space", () => {
    expect(truncate("hello world", 8)).toBe("hello…");
  });
  test("a long word is cut hard", () => {
    expect(truncate("abcdefghij", 5)).toBe("abcd…");
  });
  test("max below 1 throws RangeError", () => {
    expect(() => truncate("x", 0)).toThrow(RangeError);
  });
});
