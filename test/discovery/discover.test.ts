import { afterEach, describe, expect, test } from "bun:test";
import { JauntDiscoveryError } from "@jaunt/runtime";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { discover } from "../../src/discovery/discover.ts";
import { PARSE_CACHE_PATH } from "../../src/discovery/parse-cache.ts";
import { planProject } from "../../src/graph/plan.ts";
import { readCacheIndex, writeCacheIndex } from "./cache-doc.ts";
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
  const run = (p: TempProject, cache = true) => discover({ root: p.root, paths: p.config().paths, cache });

  test("is written, then used instead of parsing (proved by a planted entry)", async () => {
    project = tempProject({ "src/a.ts": SPEC });
    await run(project);
    const doc = readCacheIndex(project.root);
    expect(Object.keys(doc.entries)).toEqual(["src/a.ts"]);
    const entry = doc.entries["src/a.ts"]?.info;
    if (!entry) throw new Error("no entry");
    entry.exportedNames = ["planted"];
    writeCacheIndex(project.root, doc);
    const again = await run(project);
    expect(again.files.get("src/a.ts")?.exportedNames).toEqual(["planted"]);
    expect(again.modules[0]?.specs[0]?.publicApi).toContain("export function a");
    // A comment-only edit is patched from the cached parse (comment-patch.ts): still no parse.
    project.write("src/a.ts", `${SPEC}\n// edited\n`);
    const commented = await run(project);
    expect(commented.files.get("src/a.ts")?.exportedNames).toEqual(["planted"]);
    project.write("src/a.ts", `${SPEC}\nexport const extra = 1;\n`);
    const edited = await run(project);
    expect(edited.files.get("src/a.ts")?.exportedNames).toEqual(["a", "extra"]);
  });

  test("cached specs, details included, equal a fresh parse", async () => {
    project = tempProject({ "src/a.ts": SPEC, "src/k.ts": `${RUNTIME_IMPORT}/** K. */\n@jaunt.magic()\nexport class K {\n  /** Go. */\n  go(x: number): string { return jaunt.todo(); }\n}\n` });
    await run(project);
    const cached = await run(project);
    const fresh = await run(project, false);
    expect(cached.modules.map((m) => m.module)).toEqual(["src/a", "src/k"]);
    expect(JSON.parse(JSON.stringify(cached.modules))).toEqual(JSON.parse(JSON.stringify(fresh.modules)));
    expect(cached.modules[1]?.specs[0]?.members?.map((m) => m.name)).toEqual(["go"]);
    expect({ ...cached.modules[0]?.specs[0] }).toEqual({ ...fresh.modules[0]?.specs[0] });
  });

  test("details come from the snapshot that was loaded, even after another run replaced the file", async () => {
    project = tempProject({ "src/a.ts": SPEC });
    await run(project);
    const before = await run(project);
    project.write("src/a.ts", RUNTIME_IMPORT + fnSpec("a", "Does something else entirely."));
    const after = await run(project);
    expect(after.modules[0]?.specs[0]?.publicApi).toContain("Does something else entirely.");
    expect(before.modules[0]?.specs[0]?.publicApi).toContain("Does a.");
  });

  test("details of reused entries survive a save that replaced the file they were read from", async () => {
    project = tempProject({ "src/a.ts": SPEC, "src/b.ts": RUNTIME_IMPORT + fnSpec("b") });
    await run(project);
    project.write("src/b.ts", RUNTIME_IMPORT + fnSpec("b", "Does b, differently."));
    const found = await run(project); // reuses a, re-parses b, saves
    expect(found.modules.map((m) => m.specs[0]?.publicApi)).toEqual([
      expect.stringContaining("Does a."),
      expect.stringContaining("Does b, differently."),
    ]);
    const again = await run(project);
    expect(again.modules[0]?.specs[0]?.text).toBe(found.modules[0]?.specs[0]?.text ?? "missing");
  });

  test("damaged details are reported when read, with a hint to delete the cache", async () => {
    project = tempProject({ "src/a.ts": SPEC });
    await run(project);
    const cacheFile = path.join(project.root, PARSE_CACHE_PATH);
    const bytes = readFileSync(cacheFile);
    bytes.fill(0x7b, bytes.length - 10); // same size, garbage in the detail region
    writeFileSync(cacheFile, bytes);
    const found = await run(project);
    expect(found.modules[0]?.specs[0]?.ref).toBe("src/a:a");
    expect(() => found.modules[0]?.specs[0]?.text).toThrow(/parse cache .* is damaged/);
  });

  test("a corrupted or truncated cache file is ignored and replaced", async () => {
    project = tempProject({ "src/a.ts": SPEC });
    const cacheFile = path.join(project.root, PARSE_CACHE_PATH);
    await run(project);
    const valid = readFileSync(cacheFile, "utf8");
    for (const junk of [valid.slice(0, valid.length / 2), valid.slice(0, 40), "\u0000\u0001garbage", "[]", `{"format":1,"toolVersion":"x","entries":{}}`]) {
      writeFileSync(cacheFile, junk);
      const found = await run(project);
      expect(found.modules[0]?.specs.map((s) => s.ref)).toEqual(["src/a:a"]);
      expect(found.modules[0]?.specs[0]?.publicApi).toContain("export function a");
    }
    expect(readCacheIndex(project.root).entries["src/a.ts"]?.info?.module).toBe("src/a");
  });

  test("an entry whose shape is wrong is dropped", async () => {
    project = tempProject({ "src/a.ts": SPEC });
    await run(project);
    const doc = readCacheIndex(project.root);
    const entry = doc.entries["src/a.ts"]?.info;
    if (!entry) throw new Error("no entry");
    entry.specs = "nope";
    writeCacheIndex(project.root, doc);
    const found = await run(project);
    expect(found.modules[0]?.specs).toHaveLength(1);
  });
});
