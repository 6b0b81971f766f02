import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectOf, readGeneratedDir } from "../../runtime/src/project-root.ts";
import { moduleIdOf, normalizeSpecFile } from "../../runtime/src/spec-location.ts";
import { parseStack } from "../../runtime/src/stack-frames.ts";

describe("parseStack", () => {
  test("reads Bun frames and skips bun:wrap", () => {
    const stack = ["Error", "    at dec (/p/rt.ts:3:12)", "    at se (bun:wrap:1:3885)", "    at <anonymous> (/p/src/b.ts:4:8)", "    at /p/src/b.ts:2:13"].join("\n");
    expect(parseStack(stack)).toEqual([
      { file: "/p/rt.ts", line: 3, column: 12, functionName: "dec" },
      { file: "/p/src/b.ts", line: 4, column: 8, functionName: "<anonymous>" },
      { file: "/p/src/b.ts", line: 2, column: 13, functionName: undefined },
    ]);
  });

  test("reads Node ESM file:// URLs and CJS paths, skips node:internal", () => {
    const stack = [
      "Error: x",
      "    at file:///srv/my%20app/src/slug.js:2:23",
      "    at Object.<anonymous> (/srv/app/lib/slug.js:2:19)",
      "    at Module._compile (node:internal/modules/cjs/loader:1503:14)",
      "    at ModuleJob.run (node:internal/modules/esm/module_job:234:25)",
    ].join("\n");
    expect(parseStack(stack).map((frame) => frame.file)).toEqual(["/srv/my app/src/slug.js", "/srv/app/lib/slug.js"]);
  });

  test("keeps Windows paths and paths with spaces and parentheses", () => {
    const stack = ["    at spec (C:\\work\\app\\src\\slug.ts:10:5)", "    at run (/tmp/a dir (2)/x.ts:1:2)", "    at eval (eval at f (/x.js:1:1), <anonymous>:1:1)"].join("\n");
    expect(parseStack(stack).map((frame) => frame.file)).toEqual(["C:\\work\\app\\src\\slug.ts", "/tmp/a dir (2)/x.ts"]);
  });

  test("an absent stack gives no frames", () => {
    expect(parseStack(undefined)).toEqual([]);
  });
});

describe("spec location helpers", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  function tempTree(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "jaunt-"));
    dirs.push(dir);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return dir;
  }

  test("root: nearest jaunt.toml wins over a nearer package.json", () => {
    const dir = tempTree({ "jaunt.toml": "", "pkg/package.json": "{}", "pkg/src/a.ts": "" });
    expect(projectOf(join(dir, "pkg/src/a.ts")).root).toBe(dir);
  });

  test("root: falls back to the nearest package.json", () => {
    const dir = tempTree({ "app/package.json": "{}", "app/src/deep/a.ts": "" });
    expect(projectOf(join(dir, "app/src/deep/a.ts")).root).toBe(join(dir, "app"));
  });

  test("generated_dir is read from [paths] in jaunt.toml", () => {
    const dir = tempTree({ "jaunt.toml": '[llm]\ngenerated_dir = "no"\n[paths]\nsource_roots = ["src"]\ngenerated_dir = "gen" # ours\n', "src/a.ts": "" });
    expect(projectOf(join(dir, "src/a.ts")).generatedDir).toBe("gen");
    expect(readGeneratedDir("[paths]\nsource_roots = []\n")).toBeUndefined();
    expect(readGeneratedDir("[paths]\ngenerated_dir = 'lit'\n")).toBe("lit");
  });

  test("module ids drop the extension and use /", () => {
    expect(moduleIdOf("/p", "/p/src/a/b.ts")).toBe("src/a/b");
    expect(moduleIdOf("/p", "/p/src/index.ts")).toBe("src/index");
    expect(moduleIdOf("/p", "/p/tests/x.mjs")).toBe("tests/x");
  });

  test("specFile accepts file:// URLs, absolute and relative paths", () => {
    expect(normalizeSpecFile("file:///p/src/a.ts")).toBe("/p/src/a.ts");
    expect(normalizeSpecFile("/p/src/a.ts")).toBe("/p/src/a.ts");
    expect(normalizeSpecFile("src/a.ts")).toBe(join(process.cwd(), "src/a.ts"));
  });
});
