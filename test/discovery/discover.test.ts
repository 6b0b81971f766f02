import { afterEach, describe, expect, test } from "bun:test";
import { JauntDiscoveryError } from "@jaunt/runtime";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { discover } from "../../src/discovery/discover.ts";
import { PARSE_CACHE_PATH } from "../../src/discovery/parse-cache.ts";
import { planProject } from "../../src/graph/plan.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, type TempProject } from "./temp-project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const SPEC = RUNTIME_IMPORT + fnSpec("a");

describe("walking the roots", () => {
  test("skips node_modules, dot-folders, generated dirs, .d.ts, bun test files in test roots, and files without the runtime", async () => {
    project = tempProject({
      "src/a.ts": SPEC,
      "src/b.tsx": RUNTIME_IMPORT + fnSpec("b"),
      "src/c.mts": RUNTIME_IMPORT + fnSpec("c"),
      "src/types.d.ts": SPEC,
      "src/plain.ts": "export const x = 1;\n",
      "src/node_modules/pkg/index.ts": SPEC,
      "src/.hidden/h.ts": SPEC,
      "src/__generated__/a.ts": "export {};\n",
      "src/unit.test.ts": SPEC,
      "tests/t.ts": `${RUNTIME_IMPORT}export const t = jaunt.test(function t() {});\n`,
      "tests/x.test.ts": SPEC,
      "tests/y_spec.ts": SPEC,
      "tests/z.spec.ts": SPEC,
    });
    const found = await discover({ root: project.root, paths: project.config().paths, cache: false });
    expect(found.problems).toEqual([]);
    expect(found.modules.map((m) => `${m.kind}:${m.file}`)).toEqual(["build:src/a.ts", "build:src/b.tsx", "build:src/c.mts", "build:src/unit.test.ts", "test:tests/t.ts"]);
    expect(found.generatedFiles).toEqual(["src/__generated__/a.ts"]);
  });

  test("non-UTF-8 files and specs inside a generated dir are discovery errors, reported together", async () => {
    project = tempProject({ "src/a.ts": SPEC, "src/__generated__/mine.ts": SPEC });
    writeFileSync(path.join(project.root, "src/bad.ts"), new Uint8Array([0x2f, 0x2f, 0xff, 0xfe, 0x0a]));
    const error = await planProject({ config: project.config(), cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JauntDiscoveryError);
    const message = error instanceof Error ? error.message : "";
    expect(message).toContain("src/__generated__/mine.ts:3:1: spec file inside the generated dir `__generated__`");
    expect(message).toContain("src/bad.ts:1:1: file is not valid UTF-8");
  });
});

describe("parse cache", () => {
  test("is written, then used instead of parsing (proved by a planted entry)", async () => {
    project = tempProject({ "src/a.ts": SPEC });
    await discover({ root: project.root, paths: project.config().paths });
    const cacheFile = path.join(project.root, PARSE_CACHE_PATH);
    const doc = JSON.parse(readFileSync(cacheFile, "utf8"));
    expect(Object.keys(doc.entries)).toEqual(["src/a.ts"]);
    doc.entries["src/a.ts"].specs[0].publicApi = "planted";
    writeFileSync(cacheFile, JSON.stringify(doc));
    const again = await discover({ root: project.root, paths: project.config().paths });
    expect(again.modules[0]?.specs[0]?.publicApi).toBe("planted");
    project.write("src/a.ts", `${SPEC}\n// edited\n`);
    const edited = await discover({ root: project.root, paths: project.config().paths });
    expect(edited.modules[0]?.specs[0]?.publicApi).toContain("export function a");
  });

  test("a corrupted or truncated cache file is ignored and replaced", async () => {
    project = tempProject({ "src/a.ts": SPEC });
    const cacheFile = path.join(project.root, PARSE_CACHE_PATH);
    await discover({ root: project.root, paths: project.config().paths });
    const valid = readFileSync(cacheFile, "utf8");
    for (const junk of [valid.slice(0, valid.length / 2), "\u0000\u0001garbage", "[]", `{"format":1,"toolVersion":"x","entries":{}}`]) {
      writeFileSync(cacheFile, junk);
      const found = await discover({ root: project.root, paths: project.config().paths });
      expect(found.modules[0]?.specs.map((s) => s.ref)).toEqual(["src/a:a"]);
    }
    expect(JSON.parse(readFileSync(cacheFile, "utf8")).entries["src/a.ts"].module).toBe("src/a");
  });

  test("an entry whose shape is wrong is dropped", async () => {
    project = tempProject({ "src/a.ts": SPEC });
    await discover({ root: project.root, paths: project.config().paths });
    const cacheFile = path.join(project.root, PARSE_CACHE_PATH);
    const doc = JSON.parse(readFileSync(cacheFile, "utf8"));
    doc.entries["src/a.ts"].specs = "nope";
    writeFileSync(cacheFile, JSON.stringify(doc));
    const found = await discover({ root: project.root, paths: project.config().paths });
    expect(found.modules[0]?.specs).toHaveLength(1);
  });
});
