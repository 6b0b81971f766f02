import * as jaunt from "@jaunt/runtime";
import { slugify, truncate } from "../src/text";

/**
 * slugify: "Hello, World!" → "hello-world"; "  Café au lait  " → "cafe-au-lait";
 * "a--b" → "a-b"; "!!!" and "" throw RangeError.
 */
export const slugifyExamples = jaunt.test(function slugifyExamples() {
  void slugify;
});

/**
 * truncate: "hello world" with max 20 is unchanged; with max 8 is "hello…";
 * a single long word is cut hard ("abcdefghij", 5 → "abcd…"); max 0 throws RangeError.
 */
export const truncateExamples = jaunt.test(function truncateExamples() {
  void truncate;
});
