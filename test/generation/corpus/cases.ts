/**
 * The answer corpus: realistic model answers, each with its spec, the raw
 * answer text and the expected verdict — accepted (and what code is written)
 * or rejected with a named diagnostic. Run by corpus.test.ts through the real
 * validator, type check included.
 */
import { ATTEMPT_GOOD, CRC_GOOD, FMT_GOOD, LRU_ONLY, SLUG_GOOD, SLUGIFY_ONLY, STACK_GOOD, TESTS_GOOD, USER_GOOD } from "./code.ts";
import { AMBIENT_CASES } from "./ambient-cases.ts";
import { MODULE_INIT_CASES } from "./module-init-cases.ts";
import { KNOWN_VERDICT_CASES } from "./known-verdict-cases.ts";
import { MODULE_STATE_CASES } from "./module-state-cases.ts";
import { TEST_FILE_CASES } from "./test-file-cases.ts";
import type { SpecName } from "./specs.ts";

export type Verdict =
  | { readonly accepted: true; readonly code?: string; readonly includes?: readonly string[]; readonly excludes?: readonly string[] }
  | { readonly accepted: false; readonly diagnostic: string; readonly message?: RegExp };

export interface CorpusCase {
  readonly name: string;
  readonly spec: SpecName;
  readonly answer: string;
  readonly verdict: Verdict;
}

const ts = (code: string, lang = "ts") => `\`\`\`${lang}\n${code.trimEnd()}\n\`\`\``;
const ok = (code: string): Verdict => ({ accepted: true, code });
const rejected = (diagnostic: string, message?: RegExp): Verdict => (message ? { accepted: false, diagnostic, message } : { accepted: false, diagnostic });

const DRAFT_WITHOUT_THROWS = SLUG_GOOD.replace('  if (slug === "") throw new RangeError("nothing left of the title");\n', "");
const indent = (code: string, by: string) => code.split("\n").map((l) => (l === "" ? l : by + l)).join("\n");

