import { afterEach, describe, expect, test } from "bun:test";
import { statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { discover, type Discovery } from "../../src/discovery/discover.ts";
import { type FileStamp, RACY_MARGIN_MS, stampOf, stampProvesUnchanged } from "../../src/discovery/file-stamp.ts";
import { readCacheIndex, writeCacheIndex } from "./cache-doc.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, type TempProject } from "./temp-project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const SPEC_A = RUNTIME_IMPORT + fnSpec("a", "Does one thing.");
/** Same length as SPEC_A, different content. */
const SPEC_A_SAME_SIZE = RUNTIME_IMPORT + fnSpec("a", "Does two thing.");
const HOUR_AGO = (Date.now() - 3_600_000) / 1000;

function run(p: TempProject): Promise<Discovery> {
  return discover({ root: p.root, paths: p.config().paths });
}

/** Write `text` to `file` keeping its size and restoring its mtime, as a same-tick edit would look. */
function sneakyEdit(p: TempProject, file: string, text: string): void {
  const full = path.join(p.root, file);
  const before = statSync(full);
  expect(Buffer.byteLength(text)).toBe(before.size);
  writeFileSync(full, text);
  utimesSync(full, before.atime, before.mtime);
}

describe("stamps", () => {
  const stamp: FileStamp = { size: 10, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7 };

  test("an unchanged stamp is trusted only when the cache was written well after the file changed", () => {
    expect(stampProvesUnchanged(stamp, { ...stamp }, 1_000_000 + RACY_MARGIN_MS + 1)).toBe(true);
    expect(stampProvesUnchanged(stamp, { ...stamp }, 1_000_000 + RACY_MARGIN_MS - 1)).toBe(false);
    expect(stampProvesUnchanged(stamp, { ...stamp }, 0)).toBe(false);
  });

  test("any differing field disproves it", () => {
    const late = 1_000_000 + 10 * RACY_MARGIN_MS;
    for (const changed of [{ size: 11 }, { mtimeMs: 1_000_001 }, { ctimeMs: 1_000_001 }, { ino: 8 }]) {
      expect(stampProvesUnchanged(stamp, { ...stamp, ...changed }, late)).toBe(false);
    }
  });
});

describe("parse cache stat fast path", () => {
  test("a trusted stamp serves the cached parse without reading the file (proved by a planted entry)", async () => {
    project = tempProject({ "src/a.ts": SPEC_A });
    utimesSync(path.join(project.root, "src/a.ts"), HOUR_AGO, HOUR_AGO);
    await run(project);
    const doc = readCacheIndex(project.root);
    const entry = doc.entries["src/a.ts"];
    if (!entry?.info) throw new Error("no cache entry for src/a.ts");
    expect(entry.stamp).toEqual(stampOf(path.join(project.root, "src/a.ts")) ?? entry.stamp);
    // A wrong content hash would make a hash lookup miss and re-parse; the stamp path does not look at it.
    entry.info.contentHash = "sha256:planted";
    entry.info.exportedNames = ["planted"];
    // utimes() moved the ctime to now: pretend the cache was written well after that.
    doc.writtenAt = Date.now() + 3 * RACY_MARGIN_MS;
    writeCacheIndex(project.root, doc);
    const found = await run(project);
    expect(found.files.get("src/a.ts")?.exportedNames).toEqual(["planted"]);
    expect(found.modules[0]?.specs[0]?.publicApi).toContain("Does one thing.");
  });

  test("a racy entry is verified by content: a same-size edit with the mtime restored is detected", async () => {
    project = tempProject({ "src/a.ts": SPEC_A });
    const before = await run(project);
    sneakyEdit(project, "src/a.ts", SPEC_A_SAME_SIZE);
    // Simulate a filesystem whose ctime did not move either: the stamp matches exactly, only raciness protects.
    const doc = readCacheIndex(project.root);
    const entry = doc.entries["src/a.ts"];
    const now = stampOf(path.join(project.root, "src/a.ts"));
    if (!entry || !now) throw new Error("no cache entry or stamp");
    entry.stamp = now;
    doc.writtenAt = Math.max(now.mtimeMs, now.ctimeMs) + 1;
    writeCacheIndex(project.root, doc);
    const after = await run(project);
    expect(after.modules[0]?.specs[0]?.publicApi).toContain("Does two thing.");
    expect(after.specDigests.get("src/a:a")).not.toBe(before.specDigests.get("src/a:a"));
  });

  test("a same-size edit with the mtime restored is detected through the ctime even when not racy", async () => {
    project = tempProject({ "src/a.ts": SPEC_A });
    utimesSync(path.join(project.root, "src/a.ts"), HOUR_AGO, HOUR_AGO);
    const before = await run(project);
    sneakyEdit(project, "src/a.ts", SPEC_A_SAME_SIZE);
    const after = await run(project);
    expect(after.specDigests.get("src/a:a")).not.toBe(before.specDigests.get("src/a:a"));
  });

  test("a normal edit is detected; a file that starts using the runtime becomes a module", async () => {
    project = tempProject({ "src/a.ts": SPEC_A, "src/plain.ts": "export const x = 1;\n" });
    const before = await run(project);
    expect(before.modules.map((m) => m.module)).toEqual(["src/a"]);
    project.write("src/a.ts", `${SPEC_A}export const more = 1;\n`);
    project.write("src/plain.ts", RUNTIME_IMPORT + fnSpec("p"));
    const after = await run(project);
    expect(after.modules.map((m) => m.module)).toEqual(["src/a", "src/plain"]);
    expect(after.files.get("src/a.ts")?.exportedNames).toContain("more");
  });

  test("a touched but unchanged file keeps its digest and gets its new stamp recorded", async () => {
    project = tempProject({ "src/a.ts": SPEC_A });
    const file = path.join(project.root, "src/a.ts");
    utimesSync(file, HOUR_AGO, HOUR_AGO);
    const before = await run(project);
    utimesSync(file, HOUR_AGO + 60, HOUR_AGO + 60);
    const after = await run(project);
    expect(before.specDigests.get("src/a:a")).toBeDefined();
    expect(after.specDigests.get("src/a:a")).toBe(before.specDigests.get("src/a:a"));
    expect(readCacheIndex(project.root).entries["src/a.ts"]?.stamp.mtimeMs).toBe(statSync(file).mtimeMs);
  });

  test("spec digests do not depend on the cache", async () => {
    project = tempProject({ "src/a.ts": SPEC_A });
    const cached = await run(project);
    const again = await run(project);
    const uncached = await discover({ root: project.root, paths: project.config().paths, cache: false });
    expect(cached.specDigests.get("src/a:a")).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.specDigests).toEqual(cached.specDigests);
    expect(uncached.specDigests).toEqual(cached.specDigests);
  });
});
