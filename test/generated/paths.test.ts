import { describe, expect, test } from "bun:test";
import { JauntDiscoveryError } from "@jaunt/runtime";
import { generatedPathFor, isInsideGeneratedDir, moduleNameOf, specPathForGenerated } from "../../src/generated/paths.ts";

const G = "__generated__";

describe("moduleNameOf", () => {
  test("is project-relative, /-separated, without extension", () => {
    expect(moduleNameOf("/p", "/p/src/a/b.ts")).toBe("src/a/b");
    expect(moduleNameOf("/p", "src/slug.tsx")).toBe("src/slug");
    expect(moduleNameOf("/p/", "/p/tests/index.mts")).toBe("tests/index");
    expect(moduleNameOf("/p", "/p/src/a.b/c.d.ts")).toBe("src/a.b/c.d");
  });

  test("rejects files outside the root, and the root itself", () => {
    expect(() => moduleNameOf("/p", "/other/src/a.ts")).toThrow(JauntDiscoveryError);
    expect(() => moduleNameOf("/p", "../q/a.ts")).toThrow("outside the project root");
    expect(() => moduleNameOf("/p/src", "/p/srcx/a.ts")).toThrow("outside the project root");
    expect(() => moduleNameOf("/p", "/p")).toThrow("outside the project root");
  });

  test("accepts names that merely start with two dots", () => {
    expect(moduleNameOf("/p", "/p/..hidden.ts")).toBe("..hidden");
  });
});

describe("generatedPathFor and specPathForGenerated", () => {
  const cases: ReadonlyArray<readonly [string, "build" | "test", string]> = [
    ["src/a/b.ts", "build", `src/a/${G}/b.ts`],
    ["src/index.ts", "build", `src/${G}/index.ts`],
    ["src/view.tsx", "build", `src/${G}/view.tsx`],
    ["src/esm.mts", "build", `src/${G}/esm.mts`],
    ["src/deep/er/x.ts", "build", `src/deep/er/${G}/x.ts`],
    ["/abs/p/src/x.ts", "build", `/abs/p/src/${G}/x.ts`],
    ["tests/x.ts", "test", `tests/${G}/x.test.ts`],
    ["tests/index.ts", "test", `tests/${G}/index.test.ts`],
    ["tests/ui.tsx", "test", `tests/${G}/ui.test.tsx`],
    ["tests/esm.mts", "test", `tests/${G}/esm.test.mts`],
    ["/abs/p/tests/nested/y.ts", "test", `/abs/p/tests/nested/${G}/y.test.ts`],
  ];
  for (const [spec, kind, generated] of cases) {
    test(`${kind}: ${spec} <-> ${generated}`, () => {
      expect(generatedPathFor(spec, kind, G)).toBe(generated);
      expect(specPathForGenerated(generated, kind, G)).toBe(spec);
    });
  }

  test("uses the configured generated_dir", () => {
    expect(generatedPathFor("src/a.ts", "build", "_gen")).toBe("src/_gen/a.ts");
    expect(specPathForGenerated("src/_gen/a.ts", "build", "_gen")).toBe("src/a.ts");
    expect(specPathForGenerated("src/_gen/a.ts", "build", G)).toBeUndefined();
  });

  test("files that no spec maps to have no spec path", () => {
    expect(specPathForGenerated(`src/${G}/sub/a.ts`, "build", G)).toBeUndefined();
    expect(specPathForGenerated("src/a.ts", "build", G)).toBeUndefined();
    expect(specPathForGenerated(`tests/${G}/x.ts`, "test", G)).toBeUndefined();
    expect(specPathForGenerated(`src/${G}/README.md`, "build", G)).toBeUndefined();
    expect(specPathForGenerated(`src/${G}/types.d.ts`, "build", G)).toBeUndefined();
    expect(specPathForGenerated(`tests/${G}/.test.ts`, "test", G)).toBeUndefined();
  });
});

describe("isInsideGeneratedDir", () => {
  test("is true for files below a generated folder at any depth", () => {
    expect(isInsideGeneratedDir(`src/${G}/a.ts`, G)).toBe(true);
    expect(isInsideGeneratedDir(`/p/src/${G}/deep/a.ts`, G)).toBe(true);
    expect(isInsideGeneratedDir(`src\\${G}\\a.ts`, G)).toBe(true);
  });

  test("is false elsewhere, including look-alike names", () => {
    expect(isInsideGeneratedDir("src/a.ts", G)).toBe(false);
    expect(isInsideGeneratedDir(`src/${G}x/a.ts`, G)).toBe(false);
    expect(isInsideGeneratedDir(`src/${G}.ts`, G)).toBe(false);
    expect(isInsideGeneratedDir(`${G}`, G)).toBe(false);
  });
});
