/**
 * Generated test files of the kinds models write that cannot be trusted:
 * snapshots that record instead of asserting, focused/skipped/todo tests
 * that let `bun test` pass while behaviour never ran, and fake timers or a
 * fixed clock left on (they leak into every later file of the one `bun
 * test` process and hang it). Their trustworthy neighbours pass; jest's
 * `jest.mock(path, factory)` is rewritten to bun's `mock.module`.
 */
import type { CorpusCase, Verdict } from "./cases.ts";
import { TESTS_GOOD } from "./code.ts";

const ts = (code: string) => `\`\`\`ts\n${code.trimEnd()}\n\`\`\``;
const includes = (...parts: string[]): Verdict => ({ accepted: true, includes: parts });
const rejected = (diagnostic: string, message?: RegExp): Verdict => (message ? { accepted: false, diagnostic, message } : { accepted: false, diagnostic });
const HEAD = 'import { describe, expect, jest, setSystemTime, test, afterAll, afterEach, beforeAll, beforeEach, it } from "bun:test";\nimport { slugify } from "../../src/slug";\n\n';
const BASICS = 'test("slugify basics", () => {\n  expect(slugify("Hello, World!")).toBe("hello-world");\n});\n';
/** A test whose real timer must fire: it hangs when fake timers leaked into it. */
const WAITS = 'test("waits", async () => {\n  await new Promise((resolve) => setTimeout(resolve, 1));\n  expect(slugify("  a  b ")).toBe("a-b");\n});\n';
const SNAPSHOT = "jaunt/snapshot-test";
const NOT_RUN = "jaunt/test-not-run";

