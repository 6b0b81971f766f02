/**
 * The skill examples and the files `jaunt init` writes must be specs Jaunt
 * really discovers, type-checking against @jaunt/runtime.
 */
import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { SKILL_FILES } from "../../src/assets/skill.ts";
import { loadConfig } from "../../src/config/load.ts";
import { discover } from "../../src/discovery/discover.ts";
import { specExamples } from "../../src/generation/behaviour/examples/spec-examples.ts";
import { initProject } from "../../src/scaffold/init-project.ts";
import { EXAMPLE_SPEC, EXAMPLE_SPEC_PATH } from "../../src/scaffold/templates.ts";
import { REPO_ROOT } from "../support/cli.ts";
import { useTempDirs } from "./temp-dir.ts";

const tempDir = useTempDirs();

function skillText(rel: string): string {
  const file = SKILL_FILES.find((f) => f.path === rel);
  if (!file) throw new Error(`no skill file ${rel}`);
  return file.text;
}

async function specsOf(root: string): Promise<{ refs: string[]; problems: string[] }> {
  const config = await loadConfig({ cwd: root });
  const found = await discover({ root, paths: config.paths, cache: false });
  return {
    refs: found.modules.flatMap((m) => m.specs.map((s) => `${s.kind} ${s.ref}`)),
    problems: found.problems.map((p) => `${p.file}:${p.line}: ${p.message}`),
  };
}

describe("skill examples", () => {
  test("type-check in the repo", () => {
    const examples = ["basic_function_spec.ts", "class_spec.ts", "test_spec.ts"].map((f) => path.join("skill/examples", f));
    const result = Bun.spawnSync([process.execPath, "check", "--no-pretty", ...examples], { cwd: REPO_ROOT });
    expect(result.stdout.toString() + result.stderr.toString()).not.toContain("error TS");
    expect(result.exitCode).toBe(0);
  });

  test("are discovered as specs, with the example jaunt.toml as config", async () => {
    const root = tempDir();
    const put = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    put("jaunt.toml", skillText("examples/jaunt.toml"));
    put("src/basic_function_spec.ts", skillText("examples/basic_function_spec.ts"));
    put("src/class_spec.ts", skillText("examples/class_spec.ts"));
    // In a project the test spec sits in tests/ and imports the specs from src/.
    put("tests/examples.ts", skillText("examples/test_spec.ts").replaceAll('from "./', 'from "../src/'));
    const { refs, problems } = await specsOf(root);
    expect(problems).toEqual([]);
    expect(refs).toEqual([
      "function src/basic_function_spec:slugify",
      "function src/basic_function_spec:uniqueSlug",
      "class src/class_spec:LruCache",
      "test tests/examples:slugifyBasics",
      "test tests/examples:uniqueSlugCounts",
      "test tests/examples:lruEviction",
    ]);
  });
});

describe("jaunt init output", () => {
  test("is a valid config with a discovered spec and test spec", async () => {
    const root = tempDir();
    await initProject({ dir: root, runtimeRange: "^0.1.0" });
    const { refs, problems } = await specsOf(root);
    expect(problems).toEqual([]);
    expect(refs).toEqual(["function src/greeting:greet", "test tests/greeting:greetBasics"]);
  });

  test("the example spec's @example lines are checks (the `// =>` form), none left as prose", () => {
    const blocks = specExamples(ts, { specFile: EXAMPLE_SPEC_PATH, specSource: EXAMPLE_SPEC, specs: [{ ref: "src/greeting:greet", name: "greet" }] });
    expect(blocks.map((b) => b.unchecked)).toEqual([undefined]);
    const checks = blocks.flatMap((b) => b.steps.flatMap((s) => (s.kind === "check" ? [`${s.check.subject} => ${s.check.expectation.kind === "equals" ? s.check.expectation.expected : "?"}`] : [])));
    expect(checks).toEqual(['greet(" Ada ") => "Hello, Ada!"', 'greet("   ") => "Hello, world!"']);
  });
});
