import { expect, test } from "bun:test";
import { chooseCode } from "../../src/generation/validate/choose-code.ts";
import { loadTypeScript } from "../../src/generation/validate/typescript-parser.ts";
import { validateCandidate } from "../../src/generation/validate/validate-candidate.ts";
import { createSpecProject, SLUG_SPEC, slugInput, TSCONFIG } from "../support/generation-project.ts";
import { INPUTS, SPEC_FILES } from "./corpus/specs.ts";

const ts = await loadTypeScript();
/** The code the real gate validates for `answer`, when the spec asks for an export named `name`. */
const chosen = (answer: string, name: string) => chooseCode(ts, answer, slugInput({ specs: [{ ref: `src/slug:${name}`, name, kind: "function", text: "" }] }));

test("fences and chatter are stripped: the ts block, a BOM and reasoning dropped, the final version over a draft; no fence means the whole text", () => {
  expect(chosen("Sure!\n```ts\nexport const a = 1;\n```\nHope it helps.", "a")).toEqual({ code: "export const a = 1;\n", complete: true });
  expect(chosen("```typescript\nexport const last = 'a much longer first draft';\n```\n```ts\nexport const last = 1;\n```", "last").code).toBe("export const last = 1;\n");
  expect(chosen("```\nexport const plain = 1;\n```", "plain").code).toBe("export const plain = 1;\n");
  expect(chosen("```json\n{}\n```\n```ts\nexport const t = 1;\n```", "t").code).toBe("export const t = 1;\n");
  expect(chosen("export const bare = 1;", "bare").code).toBe("export const bare = 1;\n");
  expect(chosen("```ts\nexport const cut = ", "cut")).toEqual({ code: "export const cut =\n", complete: false });
  expect(chosen("\uFEFF<think>\n```ts\nexport const draft = 1;\n```\n</think>\n```ts\nexport const final = 2;\n```", "final").code).toBe("export const final = 2;\n");
  expect(chosen("a draft:\n```ts\nexport const x = 0;\n```\ndone</think>\nexport const y = 1;", "y").code).toBe("export const y = 1;\n");
  expect(chosen('```ts\nexport const CLOSE = "</think>";\n```', "CLOSE").code).toBe('export const CLOSE = "</think>";\n');
});

const only = (code: string) => validateCandidate(code, slugInput({ specs: [{ ref: "src/slug:slugify", name: "slugify", kind: "function", text: "" }] }), { root: "/nonexistent", skipTypeCheck: true });

test("allowed top level: simple constants, arrow exports, new Map(), Object.freeze, enums, types", async () => {
  const code = `import { x } from "node:path";
type T = { a: number };
interface I { b: string }
enum E { A, B }
const LIMIT = 10 * 1024;
const NAMES = Object.freeze(["a", "b"] as const);
let cache = new Map<string, number>();
const RE = /[^a-z]+/g;
const TABLE = { a: 1, b: [1, 2], c: -1, d: \`x\${LIMIT}\` } satisfies Record<string, unknown>;
export const slugify = (title: string): string => title + String(LIMIT) + String(cache.size);
export { slugify as alias };
`;
  expect((await only(code)).diagnostics).toEqual([]);
});

test("disallowed top level: effectful calls, assignments to global state, loops and ifs that change imported state or throw", async () => {
  const code = `import { registry } from "../registry";
export function slugify(t: string): string { return t; }
const start = performance.now();
globalThis.x = 1;
for (const a of [1]) registry.push(a);
if (Math.random() > 2) throw new Error("unlucky");
`;
  const diags = (await only(code)).diagnostics;
  expect(diags.map((d) => [d.code, d.line])).toEqual([
    ["jaunt/top-level-side-effect", 3],
    ["jaunt/top-level-side-effect", 4],
    ["jaunt/top-level-side-effect", 5],
    ["jaunt/top-level-side-effect", 6],
  ]);
});

test("exports via an export list count with their local kind; a const arrow counts as a function", async () => {
  expect((await only("function impl(t: string): string { return t; }\nexport { impl as slugify };\n")).diagnostics).toEqual([]);
  const wrong = await only("class slugify {}\nexport { slugify };\n");
  expect(wrong.diagnostics[0]?.code).toBe("jaunt/wrong-kind");
});

