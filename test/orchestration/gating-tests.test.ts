import { afterAll, expect, test } from "bun:test";
import { loadPlan } from "../../src/orchestration/build.ts";
import { gatingTestsByModule } from "../../src/orchestration/gating-tests.ts";
import { createE2eProject } from "../e2e/project.ts";

const spec = (name: string, body = "") => `import * as jaunt from "@jaunt/runtime";\n${body}\n/** ${name}. */\nexport const ${name} = jaunt.magic(function ${name}(s: string): string {\n  return jaunt.todo();\n});\n`;

const project = createE2eProject({
  "jaunt.toml": `version = 1\n[paths]\nsource_roots = ["src"]\ntest_roots = ["tests"]\n`,
  "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, module: "Preserve", moduleResolution: "bundler", types: ["bun"], paths: { "@lib/*": ["./src/*"] } } }),
  "src/a.ts": spec("a"),
  "src/b.ts": spec("b", 'import { a } from "./a";\n'),
  "src/c.ts": spec("c"),
  "src/index.ts": 'export * from "./a";\nexport { b } from "./b";\n',
  "src/helper.ts": 'import { c } from "./c";\nexport const shout = (s: string) => c(s).toUpperCase();\n',
  // direct, through the barrel, through an alias, through a handwritten helper, and one reaching a module that is neither fresh nor a dependency
  "tests/a.test.ts": 'import { test } from "bun:test";\nimport { a } from "../src/a";\ntest("a", () => { a("x"); });\n',
  "tests/barrel_test.ts": 'import { test } from "bun:test";\nimport { a, b } from "../src";\ntest("ab", () => { b(a("x")); });\n',
  "tests/alias.spec.ts": 'import { test } from "bun:test";\nimport { c } from "@lib/c";\ntest("c", () => { c("x"); });\n',
  "tests/helper.test.ts": 'import { test } from "bun:test";\nimport { shout } from "../src/helper";\ntest("shout", () => { shout("x"); });\n',
  "tests/mixed.test.ts": 'import { test } from "bun:test";\nimport { a } from "../src/a";\nimport { c } from "../src/c";\ntest("ac", () => { a(c("x")); });\n',
  "tests/not-a-test.ts": 'import { a } from "../src/a";\nexport const x = a;\n',
  "node_modules/pkg/x.test.ts": 'import { a } from "../../src/a";\n',
});
afterAll(() => project.cleanup());

test("handwritten tests gate the modules they import directly, through barrels, aliases and helpers; a test also reaching a module not built before it gates nothing there", async () => {
  const { plan } = await loadPlan({ cwd: project.root });
  const gating = gatingTestsByModule(plan);
  const files = (module: string) => (gating.get(module) ?? []).map((t) => `${t.origin}:${t.file}`).sort();
  expect(files("src/a")).toEqual(["handwritten:tests/a.test.ts"]);
  // b depends on a (built before it), so the barrel test reaching both gates b, not a.
  expect(files("src/b")).toEqual(["handwritten:tests/barrel_test.ts"]);
  expect(files("src/c")).toEqual(["handwritten:tests/alias.spec.ts", "handwritten:tests/helper.test.ts"]);
  // a and c are both stale and independent: the test using both waits until one of them is fresh.
  expect([...gating.values()].flat().some((t) => t.file === "tests/mixed.test.ts")).toBe(false);
});
