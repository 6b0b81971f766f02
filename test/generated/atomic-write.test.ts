import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { removeStaleTempFiles, writeFileAtomic } from "../../src/generated/atomic-write.ts";
import { useTempDir } from "./fs-helpers.ts";

const dir = useTempDir();
const ATOMIC_WRITE = path.resolve(import.meta.dir, "../../src/generated/atomic-write.ts");

describe("writeFileAtomic", () => {
  test("creates missing folders and writes the content", async () => {
    const target = path.join(dir(), "src", "__generated__", "a.ts");
    await writeFileAtomic(target, "export const a = 1;\n");
    expect(fs.readFileSync(target, "utf8")).toBe("export const a = 1;\n");
    expect(fs.readdirSync(path.dirname(target))).toEqual(["a.ts"]);
  });

  test("replaces existing content and leaves no temp file", async () => {
    const target = path.join(dir(), "a.ts");
    fs.writeFileSync(target, "old content that is longer than the new one\n");
    await writeFileAtomic(target, "new ✓\n");
    expect(fs.readFileSync(target, "utf8")).toBe("new ✓\n");
    expect(fs.readdirSync(dir())).toEqual(["a.ts"]);
  });

  test("a failed rename (target is a non-empty folder) rethrows and removes the temp file", async () => {
    const target = path.join(dir(), "a.ts");
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, "keep.txt"), "x");
    await expect(writeFileAtomic(target, "content")).rejects.toThrow();
    expect(fs.readdirSync(dir())).toEqual(["a.ts"]);
    expect(fs.readdirSync(target)).toEqual(["keep.txt"]);
  });

  test("a folder that cannot be created rethrows and creates nothing", async () => {
    fs.writeFileSync(path.join(dir(), "file"), "x");
    await expect(writeFileAtomic(path.join(dir(), "file", "sub", "a.ts"), "content")).rejects.toThrow();
    expect(fs.readdirSync(dir())).toEqual(["file"]);
  });

  test("concurrent writes never produce a torn file", async () => {
    // The writer runs in another process (4 concurrent writes × 20 rounds) while
    // this one reads in a tight loop; with a plain writeFile this sees torn files.
    const target = path.join(dir(), "big.ts");
    const size = 256 * 1024;
    fs.writeFileSync(target, "a".repeat(size));
    const writer = `
      import { writeFileAtomic } from ${JSON.stringify(ATOMIC_WRITE)};
      for (let round = 0; round < 20; round++) {
        await Promise.all(Array.from({ length: 4 }, (_, i) =>
          writeFileAtomic(${JSON.stringify(target)}, String.fromCharCode(98 + ((round * 4 + i) % 20)).repeat(${size}))));
      }`;
    const child = Bun.spawn([process.execPath, "-e", writer], { stdout: "ignore", stderr: "pipe" });
    let reads = 0;
    let torn = 0;
    while (child.exitCode === null) {
      const text = fs.readFileSync(target, "utf8");
      reads++;
      if (text.length !== size || text !== (text[0] ?? "").repeat(size)) torn++;
      if (reads % 50 === 0) await Bun.sleep(0); // let the exit be noticed
    }
    expect(await child.exited).toBe(0);
    expect(reads).toBeGreaterThan(10);
    expect(torn).toBe(0);
    expect(fs.readdirSync(dir())).toEqual(["big.ts"]);
  });
});

describe("removeStaleTempFiles", () => {
  test("removes temp files of dead processes only, and nothing else", async () => {
    const stale = ".a.ts.999999999.0123456789ab.tmp";
    const ours = `.b.ts.${process.pid}.0123456789ab.tmp`;
    for (const name of [stale, ours, "a.ts", ".other.tmp", "x.tmp"]) fs.writeFileSync(path.join(dir(), name), "");
    const removed = await removeStaleTempFiles(dir());
    expect(removed).toEqual([path.join(dir(), stale)]);
    expect(fs.readdirSync(dir()).sort()).toEqual([ours, ".other.tmp", "a.ts", "x.tmp"].sort());
  });

  test("a missing folder has nothing to remove", async () => {
    expect(await removeStaleTempFiles(path.join(dir(), "missing"))).toEqual([]);
  });
});