test("import = require(), require() and import() are imports too: the spec module, generated files and @jaunt/runtime are refused in every form", async () => {
  const code = `import jaunt = require("@jaunt/runtime");\nimport spec = require("../slug");\nexport function slugify(t: string): string {\n  const other: { x: string } = require("../__generated__/text");\n  void jaunt; void spec;\n  return t + other.x;\n}\n`;
  expect((await only(code)).diagnostics.map((d) => [d.code, d.line])).toEqual([
    ["jaunt/runtime-import", 1],
    ["jaunt/self-import", 2],
    ["jaunt/generated-import", 4],
  ]);
});

test("dynamic import of a generated file and @jaunt/runtime imports are rejected", async () => {
  const code = `import * as jaunt from "@jaunt/runtime";\nexport async function slugify(t: string) { return (await import("../__generated__/text")).x; }\n`;
  expect((await only(code)).diagnostics.map((d) => d.code).sort()).toEqual(["jaunt/generated-import", "jaunt/runtime-import"]);
});

test("an empty answer is a diagnostic, and diagnostics are bounded", async () => {
  expect((await only("Sorry, I cannot help.")).diagnostics[0]?.code).toBe("syntax");
  expect((await only("```ts\n```")).diagnostics[0]?.code).toBe("jaunt/empty");
  const many = Array.from({ length: 40 }, (_, i) => `console.log(${i});`).join("\n");
  const diags = (await only(`export function slugify(t: string) { return t; }\n${many}`)).diagnostics;
  expect(diags).toHaveLength(21);
  expect(diags[20]?.message).toBe("20 more error(s) not shown");
});

test("without a tsconfig the type check still runs strict (implicit any is an error)", async () => {
  const project = createSpecProject({ "src/slug.ts": SLUG_SPEC }, { tsconfig: false });
  try {
    const input = slugInput({ specs: [{ ref: "src/slug:slugify", name: "slugify", kind: "function", text: "" }] });
    const result = await validateCandidate("export function slugify(title) { return String(title); }\n", input, { root: project.root });
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["TS7006", 1, 25]]);
  } finally {
    project.cleanup();
  }
});

test("types of the spec module may be imported type-only; value imports of it are self-imports", async () => {
  const typeOnly = `import type { Options } from "../slug";\nimport { type Mode } from "../slug";\nexport function slugify(t: string, o?: Options, m?: Mode): string { return t; }\n`;
  expect((await only(typeOnly)).diagnostics).toEqual([]);
  const mixed = `import { type Options, slugify as other } from "../slug";\nexport function slugify(t: string, o?: Options): string { return other(t); }\n`;
  expect((await only(mixed)).diagnostics.map((d) => d.code)).toEqual(["jaunt/self-import"]);
});

