import { describe, expect, test } from "bun:test";
import { parseModule } from "../../src/discovery/parse-module.ts";
import type { ModuleInfo } from "../../src/discovery/types.ts";

function parse(text: string, kind: "build" | "test" = "build", file = "src/m.ts"): ModuleInfo {
  return parseModule({ file, module: file.replace(/\.tsx?$/, ""), kind, text, contentHash: "sha256:x" });
}

describe("recognised spec forms", () => {
  test("namespace import, named function expression, with JSDoc and range", () => {
    const info = parse(`import * as jaunt from "@jaunt/runtime";

/** Turn a title into a slug. */
export const slugify = jaunt.magic(function slugify(title: string): string {
  return jaunt.todo();
});
`);
    expect(info.problems).toEqual([]);
    expect(info.specs).toHaveLength(1);
    const spec = info.specs[0];
    expect(spec?.ref).toBe("src/m:slugify");
    expect(spec?.kind).toBe("function");
    expect(spec?.range.start).toEqual({ line: 4, column: 1 });
    expect(spec?.text.startsWith("/** Turn a title into a slug. */\nexport const slugify")).toBe(true);
    expect(spec?.text).toContain("return jaunt.todo();");
    expect(spec?.publicApi).toBe("/** Turn a title into a slug. */\nexport function slugify(title: string): string;");
  });

  test("named and renamed imports, options form with deps and prompt", () => {
    const info = parse(`import { magic as m, test } from "@jaunt/runtime";
import { slugify } from "./text";
export const a = m(function a(): void {});
export const b = m({ deps: [a, slugify], prompt: \`Be brief.\` }, function b(): void {});
`);
    expect(info.problems).toEqual([]);
    expect(info.specs.map((s) => s.name)).toEqual(["a", "b"]);
    expect(info.specs[1]?.options).toEqual({ deps: ["a", "slugify"], prompt: "Be brief." });
    expect(info.specs[1]?.usedImports.filter((u) => u.specifier !== "@jaunt/runtime")).toEqual([{ specifier: "./text", local: "slugify", imported: "slugify", members: [] }]);
  });

  test("arrow functions and anonymous function expressions take the const's name", () => {
    const info = parse(`import { magic } from "@jaunt/runtime";
/** Double it. */
export const double = magic(<T>(a: number): number => { throw new Error(); });
export const half = magic(async function (a: number): Promise<number> { return a; });
`);
    expect(info.problems).toEqual([]);
    expect(info.specs.map((s) => s.ref)).toEqual(["src/m:double", "src/m:half"]);
    expect(info.specs[0]?.publicApi).toBe("/** Double it. */\nexport function double<T>(a: number): number;");
    expect(info.specs[1]?.publicApi).toBe("export async function half(a: number): Promise<number>;");
  });

  test("class specs: decorator before or after export, with options; public API drops bodies and private members", () => {
    const info = parse(`import * as jaunt from "@jaunt/runtime";
import { magic } from "@jaunt/runtime";
/** An LRU cache. */
@jaunt.magic()
export class Lru<K, V> {
  constructor(readonly capacity: number) {}
  /** Most recent first. */
  get(key: K): V | undefined { return jaunt.todo(); }
  static of(): Lru<string, string> { return jaunt.todo(); }
  get size(): number { return 0; }
  private secret = 1;
  label?: string;
}
export @magic({ deps: [Lru] }) class Shelf {}
`);
    expect(info.problems).toEqual([]);
    const [lru, shelf] = info.specs;
    expect(lru?.kind).toBe("class");
    expect(lru?.publicApi).toBe(`/** An LRU cache. */
export class Lru<K, V> {
  constructor(readonly capacity: number);
  /** Most recent first. */
  get(key: K): V | undefined;
  static of(): Lru<string, string>;
  get size(): number;
  label?: string;
}`);
    expect(lru?.members).toEqual([
      { name: "constructor", kind: "constructor", isStatic: false, optional: false },
      { name: "capacity", kind: "parameter-property", isStatic: false, optional: false },
      { name: "get", kind: "method", isStatic: false, optional: false },
      { name: "of", kind: "method", isStatic: true, optional: false },
      { name: "size", kind: "getter", isStatic: false, optional: false },
      { name: "secret", kind: "property", isStatic: false, optional: false },
      { name: "label", kind: "property", isStatic: false, optional: true },
    ]);
    expect(shelf?.name).toBe("Shelf");
    expect(shelf?.options.deps).toEqual(["Lru"]);
  });

  test("test specs in a test module, with a prompt option", () => {
    const info = parse(`import * as jaunt from "@jaunt/runtime";
import { slugify } from "../src/slug";
/** slugify works. */
export const basics = jaunt.test(function basics() { void slugify; });
export const more = jaunt.test({ prompt: "edge cases" }, function more() {});
`, "test", "tests/slug.ts");
    expect(info.problems).toEqual([]);
    expect(info.specs.map((s) => [s.ref, s.kind])).toEqual([["tests/slug:basics", "test"], ["tests/slug:more", "test"]]);
    expect(info.specs[0]?.references).toEqual(["slugify"]); // only names that can stand for specs are kept
  });

  test("`export { x }` after the declaration counts as exported", () => {
    const info = parse(`import * as jaunt from "@jaunt/runtime";
const later = jaunt.magic(function later() {});
export { later };
`);
    expect(info.problems).toEqual([]);
    expect(info.specs.map((s) => s.name)).toEqual(["later"]);
  });

  test("imports, re-exports and exported names are recorded", () => {
    const info = parse(`import * as jaunt from "@jaunt/runtime";
import type { T } from "./types";
import def, * as ns from "./x";
export { a, b as c } from "./a";
export * from "./all";
export const x = jaunt.magic(function x() { ns.y; });
`);
    expect(info.imports.map((i) => i.specifier)).toEqual(["@jaunt/runtime", "./types", "./x"]);
    expect(info.imports[1]?.bindings).toEqual([{ local: "T", imported: "T", typeOnly: true }]);
    expect(info.imports[2]?.bindings.map((b) => b.imported)).toEqual(["default", "*"]);
    expect(info.reExports).toEqual([
      { specifier: "./a", names: [{ exported: "a", imported: "a" }, { exported: "c", imported: "b" }], resolvedFile: undefined },
      { specifier: "./all", names: undefined, resolvedFile: undefined },
    ]);
    expect(info.specs[0]?.references).toEqual(["ns", "ns.y"]);
    expect(info.exportedNames).toEqual(["x"]);
  });

  test("a file that imports nothing from the runtime has no specs", () => {
    const info = parse(`import { magic } from "./my-magic";\nexport const x = magic(function x() {});\n`);
    expect(info.specs).toEqual([]);
    expect(info.problems).toEqual([]);
  });
});