export const CASES: readonly CorpusCase[] = [
  // ── Extraction: the ordinary shapes ──────────────────────────────────────
  { name: "prose before and after a ts block", spec: "slug", answer: `Sure! Here is the implementation.\n\n${ts(SLUG_GOOD)}\n\nThe slug logic lowercases first, then collapses runs. Let me know if you need tests.`, verdict: ok(SLUG_GOOD) },
  { name: "```typescript label", spec: "slug", answer: ts(SLUG_GOOD, "typescript"), verdict: ok(SLUG_GOOD) },
  { name: "```TypeScript label (capitalised)", spec: "slug", answer: `Here you go:\n${ts(SLUG_GOOD, "TypeScript")}`, verdict: ok(SLUG_GOOD) },
  { name: "```tsx label", spec: "attempt", answer: ts(ATTEMPT_GOOD, "tsx"), verdict: ok(ATTEMPT_GOOD) },
  { name: "```js label on TypeScript code", spec: "attempt", answer: `The module:\n${ts(ATTEMPT_GOOD, "js")}`, verdict: ok(ATTEMPT_GOOD) },
  { name: "four-backtick fence", spec: "crc", answer: `\`\`\`\`ts\n${CRC_GOOD}\`\`\`\``, verdict: ok(CRC_GOOD) },
  { name: "tilde fence", spec: "crc", answer: `~~~typescript\n${CRC_GOOD}~~~\n`, verdict: ok(CRC_GOOD) },
  { name: "indented fence inside a list item", spec: "attempt", answer: `1. Implement \`attempt\`:\n\n   \`\`\`ts\n${indent(ATTEMPT_GOOD.trimEnd(), "   ")}\n   \`\`\`\n2. Done.`, verdict: ok(ATTEMPT_GOOD) },
  { name: "CRLF line endings", spec: "slug", answer: `Here it is:\r\n\r\n${ts(SLUG_GOOD).replace(/\n/g, "\r\n")}\r\n`, verdict: ok(SLUG_GOOD) },
  { name: "tab-indented code keeps its tabs", spec: "attempt", answer: ts(ATTEMPT_GOOD.replace(/^ {2}/gm, "\t")), verdict: ok(ATTEMPT_GOOD.replace(/^ {2}/gm, "\t")) },
  { name: "no fence at all: the whole answer is the module", spec: "attempt", answer: ATTEMPT_GOOD, verdict: ok(ATTEMPT_GOOD) },
  { name: "no fence, prose before and after the code", spec: "attempt", answer: `Here is the implementation of attempt:\n\n${ATTEMPT_GOOD}\nIt returns a tuple so callers can destructure it.`, verdict: ok(ATTEMPT_GOOD) },
  { name: "byte-order mark before the fence", spec: "slug", answer: `\uFEFF${ts(SLUG_GOOD)}`, verdict: ok(SLUG_GOOD) },
  { name: "json block before the ts block", spec: "attempt", answer: `Config:\n${ts('{ "strict": true }', "json")}\nCode:\n${ts(ATTEMPT_GOOD)}`, verdict: ok(ATTEMPT_GOOD) },
  { name: "unclosed fence around complete code (the model forgot to close it)", spec: "attempt", answer: `Here:\n\n\`\`\`ts\n${ATTEMPT_GOOD}`, verdict: ok(ATTEMPT_GOOD) },
  { name: "a shell block after the module", spec: "attempt", answer: `${ts(ATTEMPT_GOOD)}\nRun the tests with:\n\`\`\`\nbun test\n\`\`\``, verdict: ok(ATTEMPT_GOOD) },
  { name: "unclosed fence with cut-off code is a syntax error", spec: "slug", answer: `\`\`\`ts\n${SLUG_GOOD.slice(0, 200)}`, verdict: rejected("syntax") },

  // ── Extraction: choosing by content ──────────────────────────────────────
  { name: "think-wrapped draft without the @throws, then the final block", spec: "slug", answer: `<think>\nFirst draft:\n${ts(DRAFT_WITHOUT_THROWS)}\nWait, the spec says @throws RangeError when nothing is left. Fix that.\n</think>\n\n${ts(SLUG_GOOD)}`, verdict: ok(SLUG_GOOD) },
  { name: "lone leading </think> (opening tag eaten by the template)", spec: "slug", answer: `The user wants slugify and an LRU cache.\n${ts(DRAFT_WITHOUT_THROWS)}\nThat misses the throw.</think>\n${ts(SLUG_GOOD)}`, verdict: ok(SLUG_GOOD) },
  { name: "a module whose code contains the reasoning tags as strings", spec: "attempt", answer: `<think>Strip tags in a helper.</think>\n${ts(`const OPEN = "<think>";\nconst CLOSE = "</think>";\n${ATTEMPT_GOOD}\nexport const TAGS = [OPEN, CLOSE];`)}`, verdict: { accepted: true, includes: ['const OPEN = "<think>";', 'const CLOSE = "</think>";'] } },
  { name: "an unclosed <think> (reasoning cut off): no code", spec: "attempt", answer: `<think>\nLet me write it:\n${ts(ATTEMPT_GOOD)}\nHmm, also the`, verdict: rejected("jaunt/empty") },
  { name: "<thinking> block with prose only", spec: "attempt", answer: `<thinking>Use try/catch and a tuple.</thinking>\n${ts(ATTEMPT_GOOD)}`, verdict: ok(ATTEMPT_GOOD) },
  { name: "implementation, then a longer usage example block", spec: "attempt", answer: `${ts(ATTEMPT_GOOD)}\n\nExample usage:\n${ts(`import { attempt } from "./attempt";\n\nconst [err, value] = attempt(() => JSON.parse("{"));\nconsole.log(err, value);\nconst [err2, value2] = attempt(() => JSON.parse("1"));\nconsole.log(err2, value2);\nconsole.log(attempt(() => 42));\nconsole.log(attempt(() => { throw new Error("boom"); }));`)}`, verdict: ok(ATTEMPT_GOOD) },
  { name: "a helper block, then the function block: joined in order", spec: "slug", answer: `First a helper:\n${ts('function collapse(s: string): string {\n  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");\n}')}\nThen the exports:\n${ts(SLUG_GOOD.replace('title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")', "collapse(title)"))}`, verdict: { accepted: true, includes: ["function collapse(", "export function slugify(", "export class LruCache"] } },
  { name: "function and class in separate blocks: joined", spec: "slug", answer: `The function:\n${ts(SLUGIFY_ONLY)}\nAnd the class:\n${ts(LRU_ONLY)}`, verdict: { accepted: true, includes: ["export function slugify(", "export class LruCache<K, V>"] } },
  { name: "a path comment names the generated file among complete blocks", spec: "attempt", answer: `${ts(`// src/__generated__/attempt.ts\n${ATTEMPT_GOOD}`)}\n\nAlternative without tuples (not recommended):\n${ts(ATTEMPT_GOOD.replace("[error as E, null]", "[error as E, null] as [E, null]"))}`, verdict: { accepted: true, includes: ["// src/__generated__/attempt.ts"] } },
  { name: "a heading names the generated file", spec: "crc", answer: `**src/__generated__/crc.ts**\n${ts(CRC_GOOD)}\n\nA slower version for reference:\n${ts(CRC_GOOD.replace("const TABLE", "const TABLE_UNUSED").replace("TABLE[(crc", "TABLE_UNUSED[(crc"))}`, verdict: ok(CRC_GOOD) },
  { name: "a complete draft and a corrected version: the last wins", spec: "slug", answer: `Initial version:\n${ts(DRAFT_WITHOUT_THROWS)}\nActually the spec requires the RangeError; corrected:\n${ts(SLUG_GOOD)}`, verdict: ok(SLUG_GOOD) },
  { name: "a correct draft, then a final version with a debug log: the final one is judged", spec: "attempt", answer: `Draft:\n${ts(ATTEMPT_GOOD)}\nFinal, with a log to show it works:\n${ts(`${ATTEMPT_GOOD}\nconsole.log(attempt(() => 1));`)}`, verdict: rejected("jaunt/top-level-side-effect", /console\.log/) },
  { name: "a jaunt.magic wrapper block loses to the plain block", spec: "attempt", answer: `${ts(`import * as jaunt from "@jaunt/runtime";\nexport const attempt = jaunt.magic(${ATTEMPT_GOOD.trim().replace("export function", "function")});`)}\nOr without the wrapper:\n${ts(ATTEMPT_GOOD)}`, verdict: ok(ATTEMPT_GOOD) },
  { name: "three partial blocks, none a whole module", spec: "slug", answer: `Step 1:\n${ts('const RE = /[^a-z0-9]+/g;')}\nStep 2:\n${ts("slugify(title) => title.replace(RE, '-')")}\nStep 3:\n${ts("export class LruCache<K, V> { constructor(readonly capacity: number) {} }")}`, verdict: rejected("jaunt/answer-shape", /your answer has 3 code blocks.*reply with the whole module in one/) },

  // ── Correct, idiomatic code is accepted ──────────────────────────────────
  { name: "CRC table computed at top level", spec: "crc", answer: ts(CRC_GOOD), verdict: ok(CRC_GOOD) },
  { name: "Object.fromEntries, new Set([...].map()), Math.pow at top level", spec: "slug", answer: ts(`const ENTITIES = Object.fromEntries([["&", "and"], ["@", "at"]].map(([k, v]) => [k, v]));\nconst STOP = new Set(["a", "the"].map((w) => w.toUpperCase()));\nconst LIMIT = Math.pow(2, 32);\nconst RULE = "-".repeat(3);\n${SLUG_GOOD.replace("title.toLowerCase()", "title.replace(/[&@]/g, (c) => ENTITIES[c] ?? c).slice(0, LIMIT + STOP.size + RULE.length).toLowerCase()")}`), verdict: { accepted: true, includes: ["Object.fromEntries", "Math.pow(2, 32)"] } },
  { name: "zod schema at top level (the spec module imports zod)", spec: "user", answer: ts(USER_GOOD), verdict: ok(USER_GOOD) },
  { name: "class with private state, as in the spec", spec: "stack", answer: ts(STACK_GOOD), verdict: ok(STACK_GOOD) },
  { name: "class with #private state instead of private", spec: "stack", answer: ts(STACK_GOOD.replace(/this\.items/g, "this.#items").replace("private items", "#items")), verdict: { accepted: true, includes: ["#items: T[] = []"] } },
  { name: "class with a public field where the spec has a private one", spec: "stack", answer: ts(STACK_GOOD.replace("private items", "items")), verdict: { accepted: true, includes: ["  items: T[] = [];"] } },
  { name: "identical generic signature", spec: "attempt", answer: ts(ATTEMPT_GOOD), verdict: ok(ATTEMPT_GOOD) },
  { name: "interface of the spec module imported without `type`", spec: "fmt", answer: ts(FMT_GOOD), verdict: ok(FMT_GOOD) },
  { name: "timers inside a function are fine", spec: "crc", answer: ts(CRC_GOOD), verdict: { accepted: true, includes: ["setTimeout(resolve, ms)"] } },
  { name: "finish_reason aside: closed block followed by cut-off prose", spec: "attempt", answer: `${ts(ATTEMPT_GOOD)}\n\nThis works because the tuple type is discrimin`, verdict: ok(ATTEMPT_GOOD) },

  // ── Test files ────────────────────────────────────────────────────────────
  { name: "tests with computed fixtures", spec: "tests", answer: ts(`import { expect, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\nconst CSV = ["id,name", "1,Ann"].join("\\n");\nconst RULE = "-".repeat(10);\n\ntest("fixtures", () => {\n  expect(slugify(CSV)).toBe("id-name-1-ann");\n  expect(() => slugify(RULE)).toThrow(RangeError);\n});`), verdict: { accepted: true, includes: ['["id,name", "1,Ann"].join'] } },
  { name: "tests registered in a loop over cases", spec: "tests", answer: ts(`import { expect, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\nconst CASES = [\n  { name: "punctuation", input: "Hello, World!", want: "hello-world" },\n  { name: "spaces", input: "  a  b ", want: "a-b" },\n];\n\nfor (const c of CASES) {\n  test(c.name, () => {\n    expect(slugify(c.input)).toBe(c.want);\n  });\n}\n\nCASES.forEach(({ input }) => test(\`idempotent: \${input}\`, () => expect(slugify(slugify(input))).toBe(slugify(input))));`), verdict: { accepted: true, includes: ["for (const c of CASES)"] } },
  { name: "test.each and describe", spec: "tests", answer: ts(`import { describe, expect, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\ndescribe("slugify", () => {\n  test.each([["Hello, World!", "hello-world"], ["  a  b ", "a-b"]])("%p", (input, want) => {\n    expect(slugify(input)).toBe(want);\n  });\n});`), verdict: { accepted: true, includes: ["test.each"] } },
  { name: "tests registered conditionally and per platform", spec: "tests", answer: ts(`import { expect, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\nconst UNICODE = process.env.JAUNT_UNICODE === "1";\nif (process.platform !== "win32") {\n  test("ascii", () => expect(slugify("Hello, World!")).toBe("hello-world"));\n}\nif (UNICODE) test("unicode", () => expect(() => slugify("ÄÖÜ")).toThrow(RangeError));`), verdict: { accepted: true, includes: ['if (process.platform !== "win32")'] } },
  { name: "test doubles made at top level", spec: "tests", answer: ts(`import { expect, jest, mock, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\nconst onSlug = mock((s: string) => s.length);\nconst counter = jest.fn(() => 0);\n\ntest("doubles", () => {\n  expect(onSlug(slugify("Hello, World!"))).toBe(11);\n  expect(counter()).toBe(0);\n});`), verdict: { accepted: true, includes: ["const onSlug = mock("] } },
  { name: "tests importing from vitest are rewritten to bun:test", spec: "tests", answer: ts(TESTS_GOOD.replace('"bun:test"', '"vitest"')), verdict: ok(TESTS_GOOD) },
  { name: "jest-style globals get their bun:test import", spec: "tests", answer: ts(`import { slugify } from "../../src/slug";\n\ndescribe("slugify", () => {\n  it("joins words", () => {\n    expect(slugify("Hello, World!")).toBe("hello-world");\n  });\n});`), verdict: { accepted: true, includes: ['import { describe, it, expect } from "bun:test";'] } },
  { name: "a test file with I/O at top level is rejected", spec: "tests", answer: ts(`import { expect, test } from "bun:test";\nimport { readFileSync } from "node:fs";\nimport { slugify } from "../../src/slug";\n\nconst FIXTURE = readFileSync("fixture.txt", "utf8");\ntest("fixture", () => expect(slugify(FIXTURE)).toBe("x"));`), verdict: rejected("jaunt/top-level-side-effect", /readFileSync/) },

  // ── Code that cannot work is rejected ────────────────────────────────────
  { name: "@ts-ignore hiding a call to a missing method", spec: "stack", answer: ts(STACK_GOOD.replace("    return this.items.pop();", "    // @ts-ignore\n    return this.items.popLast();")), verdict: rejected("jaunt/ts-suppression", /@ts-ignore/) },
  { name: "@ts-expect-error", spec: "attempt", answer: ts(ATTEMPT_GOOD.replace("    return [error as E, null];", "    // @ts-expect-error\n    return [error, null];")), verdict: rejected("jaunt/ts-suppression", /@ts-expect-error/) },
  { name: "@ts-nocheck at the top", spec: "attempt", answer: ts(`// @ts-nocheck\n${ATTEMPT_GOOD}`), verdict: rejected("jaunt/ts-suppression", /@ts-nocheck/) },
  { name: "a method left as a stub that throws", spec: "stack", answer: ts(STACK_GOOD.replace("    return this.items.pop();", '    throw new Error("Not implemented");')), verdict: rejected("jaunt/stub", /`pop` is a stub/) },
  { name: "a function left as a TODO", spec: "attempt", answer: ts(ATTEMPT_GOOD.replace(/export function attempt[\s\S]*?\n}\n/, 'export function attempt<T, E>(fn: () => T): [null, T] | [E, null] {\n  throw new Error(`TODO: implement attempt`);\n}\n')), verdict: rejected("jaunt/stub", /`attempt` is a stub/) },
  { name: "a database opened at import", spec: "user", answer: ts(`import { Database } from "bun:sqlite";\n${USER_GOOD}\nconst db = new Database("users.db");\nexport function count(): number { return db.query("select 1").all().length; }`), verdict: rejected("jaunt/top-level-side-effect", /new Database/) },
  { name: "console in a class static block", spec: "stack", answer: ts(STACK_GOOD.replace("  #count = 0;", '  #count = 0;\n  static {\n    console.log("Counter loaded");\n  }')), verdict: rejected("jaunt/top-level-side-effect", /console/) },
  { name: "an effectful static initialiser", spec: "stack", answer: ts(STACK_GOOD.replace("  #count = 0;", '  #count = 0;\n  static readonly startedAt = Bun.file("started.txt");')), verdict: rejected("jaunt/top-level-side-effect", /Bun\.file/) },
  { name: "a timer started at import", spec: "crc", answer: ts(`${CRC_GOOD}\nsetInterval(() => {}, 1000);`), verdict: rejected("jaunt/top-level-side-effect", /setInterval/) },
  { name: "console inside a callback run at import", spec: "crc", answer: ts(CRC_GOOD.replace("  let c = n;", "  console.log(n);\n  let c = n;")), verdict: rejected("jaunt/top-level-side-effect", /console/) },
  { name: "fetch at import", spec: "user", answer: ts(`${USER_GOOD}\nexport const remote = fetch("https://example.com/users.json");`), verdict: rejected("jaunt/top-level-side-effect", /fetch/) },
  { name: "process handler registered at import", spec: "attempt", answer: ts(`${ATTEMPT_GOOD}\nprocess.on("exit", () => {});`), verdict: rejected("jaunt/top-level-side-effect", /process\.on/) },
  { name: "a value import of the spec module is a self-import", spec: "fmt", answer: ts(`import { formatNumber as spec } from "../fmt";\n${FMT_GOOD.replace("return text.padStart", "void spec;\n  return text.padStart")}`), verdict: rejected("jaunt/self-import") },
  { name: "a signature that does not match", spec: "attempt", answer: ts(ATTEMPT_GOOD.replace("(fn: () => T)", "(fn: () => T, retries: number)")), verdict: rejected("TS2322", /`attempt` does not match the spec's declared signature/) },
  { name: "a class whose constructor takes a plain string where the spec's takes a branded Label", spec: "stack", answer: ts(STACK_GOOD.replace("constructor(readonly label: Label)", "constructor(readonly label: string)")), verdict: rejected("TS2322", /`Counter` does not match the spec's declared class type/) },
  { name: "a public member of the spec is missing", spec: "stack", answer: ts(STACK_GOOD.replace("  pop(): T | undefined {\n    return this.items.pop();\n  }\n", "")), verdict: rejected("jaunt/missing-member", /pop/) },
  { name: "one block that lacks an export", spec: "slug", answer: `Here is slugify:\n${ts(SLUGIFY_ONLY)}`, verdict: rejected("jaunt/missing-export", /LruCache/) },

  ...MODULE_INIT_CASES,
  ...MODULE_STATE_CASES,
  ...KNOWN_VERDICT_CASES,
  ...AMBIENT_CASES,
  ...TEST_FILE_CASES,
];