const PURE_TOP_LEVEL = [
  "const TABLE = Array.from({ length: 256 }, (_, n) => n ^ 0xff);",
  "const BY_ID = Object.fromEntries([[1, 'a']].map(([k, v]) => [k, v]));",
  "const WORDS = new Set(['a', 'b'].map((w) => w.toUpperCase()));",
  "const MAX = Math.pow(2, 32) - 1;",
  "const RULE = '-'.repeat(10);",
  "const FMT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });",
  "const BYTES = new TextEncoder().encode('abc');",
  "const ENV = process.env.NODE_ENV === 'production';",
  "function build(): number[] { return [1, 2]; }\nconst BUILT = build();",
  "const make = () => new Map<string, number>();\nconst M = make();",
  "class Box { constructor(readonly v: number) {} }\nconst ONE = new Box(1);",
  "class Registry { static readonly DEFAULT = Object.freeze({ a: 1 }); static { Registry.count = 0; } static count: number; }",
  "const CASES = JSON.parse('[1, 2]') as number[];",
  "const LIST = [3, 1, 2].sort((a, b) => a - b).filter((n) => n > 1);",
  "import path from 'node:path';\nimport { fileURLToPath } from 'node:url';\nconst HERE = path.dirname(fileURLToPath(import.meta.url));",
  "const TABLE = new Uint32Array(256).map((_, n) => n >>> 1);",
  "const isBrowser = typeof window !== 'undefined';",
  "let n = 0;\nn++;",
  "const TABLE = new Uint32Array(4);\nfor (let i = 0; i < 4; i++) TABLE[i] = i * 2;",
  "const [A, B] = [1, 2];\nlet x = 0, y = 0;\n[x, y] = [B, A];",
  "function even(n: number): boolean { return n === 0 ? true : odd(n - 1); }\nfunction odd(n: number): boolean { return n === 0 ? false : even(n - 1); }\nconst E = even(10);",
  "const LIST: number[] = [];\nswitch (LIST.length) { case 0: LIST.push(1); break; default: LIST.length = 0; }",
  "const out: string[] = [];\nlet i = 0;\nwhile (i < 3) { out.push(String(i)); i += 1; }\nouter: for (const a of [1]) { for (const b of [2]) { if (a < b) continue outer; } }",
  "class T { static table: number[] = []; static { for (let i = 0; i < 3; i++) T.table.push(i); } }",
  "function sealed<T>(target: T): T { return target; }\n@sealed\nclass S { static readonly KEY = Symbol('k'); [S.KEY] = 1; }\nclass Sub extends S {}",
  "import { EventEmitter } from 'node:events';\nclass Bus extends EventEmitter {}",
  "const norm = (s: string) => s.trim();\nconst WORDS = [' a ', 'b '].map(norm);",
  "import { list } from '../state';\nfunction fill(list: number[]): number[] { list.push(1); return list; }\nconst L = fill([]);\nvoid list;",
  "const KINDS: string[] = [];\n{\n  class Kind { static { KINDS.push('a'); } }\n  void Kind;\n}",
];
const EFFECTFUL_TOP_LEVEL: [string, RegExp][] = [
  ["function mixin(): typeof Object { console.log('mixing'); return Object; }\nclass M extends mixin() {}", /reaches "console"/],
  ["function logged(target: unknown): void { console.log(target); }\n@logged\nclass D {}", /"@logged" runs when the class is defined, and reaches "console"/],
  ["class K { [String(console.log('k'))] = 1; }", /console\.log\('k'\)/],
  ["import fs = require('node:fs');\nfunction load(): string { return fs.readFileSync('x', 'utf8'); }\nconst DATA = load();", /"load\(\)" runs at import, and reaches "fs"/],
  ["import { list } from '../state';\nfunction init(): void { list.push(1); }\ninit();", /"init\(\)" runs at import, and reaches "list\.push\(1\)"/],
  ["function patch(): void { Array.prototype.includes = () => true; }\nconst P = patch();", /reaches "Array\.prototype\.includes = /],
  ["import { list } from '../state';\nconst add = (n: number) => list.push(n);\nconst R = [1, 2].map(add);", /reaches "list\.push\(n\)"/],
  ["for (const k of ['a']) undeclaredGlobal[k] = 1;", /undeclaredGlobal\[k\] = 1/],
  ["class R { static { globalThis.R = R; } }", /globalThis\.R = R/],
  ["import { list } from '../state';\nclass R { static { list.splice(0); } }", /list\.splice\(0\)/],
  ["console.log('loaded');", /console\.log/],
  ["const t = setTimeout(() => {}, 10);", /setTimeout/],
  ["const file = Bun.file('data.json');", /Bun\.file/],
  ["import { readFileSync } from 'node:fs';\nconst DATA = readFileSync('x', 'utf8');", /readFileSync/],
  ["import { Database } from 'bun:sqlite';\nconst db = new Database(':memory:');", /new Database/],
  ["const res = fetch('https://example.com');", /fetch/],
  ["Object.assign(globalThis, { x: 1 });", /Object\.assign/],
  ["const patched = Object.assign(globalThis, { x: 1 });", /globalThis/],
  ["class Noisy { static { console.log('x'); } }", /console/],
  ["class Timer { static readonly handle = setInterval(() => {}, 1000); }", /setInterval/],
  ["class Logger { constructor() { console.log('new'); } }\nconst LOG = new Logger();", /new Logger/],
  ["function init(): number { process.exit(1); }\nconst X = init();", /init\(\)/],
  ["const T = Array.from({ length: 2 }, () => { console.warn('x'); return 1; });", /console/],
  ["import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();", /new EventEmitter/],
  ["import { counter } from '../state';\ncounter.value++;", /counter\.value\+\+/],
  ["const id = crypto.randomUUID();", /crypto\.randomUUID/],
];

test("top level: pure computation is accepted", async () => {
  for (const snippet of PURE_TOP_LEVEL) {
    const result = await only(`${snippet}\nexport function slugify(t: string): string { return t; }\n`);
    expect({ snippet, diagnostics: result.diagnostics }).toEqual({ snippet, diagnostics: [] });
  }
});

test("top level: I/O, console, timers, network, process and effectful constructors are rejected, also in static blocks, initialisers and callbacks", async () => {
  for (const [snippet, names] of EFFECTFUL_TOP_LEVEL) {
    const result = await only(`${snippet}\nexport function slugify(t: string): string { return t; }\n`);
    const diagnostic = result.diagnostics.find((d) => d.code === "jaunt/top-level-side-effect");
    expect({ snippet, message: diagnostic?.message.match(names)?.[0] }).toEqual({ snippet, message: expect.any(String) });
  }
});

test("@ts-ignore, @ts-expect-error and @ts-nocheck are rejected with their position", async () => {
  const code = "// @ts-nocheck\nexport function slugify(t: string): string {\n  /* @ts-expect-error */\n  return t;\n}\n";
  expect((await only(code)).diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
    ["jaunt/ts-suppression", 1, 1],
    ["jaunt/ts-suppression", 3, 3],
  ]);
});

