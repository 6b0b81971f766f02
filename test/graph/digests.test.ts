import { afterEach, describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { planProject } from "../../src/graph/plan.ts";
import { parseConfig } from "../../src/config/load.ts";
import { readFileSync } from "node:fs";
import type { Plan } from "../../src/graph/plan-types.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, type TempProject } from "../discovery/temp-project.ts";
import { mod, plan } from "./plan-helpers.ts";
import { moduleDigest, requestDigest } from "../../src/graph/digests.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const A = RUNTIME_IMPORT + fnSpec("a", "Does a.") + fnSpec("a2", "Does a2.");
const B = `${RUNTIME_IMPORT}import { a } from "./a";\n` + fnSpec("b", "Does b.", "return a(x);");

function digests(p: Plan): Record<string, string> {
  return Object.fromEntries(p.modules.map((m) => [m.id, m.digest]));
}

async function digestsAfter(edit: (p: TempProject) => void): Promise<{ before: Record<string, string>; after: Record<string, string> }> {
  project = tempProject({ "src/a.ts": A, "src/b.ts": B });
  const before = digests(await plan(project));
  edit(project);
  return { before, after: digests(await plan(project)) };
}

describe("digests are stable under", () => {
  test("formatting-only edits: trailing whitespace, CRLF, trailing blank lines", async () => {
    const { before, after } = await digestsAfter((p) => {
      const messy = A.replace("Does a. */", "Does a. */   ").replaceAll("\n", "\r\n").replace("return jaunt.todo();", "return jaunt.todo();\t") + "\r\n\r\n\r\n";
      p.write("src/a.ts", messy);
    });
    expect(after).toEqual(before);
  });

  test("reordering specs in a file", async () => {
    const { before, after } = await digestsAfter((p) => p.write("src/a.ts", RUNTIME_IMPORT + fnSpec("a2", "Does a2.") + fnSpec("a", "Does a.")));
    expect(after).toEqual(before);
  });

  test("moving the project to another folder", async () => {
    project = tempProject({ "src/a.ts": A, "src/b.ts": B });
    const before = digests(await plan(project));
    const moved = mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
    try {
      cpSync(project.root, path.join(moved, "deep", "copy"), { recursive: true });
      const root = path.join(moved, "deep", "copy");
      const config = parseConfig(readFileSync(path.join(root, "jaunt.toml"), "utf8"), path.join(root, "jaunt.toml"));
      const after = digests(await planProject({ config, cache: false }));
      expect(after).toEqual(before);
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  });

  test("digest format is sha256:<64 hex>", async () => {
    project = tempProject({ "src/a.ts": A });
    const p = await plan(project);
    expect(mod(p, "src/a").digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(p.specs["src/a:a"]?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("digests change on", () => {
  test("a JSDoc edit (and dependents change with it)", async () => {
    const { before, after } = await digestsAfter((p) => p.write("src/a.ts", A.replace("Does a.", "Does a, loudly.")));
    expect(after["src/a"]).not.toBe(before["src/a"]);
    expect(after["src/b"]).not.toBe(before["src/b"]);
  });

  test("a signature edit", async () => {
    const { before, after } = await digestsAfter((p) => p.write("src/a.ts", A.replace("function a(x: string)", "function a(x: string, y?: number)")));
    expect(after["src/a"]).not.toBe(before["src/a"]);
  });

  test("a dependency edit changes the dependent, not the dependency's other dependents' unrelated modules", async () => {
    const { before, after } = await digestsAfter((p) => p.write("src/a.ts", A.replace("Does a2.", "Does a2 differently.")));
    expect(after["src/b"]).not.toBe(before["src/b"]);
  });

  test("a prompt-template override via [prompts]", async () => {
    const { before, after } = await digestsAfter((p) => {
      p.write("my-build-module.md", "Custom build module prompt {{module}}\n");
      p.write("jaunt.toml", `version = 1\n[paths]\nsource_roots = ["src"]\ntest_roots = ["tests"]\n[llm]\nmodel = "test-model"\n[prompts]\nbuild_module = "my-build-module.md"\n`);
    });
    expect(after["src/a"]).not.toBe(before["src/a"]);
  });
});

describe("handwritten imports", () => {
  test("editing a handwritten file a spec module imports changes its digest and its dependents'; formatting does not", async () => {
    const helper = "export function twice(x: string): string {\n  return x + x;\n}\n";
    const withHelper = `${RUNTIME_IMPORT}import { twice } from "./helper";\n` + fnSpec("a", "Does a with twice().") + fnSpec("a2", "Does a2.");
    project = tempProject({ "src/a.ts": withHelper, "src/b.ts": B, "src/helper.ts": helper, "src/other.ts": RUNTIME_IMPORT + fnSpec("o") });
    const before = digests(await plan(project));
    project.write("src/helper.ts", `${helper.replaceAll("\n", "  \r\n")}\n\n`);
    expect(digests(await plan(project))).toEqual(before);
    project.write("src/helper.ts", helper.replace("x + x", "x.repeat(2)"));
    const after = digests(await plan(project));
    expect(after["src/a"]).not.toBe(before["src/a"]);
    expect(after["src/b"]).not.toBe(before["src/b"]);
    expect(after["src/other"]).toBe(before["src/other"]);
  });
});

describe("digests ignore who answers", () => {
  test("the model and other [llm] settings", async () => {
    const { before, after } = await digestsAfter((p) => p.write("jaunt.toml", `version = 1\n[paths]\nsource_roots = ["src"]\n[llm]\nmodel = "other-model"\ntemperature = 0.5\nmax_tokens = 1000\n`));
    expect(after).toEqual(before);
  });

  test("the packaged prompt templates: no template text enters a module digest", async () => {
    project = tempProject({ "src/a.ts": A });
    const p = await plan(project);
    const a = mod(p, "src/a");
    const specDigests = new Map(a.specRefs.map((ref) => [p.specs[ref]?.name ?? "", p.specs[ref]?.digest ?? "sha256:"] as const));
    const expected = moduleDigest({ module: "src/a", kind: "build", request: requestDigest("build", { overrides: [null, null] }), specDigests, dependencyDigests: new Map() });
    expect(a.digest).toBe(expected);
  });
});
