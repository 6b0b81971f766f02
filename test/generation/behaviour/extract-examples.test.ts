import { describe, expect, test } from "bun:test";
import { extractExamples } from "../../../src/generation/behaviour/examples/extract.ts";
import { specExamples } from "../../../src/generation/behaviour/examples/spec-examples.ts";
import type { ExampleBlock, ExampleCheck } from "../../../src/generation/behaviour/examples/types.ts";
import { loadTypeScript } from "../../../src/generation/validate/typescript-parser.ts";

const ts = await loadTypeScript();
const origin = { spec: "src/text:slugify", file: "src/text.ts", line: 10 };

function blocks(jsDoc: string): ExampleBlock[] {
  return extractExamples(ts, jsDoc, origin);
}
function checks(block: ExampleBlock | undefined): ExampleCheck[] {
  return (block?.steps ?? []).flatMap((s) => (s.kind === "check" ? [s.check] : []));
}

describe("extractExamples: expected-value forms", () => {
  test("inline @example comparison, with the spec-file line", () => {
    const [b] = blocks(`/**\n * Turn a title into a URL slug.\n * @example slugify("Hello, World!") === "hello-world"\n */`);
    expect(b?.line).toBe(12);
    expect(checks(b)).toEqual([
      { line: 12, source: 'slugify("Hello, World!") === "hello-world"', subject: 'slugify("Hello, World!")', expectation: { kind: "compare", operator: "===", right: '"hello-world"' } },
    ]);
    expect(b?.freeNames).toEqual(["slugify"]);
  });

  test("`// =>` on the same line and on the next line, fenced block", () => {
    const [b] = blocks(`/**
 * @example
 * \`\`\`ts
 * slugify("Café") // => "cafe"
 * slugify("a  b");
 * // => "a-b"
 * \`\`\`
 */`);
    expect(b?.line).toBe(11);
    expect(checks(b).map((c) => [c.line, c.subject, c.expectation])).toEqual([
      [13, 'slugify("Café")', { kind: "equals", expected: '"cafe"' }],
      [14, 'slugify("a  b")', { kind: "equals", expected: '"a-b"' }],
    ]);
  });

  test("lead words: Returns:, returns, Output:, result:, →", () => {
    const [b] = blocks(`/**
 * @example
 * f(1) // Returns: 2
 * f(2) // returns 3
 * f(3) // Output: [1, 2]
 * f(4) // result: { a: 1, b: "x" }
 * f(5) // → null
 */`);
    expect(checks(b).map((c) => c.expectation)).toEqual([
      { kind: "equals", expected: "2" },
      { kind: "equals", expected: "3" },
      { kind: "equals", expected: "[1, 2]" },
      { kind: "equals", expected: '{ a: 1, b: "x" }' },
      { kind: "equals", expected: "null" },
    ]);
  });

  test("bare trailing values: literal-like only; prose comments are not checks", () => {
    const [b] = blocks(`/**
 * @example
 * // Splits an array into chunks
 * chunk([1, 2, 3], 2); // [[1, 2], [3]]
 * mutex.isLocked // true
 * console.log(pad("a", 3)); // 'a  '
 * console.log(pad("b", 2));
 * // 'b '
 * chunk([], 1); // an empty array
 * new Date(0) // new Date(0)
 * big(1) // -Infinity
 * tpl() // \`x\`
 */`);
    expect(checks(b).map((c) => [c.subject, c.expectation])).toEqual([
      ["chunk([1, 2, 3], 2)", { kind: "equals", expected: "[[1, 2], [3]]" }],
      ["mutex.isLocked", { kind: "equals", expected: "true" }],
      ['pad("a", 3)', { kind: "equals", expected: "'a  '" }],
      ['pad("b", 2)', { kind: "equals", expected: "'b '" }],
      ["new Date(0)", { kind: "equals", expected: "new Date(0)" }],
      ["big(1)", { kind: "equals", expected: "-Infinity" }],
      ["tpl()", { kind: "equals", expected: "`x`" }],
    ]);
    expect(b?.steps.find((s) => s.kind === "setup" && s.code.startsWith("chunk([]"))).toBeDefined();
  });

  test("real libraries' looser forms: lodash's next-line `// =>`, es-toolkit's `// result will be …`", () => {
    const [lodash] = blocks(`/**
 * @example
 *
 * chunk(['a', 'b', 'c', 'd'], 2);
 * // => [['a', 'b'], ['c', 'd']]
 *
 * chunk(['a', 'b', 'c', 'd'], 3);
 * // => [['a', 'b', 'c'], ['d']]
 */`);
    expect(checks(lodash).map((c) => [c.line, c.subject, c.expectation])).toEqual([
      [13, "chunk(['a', 'b', 'c', 'd'], 2)", { kind: "equals", expected: "[['a', 'b'], ['c', 'd']]" }],
      [16, "chunk(['a', 'b', 'c', 'd'], 3)", { kind: "equals", expected: "[['a', 'b', 'c'], ['d']]" }],
    ]);
    const [toolkit] = blocks(`/**
 * @example
 * const array = [1, 2, 3, 4, 5];
 * const result = chunk(array, 2);
 * // result will be [[1, 2], [3, 4], [5]]
 * isEqual(result, []) // is false
 * // Logs the chunks
 * console.log(result.length);
 */`);
    expect(checks(toolkit).map((c) => [c.subject, c.expectation])).toEqual([
      ["result", { kind: "equals", expected: "[[1, 2], [3, 4], [5]]" }],
      ["isEqual(result, [])", { kind: "equals", expected: "false" }],
    ]);
  });

  test("comparison statements: ===, !==, ==, !=", () => {
    const [b] = blocks(`/**\n * @example\n * a(1) === 1\n * a(2) !== 3\n * a(3) == "3"\n * a(4) != null\n */`);
    expect(checks(b).map((c) => c.expectation.kind === "compare" && [c.subject, c.expectation.operator, c.expectation.right])).toEqual([
      ["a(1)", "===", "1"],
      ["a(2)", "!==", "3"],
      ["a(3)", "==", '"3"'],
      ["a(4)", "!=", "null"],
    ]);
  });

  test("throws forms", () => {
    const [b] = blocks(`/**
 * @example
 * slugify("!!!") // throws RangeError
 * slugify("") // throws RangeError: nothing is left
 * parse("x") // => throws {SyntaxError}
 * boom() // throws
 * boom2() // Throws: an error
 * ok() // throws when the input is empty
 */`);
    expect(checks(b).map((c) => c.expectation)).toEqual([
      { kind: "throws", errorClass: "RangeError" },
      { kind: "throws", errorClass: "RangeError", message: "nothing is left" },
      { kind: "throws", errorClass: "SyntaxError" },
      { kind: "throws" },
      { kind: "throws" },
    ]);
  });

  test("await and setup statements run in one scope, in order", () => {
    const [b] = blocks(`/**
 * @example
 * const c = new LruCache<string, number>(2);
 * c.set("a", 1);
 * c.get("a") // => 1
 * const v = await load("k"); // => "value"
 */`);
    expect(b?.steps.map((s) => (s.kind === "setup" ? ["setup", s.line, s.code] : ["check", s.check.line, s.check.subject]))).toEqual([
      ["setup", 12, "const c = new LruCache<string, number>(2);"],
      ["setup", 13, 'c.set("a", 1);'],
      ["check", 14, 'c.get("a")'],
      ["setup", 15, 'const v = await load("k");'],
      ["check", 15, "v"],
    ]);
    expect(b?.freeNames).toEqual(["LruCache", "load"]);
  });

  test("expect and assert statements run as written; imports are dropped", () => {
    const [b] = blocks(`/**
 * @example
 * import { clamp } from "my-lib";
 * expect(clamp(5, 0, 3)).toBe(3);
 * assert.equal(clamp(-1, 0, 3), 0);
 * assert(clamp(1, 0, 3) === 1);
 */`);
    expect(checks(b).map((c) => [c.line, c.expectation.kind])).toEqual([
      [13, "runs"],
      [14, "runs"],
      [15, "runs"],
    ]);
    expect(b?.freeNames).toEqual(["assert", "clamp", "expect"]);
  });

  test("several @example blocks, other tags end a block, captions dropped", () => {
    const list = blocks(`/**
 * Sum.
 * @example <caption>Basic</caption>
 * sum(1, 2) // => 3
 * @param a first
 * @example
 *   sum(0, 0) // => 0
 * @returns the sum
 */`);
    expect(list.map((b) => [b.line, b.code])).toEqual([
      [12, "sum(1, 2) // => 3"],
      [15, "sum(0, 0) // => 0"],
    ]);
  });
});

