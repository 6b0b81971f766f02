import { describe, expect, test } from "bun:test";
import { didYouMean, editDistance } from "../../src/support/did-you-mean.ts";

describe("editDistance", () => {
  test("counts an adjacent swap as one edit", () => {
    expect(editDistance("jbos", "jobs")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});

describe("didYouMean", () => {
  const commands = ["build", "test", "status", "init", "skill"];

  test("suggests the closest candidate for typos", () => {
    expect(didYouMean("biuld", commands)).toBe("build");
    expect(didYouMean("tset", commands)).toBe("test");
    expect(didYouMean("stauts", commands)).toBe("status");
    expect(didYouMean("jbos", ["jobs", "infer_deps", "attempts"])).toBe("jobs");
  });

  test("is case-insensitive and returns the candidate's spelling", () => {
    expect(didYouMean("BUILD", commands)).toBe("build");
    expect(didYouMean("Source_Root", ["source_roots"])).toBe("source_roots");
  });

  test("suggests nothing for unrelated words or empty input", () => {
    expect(didYouMean("deploy", commands)).toBeUndefined();
    expect(didYouMean("x", commands)).toBeUndefined();
    expect(didYouMean("", commands)).toBeUndefined();
    expect(didYouMean("build", [])).toBeUndefined();
  });

  test("short inputs do not match everything", () => {
    expect(didYouMean("ab", ["cd", "xy"])).toBeUndefined();
    expect(didYouMean("jb", ["jobs"])).toBeUndefined();
  });

  test("completes a clear prefix", () => {
    expect(didYouMean("verb", ["verbose", "version"])).toBe("verbose");
  });
});