export const TEST_FILE_CASES: readonly CorpusCase[] = [
  // ── Snapshots record what the code returns ───────────────────────────────
  { name: "toMatchSnapshot() records instead of asserting", spec: "tests", answer: ts(`${HEAD}test("slugify", () => {\n  expect(slugify("Hello, World!")).toMatchSnapshot();\n});`), verdict: rejected(SNAPSHOT, /`toMatchSnapshot\(\)` records whatever the code returns.*assert the exact expected value/) },
  { name: "toThrowErrorMatchingSnapshot()", spec: "tests", answer: ts(`${HEAD}test("throws", () => {\n  expect(() => slugify("!!!")).toThrowErrorMatchingSnapshot();\n});`), verdict: rejected(SNAPSHOT, /toThrowErrorMatchingSnapshot/) },
  { name: "an empty toMatchInlineSnapshot() (bun would rewrite the generated test)", spec: "tests", answer: ts(`${HEAD}test("slugify", () => {\n  expect(slugify("Hello, World!")).toMatchInlineSnapshot();\n});`), verdict: rejected(SNAPSHOT, /toMatchInlineSnapshot/) },
  { name: "an empty toThrowErrorMatchingInlineSnapshot()", spec: "tests", answer: ts(`${HEAD}test("throws", () => {\n  expect(() => slugify("!!!")).toThrowErrorMatchingInlineSnapshot();\n});`), verdict: rejected(SNAPSHOT, /toThrowErrorMatchingInlineSnapshot/) },
  { name: "a snapshot in a concise arrow", spec: "tests", answer: ts(`${HEAD}test("slugify", () => expect(slugify("Hello, World!")).toMatchSnapshot());`), verdict: rejected(SNAPSHOT) },
  { name: "an inline snapshot that carries the spec's value is an exact expectation", spec: "tests", answer: ts(`${HEAD}test("slugify", () => {\n  expect(slugify("Hello, World!")).toMatchInlineSnapshot(\`"hello-world"\`);\n});`), verdict: includes('toMatchInlineSnapshot(`"hello-world"`)') },

  // ── Focused, skipped, todo and expected-to-fail tests ───────────────────
  { name: "test.only", spec: "tests", answer: ts(`${HEAD}test.only("basics", () => {\n  expect(slugify("Hello, World!")).toBe("hello-world");\n});\n${WAITS}`), verdict: rejected(NOT_RUN, /`test\.only\(…\)` focuses the run/) },
  { name: "describe.only", spec: "tests", answer: ts(`${HEAD}describe.only("slugify", () => {\n  ${BASICS}});`), verdict: rejected(NOT_RUN, /describe\.only/) },
  { name: "test.skip next to real tests", spec: "tests", answer: ts(`${HEAD}${BASICS}test.skip("throws on punctuation only", () => {\n  expect(() => slugify("!!!")).toThrow(RangeError);\n});`), verdict: rejected(NOT_RUN, /`test\.skip\(…\)` skips the test/) },
  { name: "it.skip", spec: "tests", answer: ts(`${HEAD}${BASICS}it.skip("collapses spaces", () => {\n  expect(slugify("  a  b ")).toBe("a-b");\n});`), verdict: rejected(NOT_RUN, /it\.skip/) },
  { name: "test.todo as the only test: not counted as a test", spec: "tests", answer: ts(`${HEAD}test.todo("slugify basics");`), verdict: rejected(NOT_RUN, /`test\.todo\(…\)` registers a test that never runs/) },
  { name: "xit and xdescribe", spec: "tests", answer: ts(`${HEAD}${BASICS}xdescribe("later", () => {\n  xit("throws", () => expect(() => slugify("!!!")).toThrow(RangeError));\n});`), verdict: rejected(NOT_RUN, /`xdescribe\(…\)` skips the test/) },
  { name: "test.failing passes only when the test fails", spec: "tests", answer: ts(`${HEAD}${BASICS}test.failing("unicode", () => {\n  expect(slugify("Ä")).toBe("a");\n});`), verdict: rejected(NOT_RUN, /test\.failing/) },
  { name: "test.only.each", spec: "tests", answer: ts(`${HEAD}test.only.each([["Hello, World!", "hello-world"]])("%s", (input, want) => {\n  expect(slugify(input)).toBe(want);\n});`), verdict: rejected(NOT_RUN, /test\.only\.each/) },
  { name: "test.skipIf for a platform stays", spec: "tests", answer: ts(`${HEAD}${BASICS}test.skipIf(process.platform === "win32")("posix only", () => {\n  expect(slugify("a/b")).toBe("a-b");\n});`), verdict: includes('test.skipIf(process.platform === "win32")') },
  { name: "a test registered conditionally, skipped in the else branch", spec: "tests", answer: ts(`${HEAD}if (process.platform !== "win32") {\n  ${BASICS}} else {\n  test.skip("ascii", () => {});\n}`), verdict: rejected(NOT_RUN, /test\.skip/) },

  // ── Fake timers and a fixed clock ────────────────────────────────────────
  { name: "jest.useFakeTimers() at top level", spec: "tests", answer: ts(`${HEAD}jest.useFakeTimers();\n\n${BASICS}`), verdict: rejected("jaunt/top-level-side-effect", /`jest\.useFakeTimers\(…\)` runs while the file is collected: fake timers leak into every later test and file/) },
  { name: "vi.useFakeTimers() at top level of a vitest file", spec: "tests", answer: ts(`import { describe, expect, it, vi } from "vitest";\nimport { slugify } from "../../src/slug";\n\nvi.useFakeTimers();\n\ndescribe("slugify", () => {\n  it("joins", () => expect(slugify("Hello, World!")).toBe("hello-world"));\n});`), verdict: rejected("jaunt/top-level-side-effect", /vi\.useFakeTimers/) },
  { name: "setSystemTime(date) at top level", spec: "tests", answer: ts(`${HEAD}setSystemTime(new Date("2024-01-01T00:00:00Z"));\n\n${BASICS}`), verdict: rejected("jaunt/top-level-side-effect", /setSystemTime.*a fixed system time/) },
  { name: "fake timers turned on directly in a describe callback", spec: "tests", answer: ts(`${HEAD}describe("slugify", () => {\n  jest.useFakeTimers();\n  ${BASICS}});`), verdict: rejected("jaunt/top-level-side-effect", /collected/) },
  { name: "fake timers in beforeEach, restored in afterEach", spec: "tests", answer: ts(`${HEAD}beforeEach(() => {\n  jest.useFakeTimers();\n});\nafterEach(() => {\n  jest.useRealTimers();\n});\n\n${BASICS}`), verdict: includes("jest.useRealTimers();") },
  { name: "fake timers in beforeEach, never restored", spec: "tests", answer: ts(`${HEAD}beforeEach(() => {\n  jest.useFakeTimers();\n});\n\n${BASICS}`), verdict: rejected("jaunt/unrestored-clock", /nothing restores them.*jest\.useRealTimers\(\)/) },
  { name: "fake timers in an inner describe's beforeEach, restored by the file's afterEach", spec: "tests", answer: ts(`${HEAD}afterEach(() => jest.useRealTimers());\n\ndescribe("with a clock", () => {\n  beforeEach(() => jest.useFakeTimers());\n  ${BASICS}});`), verdict: includes("afterEach(() => jest.useRealTimers());") },
  { name: "fake timers restored only in a sibling describe", spec: "tests", answer: ts(`${HEAD}describe("a", () => {\n  beforeEach(() => jest.useFakeTimers());\n  ${BASICS}});\ndescribe("b", () => {\n  afterEach(() => jest.useRealTimers());\n  ${WAITS}});`), verdict: rejected("jaunt/unrestored-clock") },
  { name: "fake timers in a test, restored in finally", spec: "tests", answer: ts(`${HEAD}test("with a clock", () => {\n  jest.useFakeTimers();\n  try {\n    expect(slugify("Hello, World!")).toBe("hello-world");\n  } finally {\n    jest.useRealTimers();\n  }\n});`), verdict: includes("} finally {") },
  { name: "fake timers in a test, left on", spec: "tests", answer: ts(`${HEAD}test("with a clock", () => {\n  jest.useFakeTimers();\n  expect(slugify("Hello, World!")).toBe("hello-world");\n});\n${WAITS}`), verdict: rejected("jaunt/unrestored-clock", /in a `finally`/) },
  { name: "a fixed clock in beforeAll, reset in afterAll", spec: "tests", answer: ts(`${HEAD}beforeAll(() => setSystemTime(new Date("2024-01-01T00:00:00Z")));\nafterAll(() => setSystemTime());\n\n${BASICS}`), verdict: includes("afterAll(() => setSystemTime());") },

  // ── Module mocks ──────────────────────────────────────────────────────────
  { name: "jest.mock(path, factory) becomes mock.module", spec: "tests", answer: ts(`import { expect, jest, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\njest.mock("../../src/registry", () => ({ plugins: ["fake"] }));\n\n${BASICS}`), verdict: { accepted: true, code: `import { expect, jest, test, mock } from "bun:test";\nimport { slugify } from "../../src/slug";\n\nmock.module("../../src/registry", () => ({ plugins: ["fake"] }));\n\n${BASICS}` } },
  { name: "jest.mock(path, factory) with jest globals gets its imports", spec: "tests", answer: ts(`import { slugify } from "../../src/slug";\n\njest.mock("../../src/registry", () => ({ plugins: [] }));\n\n${BASICS}`), verdict: includes('import { test, expect, mock } from "bun:test";', 'mock.module("../../src/registry"') },
  { name: "jest.mock(path) without a factory (an automatic mock bun does not make)", spec: "tests", answer: ts(`import { expect, jest, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\njest.mock("../../src/registry");\n\n${BASICS}`), verdict: rejected("jaunt/automock", /mock\.module\(path, \(\) => \(\{ … \}\)\)/) },
  { name: "a plain test file still passes", spec: "tests", answer: ts(TESTS_GOOD), verdict: { accepted: true, code: TESTS_GOOD } },
];