describe("extractExamples: unchecked blocks", () => {
  test("prose and no expected value", () => {
    const [b] = blocks(`/**\n * @example\n * const user = getUser(1);\n * render(user);\n */`);
    expect(b?.steps).toEqual([]);
    expect(b?.unchecked).toContain("no expected value");
  });

  test("does not parse: reason names the spec-file line", () => {
    const [b] = blocks(`/**\n * @example\n * slugify("a" // => "a"\n * and then more prose\n */`);
    expect(b?.unchecked).toMatch(/does not parse/);
    expect(b?.steps).toEqual([]);
  });

  test("a lead word followed by prose is the reason", () => {
    const [b] = blocks(`/**\n * @example\n * slugify(title) // => the slug of the title\n */`);
    expect(b?.unchecked).toContain("`the slug of the title` (line 12) is not a literal");
  });

  test("empty example", () => {
    const [b] = blocks(`/**\n * @example\n * @returns x\n */`);
    expect(b?.unchecked).toBe("the example is empty");
  });
});

describe("specExamples: a module's specs", () => {
  const source = `import * as jaunt from "@jaunt/runtime";
import { normalize } from "./norm";

/**
 * Slug.
 * @example slugify("A B") // => "a-b"
 */
export const slugify = jaunt.magic(function slugify(t: string): string {
  return jaunt.todo();
});

/**
 * @example
 * const user = await fetchUserDetails(1);
 * slugify(user.name) // => "ann"
 */
export const other = jaunt.magic(function other(): string {
  return jaunt.todo();
});

/**
 * @example
 * const c = new Counter();
 * c.inc() // => 1
 */
@jaunt.magic()
export class Counter {
  /**
   * @example new Counter().inc() // => 1
   */
  inc(): number {
    return jaunt.todo();
  }
}

/** Numbers or bigints. */
export interface ClampFn {
  /** @example clamp(5, 0, 3) // => 3 */
  (value: number, min: number, max: number): number;
  /** @example clamp(5n, 0n, 3n) // => 3n */
  (value: bigint, min: bigint, max: bigint): bigint;
}
/** @example clamp(normalize(1), 0, 3) // => 1 */
export const clamp: ClampFn = jaunt.magic(function clamp(v: number | bigint, a: number | bigint, b: number | bigint) {
  return jaunt.todo();
});

/**
 * @example twice(1) // => 2
 * @example twice(1) // => 3
 */
export const twice = jaunt.magic(function twice(n: number): number {
  return jaunt.todo();
});
`;
  const specs = ["slugify", "other", "Counter", "clamp", "twice"].map((name) => ({ ref: `src/m:${name}`, name }));
  const list = specExamples(ts, { specFile: "src/m.ts", specSource: source, specs });

  test("function, class and member JSDoc, overload interfaces, with file lines", () => {
    const runnable = list.filter((b) => !b.unchecked).map((b) => [b.spec, b.line, checks(b).map((c) => c.subject)]);
    expect(runnable).toEqual([
      ["src/m:slugify", 6, ['slugify("A B")']],
      ["src/m:Counter", 22, ["c.inc()"]],
      ["src/m:Counter", 29, ["new Counter().inc()"]],
      ["src/m:clamp", 43, ["clamp(normalize(1), 0, 3)"]],
      ["src/m:clamp", 38, ["clamp(5, 0, 3)"]],
      ["src/m:clamp", 40, ["clamp(5n, 0n, 3n)"]],
    ]);
  });

  test("a name that exists nowhere makes the block unchecked, naming it", () => {
    const b = list.find((x) => x.spec === "src/m:other");
    expect(b?.unchecked).toBe("it uses `fetchUserDetails`, which the spec module neither exports nor imports");
  });

  test("contradicting examples are reported with both lines", () => {
    const both = list.filter((x) => x.spec === "src/m:twice");
    expect(both).toHaveLength(2);
    for (const b of both) expect(b.unchecked).toBe("examples contradict each other: `twice(1)` is 2 at src/m.ts:49 and 3 at src/m.ts:50");
  });
});
