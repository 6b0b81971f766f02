import { expect, test } from "bun:test";
import { fence } from "../support/fake-llm.ts";
import { IMPLEMENTATIONS, SPECS } from "./project.ts";
import { llmProjects } from "./llm-projects.ts";

const TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { slugify } from "../src/slug";

/** slugify("Hello World") is "hello-world". */
export const slugifyBasics = jaunt.test(function slugifyBasics() {
  slugify;
});
`;

const testCode = (expected: string): string => `import { expect, test } from "bun:test";
import { slugify } from "../../src/slug";

test("slugifyBasics", () => {
  expect(slugify("Hello World")).toBe(${JSON.stringify(expected)});
});
`;

const { llm, project } = llmProjects({ defaults: { ...IMPLEMENTATIONS, "tests/slug": testCode("hello-world") } });

test("jaunt test builds, generates *.test.ts into the test root, runs bun test: pass → 0, fail → 4", async () => {
  const p = project({ ...SPECS, "tests/slug.ts": TEST_SPEC });
  const passing = await p.jaunt(["test"]);
  expect(passing.exitCode, passing.stdout + passing.stderr).toBe(0);
  expect(p.exists("src/__generated__/slug.ts")).toBe(true);
  expect(p.read("tests/__generated__/slug.test.ts")).toContain("// jaunt:kind=test");
  expect(passing.stdout + passing.stderr).toMatch(/1 pass/);
  expect(passing.stdout).toContain("tests passed (1 file(s))");

  llm.script("tests/slug", [fence(testCode("not-this"))]);
  p.write("tests/slug.ts", TEST_SPEC.replace("is \"hello-world\"", "is exactly \"hello-world\""));
  const failing = await p.jaunt(["test"]);
  expect(failing.exitCode).toBe(4);
  expect(failing.stdout + failing.stderr).toMatch(/1 fail/);
  expect(failing.stdout).toContain("tests failed");
}, 90_000);

test("a build failure stops jaunt test with exit 3 before any test runs", async () => {
  const p = project({ ...SPECS, "tests/slug.ts": TEST_SPEC });
  llm.script("src/other", [fence("export const nope = 1;"), fence("export const nope = 2;")]);
  const result = await p.jaunt(["test"]);
  expect(result.exitCode).toBe(3);
  expect(result.stdout).toContain("build failed");
  expect(p.exists("tests/__generated__/slug.test.ts")).toBe(false);
}, 60_000);

test("no test specs: exit 0 with a clear message", async () => {
  const p = project({ "src/other.ts": SPECS["src/other.ts"] });
  const result = await p.jaunt(["test", "--no-build"]);
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toContain("no test specs found under tests; nothing to run");
  expect(p.exists("src/__generated__/other.ts")).toBe(false);
}, 30_000);