test("local calls are followed through recursion: every caller of a function that reaches an effect is rejected, in either order", async () => {
  const code = `function a(n: number): number { return n > 0 ? b(n - 1) : 0; }
function b(n: number): number { console.log(n); return a(n); }
const X = a(3);
const Y = b(1);
const Z = a(2);
export function slugify(t: string): string { return t; }
`;
  const diags = (await only(code)).diagnostics;
  expect(diags.map((d) => [d.code, d.line, d.message.match(/reaches "[^"]+"/)?.[0]])).toEqual([
    ["jaunt/top-level-side-effect", 3, 'reaches "b(n - 1)"'],
    ["jaunt/top-level-side-effect", 4, 'reaches "console"'],
    ["jaunt/top-level-side-effect", 5, 'reaches "b(n - 1)"'],
  ]);
});

test("test modules: a loop may both fill local data and register tests; changing imported state there is still an effect", async () => {
  const input = INPUTS.tests;
  const good = `import { expect, test } from "bun:test";\nimport { slugify } from "../../src/slug";\n\nconst SEEN = new Map<string, string>();\nfor (const title of ["A b", "c D"]) {\n  SEEN.set(title, slugify(title));\n  test(title, () => expect(SEEN.get(title)).toBe(slugify(title)));\n}\n`;
  expect((await validateCandidate(good, input, { root: "/nonexistent", skipTypeCheck: true })).diagnostics).toEqual([]);
  const bad = good.replace("const SEEN = new Map<string, string>();\n", "").replace('import { slugify } from "../../src/slug";', 'import { slugify } from "../../src/slug";\nimport { SEEN } from "../../src/seen";');
  const diags = (await validateCandidate(bad, input, { root: "/nonexistent", skipTypeCheck: true })).diagnostics;
  expect(diags.map((d) => [d.code, d.message.match(/"SEEN\.set[^"]*"/)?.[0]])).toEqual([["jaunt/top-level-side-effect", '"SEEN.set(title, slugify(title))"']]);
});

test("enums and namespaces are the project's call: accepted by default, TS1294 under erasableSyntaxOnly", async () => {
  const code = `import type { FormatOptions } from "../fmt";\nenum Align { Left, Right }\nexport function formatNumber(value: number, options: FormatOptions): string {\n  return String(value).padStart(options.width + Align.Left);\n}\n`;
  const cases: [boolean, [string, number | undefined][]][] = [[false, []], [true, [["TS1294", 2]]]];
  for (const [erasable, expected] of cases) {
    const project = createSpecProject({ ...SPEC_FILES, "tsconfig.json": JSON.stringify({ compilerOptions: { ...TSCONFIG.compilerOptions, erasableSyntaxOnly: erasable } }) });
    try {
      const result = await validateCandidate(code, INPUTS.fmt, { root: project.root });
      expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual(expected);
    } finally {
      project.cleanup();
    }
  }
});

test("aliases share their root's state and kind: a rebinding or a copy is the module's own, a chain of aliases is followed", async () => {
  const code = `import { plugins, defineName } from "../registry";
export function slugify(t: string): string { return t; }
let current: readonly string[] = plugins;
current = [];
const own = [...plugins];
own.push("x");
const name = defineName;
const NAME = name("x");
const a = plugins;
const b = a;
b.sort();
using none = null;
const g = globalThis;
g.slug = NAME + String(current.length);
const { assign } = Object;
assign(plugins, own);
`;
  const diags = (await only(code)).diagnostics;
  expect(diags.map((d) => [d.code, d.line])).toEqual([
    ["jaunt/top-level-side-effect", 11],
    ["jaunt/top-level-side-effect", 14],
    ["jaunt/top-level-side-effect", 16],
  ]);
});
