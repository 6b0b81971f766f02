import { afterEach, describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/load.ts";
import { meaningOf } from "../../src/discovery/meaning-text.ts";
import { inputsOf, writeBuiltInputs } from "../../src/graph/built-inputs.ts";
import { planProject } from "../../src/graph/plan.ts";
import type { Plan } from "../../src/graph/plan-types.ts";
import { wordDiff } from "../../src/graph/word-diff.ts";

const REPO = path.resolve(import.meta.dir, "../..");
const EXAMPLE = path.join(REPO, "examples/linkshelf");
const REFORMATTED = path.join(REPO, "test/fixtures/reformatted-linkshelf");
const BUILT_BEFORE = path.join(REPO, "test/fixtures/built-before-meaning-digests");
const REFORMATTED_BUILT_BEFORE = path.join(REPO, "test/fixtures/reformatted-built-before");

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyOf(source: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "jaunt-meaning-"));
  dirs.push(dir);
  cpSync(source, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}answers`) && !src.includes(`${path.sep}.jaunt`) && !src.includes("node_modules") });
  return dir;
}

async function planOf(root: string, cache = false): Promise<Plan> {
  return planProject({ config: await loadConfig({ root }), cache });
}

/** Copy the reformatted spec modules (from `source`) over the project at `root`. */
function reformat(root: string, source = REFORMATTED): void {
  for (const folder of ["src", "tests"]) {
    for (const file of readdirSync(path.join(source, folder))) cpSync(path.join(source, folder, file), path.join(root, folder, file));
  }
}

const same = (a: string, b: string): void => expect(meaningOf(a).text).toBe(meaningOf(b).text);
const differ = (a: string, b: string): void => expect(meaningOf(a).text).not.toBe(meaningOf(b).text);

describe("meaning text", () => {
  test("layout is ignored: quotes, wraps, trailing commas, semicolons, indentation, JSDoc re-wrapping, redundant parentheses, leading union bars", () => {
    same(`const a = "x";\nf(a, b);\n`, `const a = 'x'\nf(\n    a,\n    b,\n)\n`);
    same(`/**\n * Turn a title\n * into a slug.\n */\nexport function f() {}`, `/** Turn a title into a slug. */\nexport function f() {}`);
    same(`interface A { a: string, b: number }`, `interface A {\n  a: string;\n  b: number;\n}`);
    same(`interface A {\n  a: string\n  b: number\n}`, `interface A { a: string; b: number }`);
    same(`type T = "a" | "b";`, `type T =\n  | "a"\n  | "b"`);
    same(`const f = (x) => (x ? 1 : 2);`, `const f = x => x ? 1 : 2`);
    same(`function g() { return (\n  a && b\n); }`, `function g() { return a && b }`);
    same(`const n = 1_000;`, `const n = 1000.0`);
    same(`// one two\n// three\nx();`, `// one\n// two three\nx()`);
  });

  test("meaning is kept: names, types, literal values, comment words, and semicolons that change how lines parse", () => {
    differ(`function f(title: string) {}`, `function f(heading: string) {}`);
    differ(`function f(x: string) {}`, `function f(x: number) {}`);
    differ(`const a = "x";`, `const a = "y";`);
    differ(`/** Turn a title into a slug. */`, `/** Turn a title into a URL slug. */`);
    differ(`a;\n(b)`, `a\n(b)`);
    differ(`a++\nb`, `a\n++b`);
    differ(`function f() { return\nx }`, `function f() { return x }`);
    differ(`for (;a;) {}`, `for (;;a) {}`);
    differ(`const a = [,];`, `const a = [];`);
    differ(`const re = /a b/;`, `const re = /ab/;`);
  });

  test("code and comments are told apart", () => {
    const a = meaningOf(`/** Doc one. */\nexport const f = 1;`);
    const b = meaningOf(`/** Doc two. */\nexport const f = 1;`);
    expect(a.code).toBe(b.code);
    expect(a.text).not.toBe(b.text);
  });

  test("the word diff marks removed and added words", () => {
    expect(wordDiff("/** Turn a title into a slug . */", "/** Turn a heading into a slug . */")).toBe("/** Turn a [-title-] {+heading+} into a slug . …");
    expect(wordDiff("a b c", "a b c")).toBe("");
  });
});

