/** A comment-only edit is re-read without TypeScript, and exactly as a parse would read it. */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { patchComments } from "../../src/discovery/comment-patch.ts";
import { parseModuleWithLayout } from "../../src/discovery/parse-module.ts";
import type { ModuleInfo } from "../../src/discovery/types.ts";

const EXAMPLE = path.resolve(import.meta.dir, "../../examples/linkshelf");

function parse(file: string, text: string) {
  return parseModuleWithLayout({ file, module: file.replace(/\.ts$/, ""), kind: file.startsWith("tests/") ? "test" : "build", text, contentHash: `sha256:${Bun.hash(text)}` });
}

/** Every field, details included (they are getters in cached infos). */
function plain(info: ModuleInfo): unknown {
  return JSON.parse(JSON.stringify(info));
}

const RETRY = `import * as jaunt from "@jaunt/runtime";
import { delay } from "./time";

/** Overloads. */
interface RetryFn {
  (times: number): Promise<void>;
}

/**
 * Retry a call a few times.
 * Waits with \`delay\` between attempts.
 */
export const retry: RetryFn = jaunt.magic(function retry(times: number): Promise<void> {
  // first attempt right away
  return jaunt.todo();
});

/** A pause. */
export const pause = jaunt.magic(function pause(ms: number /* at least 1 */): Promise<void> {
  return jaunt.todo();
}); // trailing note
`;

function expectPatchEqualsParse(file: string, before: string, after: string): void {
  const old = parse(file, before);
  expect(old.layout).toBeDefined();
  if (!old.layout) return;
  const fresh = parse(file, after);
  const patched = patchComments(old.info, old.layout, after, fresh.info.contentHash);
  expect(patched).toBeDefined();
  expect(plain(patched?.info ?? old.info)).toEqual(plain(fresh.info));
  expect(patched?.layout).toEqual(fresh.layout);
}

describe("comment patch", () => {
  test("JSDoc edits (words, added lines, a mention), body comments and trailing comments match a full parse", () => {
    expectPatchEqualsParse("src/retry.ts", RETRY, RETRY.replace("Retry a call a few times.", "Retry a call a few more times,\n * then give up."));
    expectPatchEqualsParse("src/retry.ts", RETRY, RETRY.replace("Waits with `delay` between attempts.", "Waits between attempts."));
    expectPatchEqualsParse("src/retry.ts", RETRY, RETRY.replace("// first attempt right away", "// first attempt right away\n  // then back off"));
    expectPatchEqualsParse("src/retry.ts", RETRY, RETRY.replace("// trailing note", "// another note"));
    expectPatchEqualsParse("src/retry.ts", RETRY, RETRY.replace("/** A pause. */\n", "// a leading line comment\n/** A pause. */\n"));
    for (const file of ["src/text.ts", "src/shelf.ts", "tests/text.ts"]) {
      const text = readFileSync(path.join(EXAMPLE, file), "utf8");
      const edited = text.replace(/\/\*\*\n \* /, "/**\n * Note: a new first line.\n * ");
      expect(edited).not.toBe(text);
      expectPatchEqualsParse(file, text, edited);
    }
  });

  test("edits it cannot redo exactly are left to the parser: a signature comment, a local type's, one above an import, a class body, code", () => {
    const old = parse("src/retry.ts", RETRY);
    if (!old.layout) throw new Error("no layout");
    const refuse = (after: string): void => expect(patchComments(old.info, old.layout as NonNullable<typeof old.layout>, after, "sha256:x")).toBeUndefined();
    refuse(RETRY.replace("/* at least 1 */", "/* at least 2 */"));
    refuse(RETRY.replace("/** Overloads. */", "/** The overloads. */"));
    refuse(`// header\n${RETRY}`.replace("// header\nimport", "// header\nimport").replace("import { delay }", "// about delay\nimport { delay }"));
    refuse(RETRY.replace("times: number): Promise<void> {", "count: number): Promise<void> {"));
    const shelfText = readFileSync(path.join(EXAMPLE, "src/shelf.ts"), "utf8");
    const shelf = parse("src/shelf.ts", shelfText);
    if (!shelf.layout) throw new Error("no layout");
    expect(patchComments(shelf.info, shelf.layout, shelfText.replace("Add a bookmark and return it.", "Add a bookmark, return it."), "sha256:x")).toBeUndefined();
  });
});
