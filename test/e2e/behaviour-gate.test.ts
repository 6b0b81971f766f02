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
