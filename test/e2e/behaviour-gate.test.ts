/**
 * The behaviour stage end to end (real CLI, fake LLM server): a spec's
 * `@example`s and the user's own tests run against every candidate; a
 * type-correct but wrong answer is retried with expected and actual, a
 * hanging one is stopped by the time limit, one that always fails exits 3
 * naming the example; unrunnable examples stay unchecked without an error;
 * a test that fails by itself is a warning, not held against candidates; a
 * cached answer passes the same stage before it is used.
 */
import { expect, test } from "bun:test";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fence } from "../support/fake-llm.ts";
import { llmProjects } from "./llm-projects.ts";

const SLUG_SPEC = `import * as jaunt from "@jaunt/runtime";

/**
 * Turn a title into a URL slug: lowercase ASCII letters and digits; every
 * run of other characters becomes one "-"; no leading or trailing "-".
 * @example slugify("Hello, World!") // => "hello-world"
 */
export const slugify = jaunt.magic(function slugify(title: string): string {
  return jaunt.todo();
});
`;
const SLUG_GOOD = `export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}`;
// Type-correct, wrong: the trailing "-" is kept.
const SLUG_BUGGY = `export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+/g, "");
}`;

const { llm, project } = llmProjects({});

test("a type-correct wrong answer is retried because an example failed; the retry prompt carries expected and actual", async () => {
  const p = project({ "src/slug.ts": SLUG_SPEC });
  llm.script("src/slug", [fence(SLUG_BUGGY), fence(SLUG_GOOD)]);
  const result = await p.jaunt(["build", "--json"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  const requests = llm.requestsFor("src/slug");
  expect(requests).toHaveLength(2);
  const retry = requests[1]?.messages.map((m) => m.content).join("\n") ?? "";
  expect(retry).toContain('src/slug.ts:6: the spec\'s example `slugify("Hello, World!") // => "hello-world"` failed: expected "hello-world", got "hello-world-"');
  expect(retry).toContain("the user's own examples");
  expect(p.read("src/__generated__/slug.ts")).toContain('.replace(/^-+|-+$/g, "")');
  const report = JSON.parse(result.stdout);
  const entry = report.modules.find((m: { module: string }) => m.module === "src/slug");
  expect(entry.checks).toEqual({ examples: { passed: 1, total: 1, unchecked: 0 }, tests: { passed: 0, total: 0 } });
}, 60_000);

test("an answer that always fails an example: exit 3 naming the example and its line; nothing written", async () => {
  const p = project({ "src/slug2.ts": SLUG_SPEC });
  llm.script("src/slug2", [fence(SLUG_BUGGY), fence(SLUG_BUGGY)]);
  const result = await p.jaunt(["build"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(3);
  expect(result.stdout + result.stderr).toContain('src/slug2.ts:6: the spec\'s example `slugify("Hello, World!") // => "hello-world"` failed: expected "hello-world", got "hello-world-"');
  expect(p.exists("src/__generated__/slug2.ts")).toBe(false);
}, 60_000);

test("a hanging answer is stopped by the time limit and retried", async () => {
  const p = project({ "src/slug3.ts": SLUG_SPEC }, "example_timeout_ms = 1500\n");
  const hang = `export function slugify(title: string): string {\n  let s = title;\n  while (s.length > 0) s = s + "";\n  return s;\n}`;
  llm.script("src/slug3", [fence(hang), fence(SLUG_GOOD)]);
  const result = await p.jaunt(["build"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  const retry = llm.requestsFor("src/slug3")[1]?.messages.map((m) => m.content).join("\n") ?? "";
  expect(retry).toContain("jaunt/example-timeout");
  expect(retry).toContain("did not finish within 1500 ms");
  expect(p.read("src/__generated__/slug3.ts")).toContain(SLUG_GOOD.split("\n")[1] ?? "");
}, 60_000);

const FORMS_SPEC = `import * as jaunt from "@jaunt/runtime";

/**
 * Fetch the greeting for a name (after a tick).
 * @example await greet("Ann") // => "hello, Ann"
 */
export const greet = jaunt.magic(async function greet(name: string): Promise<string> {
  return jaunt.todo();
});

/**
 * Square root of a non-negative number.
 * @example
 * root(9); // 3
 * root(-1) // throws RangeError: negative
 */
export const root = jaunt.magic(function root(n: number): number {
  return jaunt.todo();
});

/**
 * A counter.
 * @example
 * const c = new Counter(10);
 * c.inc();
 * c.inc() // => 12
 * c.value === 12
 */
@jaunt.magic()
export class Counter {
  constructor(start: number) {}
  inc(): number {
    return jaunt.todo();
  }
  get value(): number {
    return jaunt.todo();
  }
}

/**
 * Prose only, and one that cannot run here.
 * @example
 * // Renders the user's card
 * render(card);
 * @example
 * const user = await fetchUserDetails(1);
 * shout(user.name) // => "ANN"
 */
export const shout = jaunt.magic(function shout(s: string): string {
  return jaunt.todo();
});
`;
const FORMS_CODE = `export async function greet(name: string): Promise<string> {
  await new Promise((r) => setTimeout(r, 1));
  return \`hello, \${name}\`;
}

export function root(n: number): number {
  if (n < 0) throw new RangeError("negative input");
  return Math.sqrt(n);
}

export class Counter {
  #n: number;
  constructor(start: number) {
    this.#n = start;
  }
  inc(): number {
    return ++this.#n;
  }
  get value(): number {
    return this.#n;
  }
}

export function shout(s: string): string {
  return s.toUpperCase();
}`;

test("async, class-with-setup, throws and bare trailing values pass; prose and unrunnable examples stay unchecked without an error; status shows the evidence", async () => {
  const p = project({ "src/forms.ts": FORMS_SPEC });
  llm.script("src/forms", [fence(FORMS_CODE)]);
  const result = await p.jaunt(["build", "--json"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  expect(llm.requestsFor("src/forms")).toHaveLength(1);
  const entry = JSON.parse(result.stdout).modules.find((m: { module: string }) => m.module === "src/forms");
  expect(entry.checks.examples).toEqual({ passed: 5, total: 5, unchecked: 2 });
  expect(entry.checks.uncheckedExamples.map((u: { line: number; reason: string }) => [u.line, u.reason])).toEqual([
    [42, "it states no expected value (write `expr // => value`, `a === b` or `expr // throws Error`)"],
    [45, "it uses `fetchUserDetails`, which the spec module neither exports nor imports"],
  ]);

  const status = await p.jaunt(["status"]);
  expect(status.exitCode).toBe(0);
  expect(status.stdout).toContain("- checked: 5/5 examples, 2 examples unchecked");
  expect(status.stderr).toContain("src/forms.ts:45: the @example of src/forms:shout is not checked: it uses `fetchUserDetails`");
  expect((await p.jaunt(["status", "--check", "--verified"])).exitCode).toBe(0);
  expect((await p.jaunt(["status", "--check", "--strict"])).exitCode).toBe(1);
  const json = JSON.parse((await p.jaunt(["status", "--json"])).stdout);
  expect(json.modules.find((m: { module: string }) => m.module === "src/forms").checks.examples).toEqual({ passed: 5, total: 5, unchecked: 2 });
}, 60_000);

test("status --check --verified exits 1 while a fresh module has no passing check", async () => {
  const spec = `import * as jaunt from "@jaunt/runtime";\n\n/** Add two numbers. */\nexport const add = jaunt.magic(function add(a: number, b: number): number {\n  return jaunt.todo();\n});\n`;
  const p = project({ "src/add.ts": spec });
  llm.script("src/add", [fence("export function add(a: number, b: number): number {\n  return a + b;\n}")]);
  const built = await p.jaunt(["build"]);
  expect(built.exitCode, built.stdout + built.stderr).toBe(0);
  expect(built.stderr).toContain("built src/add -> src/__generated__/add.ts (");
  expect(built.stderr).toMatch(/built src\/add -> \S+ \([^)]*unverified\)/);
  expect((await p.jaunt(["status", "--check"])).exitCode).toBe(0);
  const verified = await p.jaunt(["status", "--check", "--verified"]);
  expect(verified.exitCode).toBe(1);
  expect(verified.stdout).toContain("unverified: no spec example or test ran against it");
}, 60_000);

const TEXT_SPEC = `import * as jaunt from "@jaunt/runtime";

/** Repeat \`s\` \`n\` times, joined by single spaces. */
export const echo = jaunt.magic(function echo(s: string, n: number): string {
  return jaunt.todo();
});
`;
const ECHO_GOOD = `export function echo(s: string, n: number): string {\n  return Array.from({ length: n }, () => s).join(" ");\n}`;
const ECHO_BUGGY = `export function echo(s: string, n: number): string {\n  return Array.from({ length: n }, () => s).join("");\n}`;
const USER_TEST = `import { expect, test } from "bun:test";
import { echo } from "../src/lib";

test("echo joins with spaces", () => {
  expect(echo("ab", 3)).toBe("ab ab ab");
});
`;
const BROKEN_TEST = `import { expect, test } from "bun:test";
import { echo } from "../src/echo";

test("uses a helper that does not exist", () => {
  expect(makeFixture(echo)).toBe(1);
});
`;

test("a handwritten test (through a barrel) gates a candidate; a test failing in its own code is a warning, not held against it", async () => {
  const unloadable = `import { test } from "bun:test";\nimport { echo } from "../src/echo";\nif (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set");\ntest("never registered", () => { echo("a", 1); });\n`;
  const p = project({ "src/echo.ts": TEXT_SPEC, "src/lib.ts": `export * from "./echo";\n`, "tests/echo.test.ts": USER_TEST, "tests/broken.test.ts": BROKEN_TEST, "tests/needs-db.test.ts": unloadable });
  llm.script("src/echo", [fence(ECHO_BUGGY), fence(ECHO_GOOD)]);
  const result = await p.jaunt(["build", "--json"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  const requests = llm.requestsFor("src/echo");
  expect(requests).toHaveLength(2);
  const retry = requests[1]?.messages.map((m) => m.content).join("\n") ?? "";
  expect(retry).toContain('tests/echo.test.ts:4: the user\'s test "echo joins with spaces" failed: expect(received).toBe(expected) Expected: "ab ab ab" Received: "ababab"');
  expect(retry).toContain("the project's tests that import this module");
  expect(retry).not.toContain("makeFixture");
  const report = JSON.parse(result.stdout);
  expect(report.modules.find((m: { module: string }) => m.module === "src/echo").checks.tests).toEqual({ passed: 1, total: 1 });
  expect(report.warnings.some((w: string) => w.startsWith('tests/broken.test.ts:4: the user\'s test "uses a helper that does not exist" fails in its own code (ReferenceError: makeFixture is not defined)'))).toBe(true);
  expect(report.warnings).toContain("tests/needs-db.test.ts: the test file did not load (error: DATABASE_URL is not set); not held against src/echo");
  expect(report.warnings.filter((w: string) => w.startsWith("tests/needs-db.test.ts"))).toHaveLength(1);
  expect(p.read("src/__generated__/echo.ts")).toContain('.join(" ")');
}, 60_000);

test("a user's test that every attempt fails is named in the exit-3 message", async () => {
  const p = project({ "src/echo2.ts": TEXT_SPEC.replace("echo", "echo2").replace("function echo(", "function echo2("), "tests/echo2.test.ts": USER_TEST.replaceAll("echo", "echo2").replace("../src/lib", "../src/echo2") });
  const buggy = ECHO_BUGGY.replace("function echo(", "function echo2(");
  llm.script("src/echo2", [fence(buggy), fence(buggy)]);
  const result = await p.jaunt(["build"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(3);
  expect(result.stdout + result.stderr).toContain('tests/echo2.test.ts:4: the user\'s test "echo2 joins with spaces" failed on every attempt: it may be out of date with the spec or the environment');
  expect(p.exists("src/__generated__/echo2.ts")).toBe(false);
}, 60_000);

test("model-written code runs without Jaunt's secrets: the API key variable and .env contents are not in its environment", async () => {
  const spec = `import * as jaunt from "@jaunt/runtime";\n\n/**\n * Which secrets the process sees.\n * @example seen() // => "none"\n */\nexport const seen = jaunt.magic(function seen(): string {\n  return jaunt.todo();\n});\n`;
  const p = project({ "src/seen.ts": spec, ".env": "PROJECT_SECRET=s3cret\n" });
  const code = `export function seen(): string {\n  const found = ["JAUNT_E2E_KEY", "PROJECT_SECRET"].filter((k) => process.env[k] !== undefined);\n  return found.length === 0 ? "none" : found.join(",");\n}`;
  llm.script("src/seen", [fence(code), fence(code)]);
  const result = await p.jaunt(["build"], { PROJECT_SECRET: "s3cret" });
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  expect(llm.requestsFor("src/seen")).toHaveLength(1);
}, 60_000);

test("a cached answer passes the same stage: one that fails an example is a miss, never a silent reuse", async () => {
  const spec = SLUG_SPEC.replaceAll("slugify", "slugify4");
  const p = project({ "src/slug4.ts": spec });
  const good = SLUG_GOOD.replace("slugify(", "slugify4(");
  llm.script("src/slug4", [fence(good)]);
  expect((await p.jaunt(["build"])).exitCode).toBe(0);
  // The recorded answer is replaced by a type-correct wrong one (an answer recorded before the example was
  // written, or by a Jaunt without the behaviour stage), and the generated file removed.
  const cacheDir = path.join(p.root, ".jaunt/cache");
  const [entryFile] = readdirSync(cacheDir).filter((f) => f.endsWith(".json") && f !== "parse.json" && readFileSync(path.join(cacheDir, f), "utf8").includes('"module": "src/slug4"'));
  expect(entryFile).toBeDefined();
  const entryPath = path.join(cacheDir, entryFile ?? "");
  const entry = JSON.parse(readFileSync(entryPath, "utf8"));
  writeFileSync(entryPath, JSON.stringify({ ...entry, code: SLUG_BUGGY.replace("slugify(", "slugify4(") }));
  rmSync(path.join(p.root, "src/__generated__/slug4.ts"));

  const offline = await p.jaunt(["build", "--offline"]);
  expect(offline.exitCode).toBe(3);
  expect(offline.stdout + offline.stderr).toContain("offline and its cached answer no longer validates");
  expect(offline.stdout + offline.stderr).toContain('src/slug4.ts:6: the spec\'s example `slugify4("Hello, World!") // => "hello-world"` failed');
  expect(p.exists("src/__generated__/slug4.ts")).toBe(false);

  const before = llm.requestsFor("src/slug4").length;
  llm.script("src/slug4", [fence(good)]);
  const online = await p.jaunt(["build"]);
  expect(online.exitCode, online.stdout + online.stderr).toBe(0);
  expect(llm.requestsFor("src/slug4").length - before).toBe(1);
  expect(p.read("src/__generated__/slug4.ts")).toContain('.replace(/^-+|-+$/g, "")');
}, 60_000);

test("generated tests still fresh gate a re-rolled module as a regression suite", async () => {
  const spec = TEXT_SPEC.replaceAll("echo", "echo3");
  const testSpec = `import * as jaunt from "@jaunt/runtime";\nimport { echo3 } from "../src/echo3";\n\n/** echo3("ab", 3) is "ab ab ab". */\nexport const echo3Basics = jaunt.test(function echo3Basics() {\n  echo3;\n});\n`;
  const generatedTest = `import { expect, test } from "bun:test";\nimport { echo3 } from "../../src/echo3";\n\ntest("echo3 joins with spaces", () => {\n  expect(echo3("ab", 3)).toBe("ab ab ab");\n});\n`;
  const p = project({ "src/echo3.ts": spec, "tests/echo3.ts": testSpec });
  const good = ECHO_GOOD.replace("function echo(", "function echo3(");
  llm.script("src/echo3", [fence(good)]);
  llm.script("tests/echo3", [fence(generatedTest)]);
  const first = await p.jaunt(["test"]);
  expect(first.exitCode, first.stdout + first.stderr).toBe(0);

  const before = llm.requestsFor("src/echo3").length;
  llm.script("src/echo3", [fence(ECHO_BUGGY.replace("function echo(", "function echo3(")), fence(good)]);
  const reroll = await p.jaunt(["build", "--force", "--json"]);
  expect(reroll.exitCode, reroll.stdout + reroll.stderr).toBe(0);
  const requests = llm.requestsFor("src/echo3").slice(before);
  expect(requests).toHaveLength(2);
  const retry = requests[1]?.messages.map((m) => m.content).join("\n") ?? "";
  expect(retry).toContain('tests/__generated__/echo3.test.ts:10: the generated test (still fresh: it passed against the previous implementation) "echo3 joins with spaces" failed');
  const entry = JSON.parse(reroll.stdout).modules.find((m: { module: string }) => m.module === "src/echo3");
  expect(entry.checks.tests).toEqual({ passed: 1, total: 1 });
}, 90_000);

test("examples that contradict each other are reported with both lines and checked neither way", async () => {
  const spec = `import * as jaunt from "@jaunt/runtime";\n\n/**\n * Double a number.\n * @example twice(2) // => 4\n * @example twice(2) // => 5\n */\nexport const twice = jaunt.magic(function twice(n: number): number {\n  return jaunt.todo();\n});\n`;
  const p = project({ "src/twice.ts": spec });
  llm.script("src/twice", [fence("export function twice(n: number): number {\n  return n * 2;\n}")]);
  const result = await p.jaunt(["build", "--json"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  expect(llm.requestsFor("src/twice")).toHaveLength(1);
  const report = JSON.parse(result.stdout);
  expect(report.warnings).toContain("examples contradict each other: `twice(2)` is 4 at src/twice.ts:5 and 5 at src/twice.ts:6");
  expect(report.modules[0].checks.examples).toEqual({ passed: 0, total: 0, unchecked: 2 });
}, 60_000);
