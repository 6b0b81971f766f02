import { describe, expect, test } from "bun:test";
import { JauntDiscoveryError } from "@jaunt/runtime";
import { JauntDiscoveryProblemsError } from "../../src/discovery/errors.ts";
import { parseModule } from "../../src/discovery/parse-module.ts";
import type { DiscoveryProblemData } from "../../src/discovery/types.ts";

const HEAD = `import * as jaunt from "@jaunt/runtime";\n`;

function problems(body: string, kind: "build" | "test" = "build"): DiscoveryProblemData[] {
  return [...parseModule({ file: "src/m.ts", module: "src/m", kind, text: HEAD + body, contentHash: "" }).problems];
}

function only(body: string, kind: "build" | "test" = "build"): DiscoveryProblemData {
  const found = problems(body, kind);
  expect(found).toHaveLength(1);
  const first = found[0];
  if (!first) throw new Error("no problem");
  expect(first.hint.length).toBeGreaterThan(0);
  return first;
}

describe("discovery errors carry file:line:col and a hint", () => {
  test("a spec file that does not parse is one syntax error at its place, in Bun's words, and no spec is planned from it", () => {
    const info = parseModule({ file: "src/m.ts", module: "src/m", kind: "build", text: `${HEAD}\n/** Broken. */\nexport const broken = jaunt.magic(function broken(x: string): string {\n  return jaunt.todo(;\n});\n`, contentHash: "" });
    expect(info.problems).toHaveLength(1);
    expect(info.problems[0]).toMatchObject({ file: "src/m.ts", line: 5, column: 21, message: "syntax error: Unexpected ;" });
    expect(info.specs).toEqual([]);
    // A .tsx spec is read with JSX; a file without specs is not Jaunt's to judge.
    expect(parseModule({ file: "src/v.tsx", module: "src/v", kind: "build", text: `${HEAD}export const view = jaunt.magic(function view(): unknown {\n  return <div />;\n});\n`, contentHash: "" }).problems).toEqual([]);
    expect(parseModule({ file: "src/plain.ts", module: "src/plain", kind: "build", text: "export const x = (;\n", contentHash: "" }).problems).toEqual([]);
  });


  test("not top-level: nested in a function", () => {
    const p = only(`export function outer() {\n  const inner = jaunt.magic(function inner() {});\n}\n`);
    expect(p).toMatchObject({ file: "src/m.ts", line: 3, column: 17 });
    expect(p.message).toContain("top-level");
  });

  test("not top-level: a decorated method or nested class", () => {
    const p = only(`export function f() {\n  @jaunt.magic() class Local {}\n}\n`);
    expect(p.line).toBe(3);
    expect(p.message).toContain("top-level exported class");
  });

  test("decorators below @jaunt.magic() would apply to the stub: an error naming them and the fix; above it they are fine", () => {
    const decorators = "function registered<C>(c: C): C { return c; }\nfunction frozen<C>(c: C): C { return c; }\n";
    const p = only(`${decorators}@jaunt.magic()\n@registered\n@frozen\nexport class Settings {\n  get(): string { return jaunt.todo(); }\n}\n`);
    expect(p).toMatchObject({ file: "src/m.ts", line: 5, column: 1 });
    expect(p.message).toBe("@registered @frozen below @jaunt.magic() would apply to the stub of `Settings`, which is replaced by the generated class: their effect would be lost");
    expect(p.hint).toBe("put @jaunt.magic() last, closest to the class (decorators above it apply to the generated class)");
    // `export @dec class` (decorators after export) is read the same way.
    expect(only(`${decorators}export @jaunt.magic({ prompt: "x" }) @frozen class Settings {}\n`).message).toContain("@frozen below @jaunt.magic({ prompt: \"x\" })");
    const above = parseModule({ file: "src/m.ts", module: "src/m", kind: "build", text: `${HEAD}${decorators}@registered\n@frozen\n@jaunt.magic()\nexport class Settings {}\n`, contentHash: "" });
    expect(above.problems).toEqual([]);
    expect(above.specs.map((s) => s.name)).toEqual(["Settings"]);
  });

  test("not exported", () => {
    const p = only(`const hidden = jaunt.magic(function hidden() {});\n`);
    expect(p).toMatchObject({ line: 2, column: 7 });
    expect(p.message).toContain("not exported");
  });

  test("not exported class", () => {
    expect(only(`@jaunt.magic() class Hidden {}\n`).message).toContain("not exported");
  });

  test("anonymous: an expression statement has no name to take", () => {
    expect(only(`jaunt.magic(() => 1);\n`).message).toContain("initializer of a top-level `export const`");
  });

  test("export default is not a named export (function and class)", () => {
    expect(only(`export default jaunt.magic(function f() {});\n`).message).toContain("named export");
    expect(only(`@jaunt.magic() export default class {}\n`).message).toContain("named export");
  });

  test("function name differs from its export", () => {
    const p = only(`export const slug = jaunt.magic(function slugify() {});\n`);
    expect(p.message).toContain("differs from its export");
    expect(p).toMatchObject({ line: 2, column: 42 });
  });

  test("exported under another name", () => {
    expect(only(`const a = jaunt.magic(function a() {});\nexport { a as b };\n`).message).toContain("differs from its export");
  });

  test("non-literal options", () => {
    expect(only(`const opts = {};\nexport const a = jaunt.magic(opts, function a() {});\n`).message).toContain("object literal");
    expect(only(`const d = [];\nexport const a = jaunt.magic({ deps: d }, function a() {});\n`).message).toContain("array literal");
    expect(only(`export const a = jaunt.magic({ deps: [f()] }, function a() {});\n`).message).toContain("spec identifier");
    expect(only("const x = 1;\nexport const a = jaunt.magic({ prompt: `n=${x}` }, function a() {});\n").message).toContain("string literal");
    expect(only(`export const a = jaunt.magic({ promt: "x" }, function a() {});\n`).message).toContain("unknown magic() option `promt`");
    expect(only(`const deps = [];\nexport const a = jaunt.magic({ deps }, function a() {});\n`).message).toContain("key: value");
  });

  test("function passed by reference, not inline", () => {
    expect(only(`function impl() {}\nexport const a = jaunt.magic(impl);\n`).message).toContain("inline");
  });

  test("a typo of magic or test on the runtime namespace is an error with the right name, not an ignored spec", () => {
    const fn = only(`export const double = jaunt.magc(function double(x: number): number {\n  return jaunt.todo();\n});\n`);
    expect(fn).toMatchObject({ line: 2, column: 29 });
    expect(fn.message).toBe("`jaunt.magc` is not part of @jaunt/runtime; did you mean `jaunt.magic`?");
    const cls = only(`@jaunt.magci() export class Cache {}\n`);
    expect(cls.message).toContain("did you mean `jaunt.magic`?");
    expect(only(`export const t = jaunt.tset(function t() {});\n`, "test").message).toContain("did you mean `jaunt.test`?");
    // Other runtime members and other calls are not typos.
    expect(problems(`export const id = jaunt.specRef("src/a:b");\nexport const y = Math.max(1, 2);\n`)).toEqual([]);
  });

  test("duplicate names", () => {
    const p = only(`export const a = jaunt.magic(function a() {});\n@jaunt.magic() export class a {}\n`);
    expect(p.message).toContain("duplicate spec name `a`");
    expect(p.line).toBe(3);
  });

  test("decorator without parentheses", () => {
    expect(only(`@jaunt.magic export class A {}\n`).message).toContain("parentheses");
  });

  test("magic() in a test root and test() in a source root", () => {
    expect(only(`export const a = jaunt.magic(function a() {});\n`, "test").message).toContain("outside source_roots");
    expect(only(`export const t = jaunt.test(function t() {});\n`).message).toContain("outside test_roots");
  });

  test("all problems of a file are collected in one pass", () => {
    const found = problems(`const a = jaunt.magic(function a() {});\nexport const b = jaunt.magic(function c() {});\n`);
    expect(found.map((p) => p.line)).toEqual([2, 3]);
  });
});

describe("JauntDiscoveryProblemsError", () => {
  const list: DiscoveryProblemData[] = [
    { file: "src/b.ts", line: 3, column: 1, message: "second", hint: "fix b" },
    { file: "src/a.ts", line: 9, column: 5, message: "first", hint: "fix a" },
  ];

  test("lists every problem as file:line:col: message, sorted, with hints; exit 2", () => {
    const error = new JauntDiscoveryProblemsError(list);
    expect(error).toBeInstanceOf(JauntDiscoveryError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("2 problems in spec files:\nsrc/a.ts:9:5: first\n    hint: fix a\nsrc/b.ts:3:1: second\n    hint: fix b");
    expect(error.problems[0]).toEqual({ message: "first", location: { file: "src/a.ts", line: 9, column: 5 }, hint: "fix a" });
  });

  test("a single problem uses the error's own location and hint", () => {
    const error = new JauntDiscoveryProblemsError([{ file: "src/b.ts", line: 3, column: 1, message: "second", hint: "fix b" }]);
    expect(error.message).toBe("second");
    expect(error.location).toEqual({ file: "src/b.ts", line: 3, column: 1 });
    expect(error.hint).toBe("fix b");
  });
});
