/**
 * The generation gate end to end (real CLI, fake LLM server): a class spec
 * with private state builds on the first try and runs; a think-wrapped
 * answer writes its final block, not the draft inside the reasoning; a test
 * file with computed fixtures and loop-registered tests is written and
 * `jaunt test` passes; a project whose type checker sees no Bun/Node types
 * fails once with a config error naming the fix.
 */
import { expect, test } from "bun:test";
import { llmProjects } from "./llm-projects.ts";

const STACK_SPEC = `import * as jaunt from "@jaunt/runtime";

/** A last-in, first-out stack. */
@jaunt.magic()
export class Stack<T> {
  private items: T[] = [];
  #pushes = 0;
  push(value: T): void { jaunt.todo(); }
  /** Remove and return the top value; undefined when empty. */
  pop(): T | undefined { return jaunt.todo(); }
  get size(): number { return jaunt.todo(); }
}
`;
const STACK_CODE = `export class Stack<T> {
  private items: T[] = [];
  #pushes = 0;
  push(value: T): void {
    this.items.push(value);
    this.#pushes++;
  }
  pop(): T | undefined {
    return this.items.pop();
  }
  get size(): number {
    return this.items.length;
  }
}`;

const CLAMP_SPEC = `import * as jaunt from "@jaunt/runtime";

/**
 * Clamp value into [min, max].
 * @throws {RangeError} when min > max
 */
export const clamp = jaunt.magic(function clamp(value: number, min: number, max: number): number {
  return jaunt.todo();
});
`;
const CLAMP_DRAFT = "export function clamp(value: number, min: number, max: number): number {\n  return Math.min(max, Math.max(min, value));\n}";
const CLAMP_FINAL = 'export function clamp(value: number, min: number, max: number): number {\n  if (min > max) throw new RangeError("min > max");\n  return Math.min(max, Math.max(min, value));\n}';
const THINK_ANSWER = `<think>\nThe user wants clamp. Draft:\n\`\`\`ts\n${CLAMP_DRAFT}\n\`\`\`\nBut the spec documents @throws RangeError when min > max. Add it.\n</think>\n\nHere is the module:\n\n\`\`\`ts\n${CLAMP_FINAL}\n\`\`\`\n`;

const TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { Stack } from "../src/stack";

/** Pushing a, b, c pops c, b, a; an empty stack pops undefined; size follows. */
export const stackOrder = jaunt.test(function stackOrder() {
  Stack;
});
`;
const TEST_ANSWER = `\`\`\`ts
import { expect, test } from "bun:test";
import { Stack } from "../../src/stack";

const LETTERS = "abc".split("");
const CASES = [1, 2, 3].map((n) => ({ name: \`\${n} value(s)\`, values: LETTERS.slice(0, n) }));

for (const c of CASES) {
  test(c.name, () => {
    const stack = new Stack<string>();
    for (const v of c.values) stack.push(v);
    expect(stack.size).toBe(c.values.length);
    expect([...c.values].reverse().map(() => stack.pop())).toEqual([...c.values].reverse());
    expect(stack.pop()).toBeUndefined();
  });
}
\`\`\`
`;

const { llm, project } = llmProjects({});

test("private class state builds first try, a think-wrapped answer writes its final block, computed-fixture tests pass", async () => {
  const p = project({ "src/stack.ts": STACK_SPEC, "src/clamp.ts": CLAMP_SPEC, "tests/stack.ts": TEST_SPEC });
  llm.script("src/stack", [`Here you go:\n\n\`\`\`ts\n${STACK_CODE}\n\`\`\`\n`]);
  llm.script("src/clamp", [THINK_ANSWER]);
  llm.script("tests/stack", [TEST_ANSWER]);
  const result = await p.jaunt(["test"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  expect(llm.requestsFor("src/stack")).toHaveLength(1);
  expect(llm.requestsFor("src/clamp")).toHaveLength(1);
  expect(llm.requestsFor("tests/stack")).toHaveLength(1);
  expect(p.read("src/__generated__/stack.ts")).toContain("private items: T[] = [];");
  const clamp = p.read("src/__generated__/clamp.ts");
  expect(clamp).toContain('throw new RangeError("min > max")');
  expect(p.read("tests/__generated__/stack.test.ts")).toContain("for (const c of CASES)");
  expect(result.stdout + result.stderr).toMatch(/3 pass/);

  // The written class and function run through the runtime.
  const run = Bun.spawnSync(
    [process.execPath, "-e", 'import { Stack } from "./src/stack.ts"; import { clamp } from "./src/clamp.ts"; const s = new Stack<number>(); s.push(1); s.push(2); let r = ""; try { clamp(1, 3, 2); } catch (e) { r = (e as Error).name; } console.log(s.pop(), s.size, r);'],
    { cwd: p.root, stdout: "pipe", stderr: "pipe" },
  );
  expect(run.stdout.toString().trim(), run.stderr.toString()).toBe("2 1 RangeError");
}, 60_000);

test("no Bun or Node types visible to the project's checker: exit 2 once, naming the fix", async () => {
  const p = project({ "src/clamp.ts": CLAMP_SPEC });
  const before = llm.requestsFor("src/clamp").length;
  p.write("tsconfig.json", JSON.stringify({ compilerOptions: { target: "ESNext", lib: ["ESNext"], module: "Preserve", moduleResolution: "bundler", strict: true, noEmit: true, skipLibCheck: true } }));
  p.write("package.json", JSON.stringify({ name: "old-project", type: "module", devDependencies: { typescript: "^7.0.0" } }));
  llm.script("src/clamp", ["```ts\nexport function clamp(value: number, min: number, max: number): number {\n  setTimeout(() => {}, 0);\n  return Math.min(max, Math.max(min, value));\n}\n```"]);
  const result = await p.jaunt(["build"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(2);
  expect(result.stderr).toContain("sees no Bun or Node types");
  expect(result.stderr).toContain('"types": ["bun"]');
  expect(llm.requestsFor("src/clamp").length - before).toBe(1);
}, 60_000);
