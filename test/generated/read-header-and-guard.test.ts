import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { JauntGenerationError } from "@jaunt/runtime";
import { assertOverwritable, isJauntFile } from "../../src/generated/guard.ts";
import { type GeneratedHeader, HEADER_BANNER, renderHeader } from "../../src/generated/header.ts";
import { readHeader } from "../../src/generated/read-header.ts";
import { useTempDir } from "./fs-helpers.ts";

const dir = useTempDir();

const HEADER: GeneratedHeader = {
  toolVersion: "0.1.0",
  kind: "build",
  sourceModule: "src/a",
  moduleDigest: `sha256:${"0".repeat(64)}`,
  specRefs: ["src/a:f"],
};

function write(name: string, text: string): string {
  const file = path.join(dir(), name);
  fs.writeFileSync(file, text);
  return file;
}

describe("readHeader", () => {
  test("reads a valid header", async () => {
    const file = write("a.ts", `${renderHeader(HEADER)}export function f() {}\n${"// filler\n".repeat(2000)}`);
    expect(await readHeader(file)).toMatchObject({ status: "ok", header: HEADER });
  });

  test("reads a header longer than the first read", async () => {
    const specRefs = Array.from({ length: 300 }, (_, i) => `src/a:spec${i}`);
    const file = write("a.ts", `${renderHeader({ ...HEADER, specRefs })}export {};\n`);
    expect(fs.statSync(file).size).toBeGreaterThan(4096);
    const read = await readHeader(file);
    expect(read.status).toBe("ok");
    if (read.status === "ok") expect(read.header.specRefs).toHaveLength(300);
  });

  test("reports absent, missing and malformed", async () => {
    expect(await readHeader(path.join(dir(), "nope.ts"))).toEqual({ status: "absent" });
    expect(await readHeader(path.join(dir(), "no", "such", "dir.ts"))).toEqual({ status: "absent" });
    expect(await readHeader(write("user.ts", "export const x = 1;\n"))).toEqual({ status: "missing" });
    expect(await readHeader(write("bad.ts", `${HEADER_BANNER}\n// jaunt:kind=build\n`))).toMatchObject({ status: "malformed", line: 2 });
  });

  test("throws for a folder", async () => {
    await expect(readHeader(dir())).rejects.toThrow();
  });
});

describe("assertOverwritable and isJauntFile", () => {
  test("allow a missing file and a file Jaunt wrote, even with a malformed header", async () => {
    const jaunt = write("a.ts", `${renderHeader(HEADER)}export {};\n`);
    const malformed = write("b.ts", `${HEADER_BANNER}\n// garbage\n`);
    await assertOverwritable(path.join(dir(), "missing.ts"));
    await assertOverwritable(jaunt);
    await assertOverwritable(malformed);
    expect(await isJauntFile(jaunt)).toBe(true);
    expect(await isJauntFile(malformed)).toBe(true);
    expect(await isJauntFile(path.join(dir(), "missing.ts"))).toBe(false);
  });

  test("refuse a file the user wrote, saying what to do", async () => {
    const user = write("user.ts", "// my own helper\nexport const x = 1;\n");
    expect(await isJauntFile(user)).toBe(false);
    const error = await assertOverwritable(user).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(JauntGenerationError);
    if (!(error instanceof JauntGenerationError)) return;
    expect(error.code).toBe("generated.user_file");
    expect(error.exitCode).toBe(3);
    expect(error.location).toEqual({ file: user });
    expect(error.message).toContain("Jaunt never overwrites a file it did not write");
    expect(error.hint).toContain("move the file out of");
  });

  test("refuse an empty file and a folder in the way", async () => {
    await expect(assertOverwritable(write("empty.ts", ""))).rejects.toThrow(JauntGenerationError);
    fs.mkdirSync(path.join(dir(), "folder.ts"));
    await expect(assertOverwritable(path.join(dir(), "folder.ts"))).rejects.toThrow("cannot be read as a file");
  });
});