describe("formatting-insensitive digests", () => {
  test("a whole-project Prettier reformat of the example project (and a JSDoc re-wrap) changes no digest", async () => {
    const original = await planOf(copyOf(EXAMPLE));
    const root = copyOf(EXAMPLE);
    reformat(root);
    const reformatted = await planOf(root);
    expect(reformatted.modules.map((m) => [m.id, m.digest])).toEqual(original.modules.map((m) => [m.id, m.digest]));
    expect(Object.keys(original.specs).length).toBeGreaterThan(5);
  });

  test("a semantic edit restales, and status names the spec and the words", async () => {
    const root = copyOf(BUILT_BEFORE);
    const before = await planOf(root);
    for (const m of before.modules) await writeBuiltInputs(root, m.id, inputsOf(before, m, m.digest));
    // Headers carry today's digests, as after a build.
    for (const m of before.modules) {
      const file = path.join(root, m.generatedFile);
      writeFileSync(file, readFileSync(file, "utf8").replace(/module_digest=sha256:[0-9a-f]+/, `module_digest=${m.digest}`));
    }
    const text = path.join(root, "src/text.ts");
    writeFileSync(text, readFileSync(text, "utf8").replace("Turn a title into a URL slug.", "Turn a heading into a URL slug."));
    const after = await planOf(root);
    const slugs = after.modules.find((m) => m.id === "src/text");
    expect(slugs?.status).toBe("stale");
    expect(slugs?.causes[0]).toMatchObject({ kind: "spec", ref: "src/text:slugify" });
    expect(slugs?.causes[0]?.diff).toContain("[-title-] {+heading+}");
    expect(slugs?.reasons[0]).toContain("comment or JSDoc text");
    const slugDependent = after.modules.find((m) => m.id === "src/slugs");
    expect(slugDependent?.causes).toContainEqual({ kind: "dependency", ref: "src/text:slugify", diff: null, message: "dependency src/text:slugify changed" });
  });
});

describe("upgrading from the previous digest format", () => {
  test("a project built before the change is fresh; its headers are not rewritten", async () => {
    const root = copyOf(BUILT_BEFORE);
    const header = readFileSync(path.join(root, "src/__generated__/text.ts"), "utf8");
    const plan = await planOf(root);
    expect(plan.modules.map((m) => [m.id, m.status])).toEqual(plan.modules.map((m) => [m.id, "fresh"]));
    expect(readFileSync(path.join(root, "src/__generated__/text.ts"), "utf8")).toBe(header);
    expect(plan.modules.find((m) => m.id === "src/text")?.digest).not.toBe(/module_digest=(\S+)/.exec(header)?.[1]);
  });

  test("after that first plan, a reformat of the upgraded project restales nothing either", async () => {
    const root = copyOf(BUILT_BEFORE);
    await planOf(root);
    reformat(root, REFORMATTED_BUILT_BEFORE);
    const plan = await planOf(root);
    expect(plan.modules.filter((m) => m.status !== "fresh").map((m) => [m.id, m.reasons])).toEqual([]);
  });

  test("an edit in meaning after the upgrade restales, named", async () => {
    const root = copyOf(BUILT_BEFORE);
    await planOf(root);
    const text = path.join(root, "src/text.ts");
    writeFileSync(text, readFileSync(text, "utf8").replace("max: number", "max: bigint"));
    const plan = await planOf(root);
    const module = plan.modules.find((m) => m.id === "src/text");
    expect(module?.status).toBe("stale");
    expect(module?.causes[0]).toMatchObject({ kind: "spec", ref: "src/text:truncate" });
    expect(module?.causes[0]?.diff).toContain("[-number-] {+bigint+}");
  });
});
