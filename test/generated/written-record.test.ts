import { expect, test } from "bun:test";
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { useTempDir } from "./fs-helpers.ts";
import { bodyDigest, WRITTEN_RECORD_PATH, WrittenRecords } from "../../src/generated/written-record.ts";

const dir = useTempDir();

const stamp = { size: 1, mtimeMs: 2, ctimeMs: 3, ino: 4 };

test("entries set at once are all saved (saves coalesce, the last one holds everything)", async () => {
  const root = dir();
  const records = WrittenRecords.load(root);
  await Promise.all(Array.from({ length: 50 }, (_, i) => records.set(`src/__generated__/m${i}.ts`, { body: bodyDigest(`export const x = ${i};`), stamp, toolVersion: "0.1.0", model: "m" })));
  const reloaded = WrittenRecords.load(root);
  for (let i = 0; i < 50; i += 1) expect(reloaded.get(`src/__generated__/m${i}.ts`)?.body).toBe(bodyDigest(`export const x = ${i};`));
});

test("a corrupt or foreign record is ignored: nothing counts as edited", () => {
  const root = dir();
  mkdirSync(path.join(root, ".jaunt"), { recursive: true });
  for (const junk of ["{", "[]", `{"format":1,"entries":{"a.ts":{"body":1}}}`, `{"format":2,"entries":{}}`]) {
    writeFileSync(path.join(root, WRITTEN_RECORD_PATH), junk);
    expect(WrittenRecords.load(root).get("a.ts")).toBeUndefined();
  }
});

test("body digests ignore formatting-only differences (trailing spaces, CRLF, final blank lines)", () => {
  expect(bodyDigest("export const a = 1;  \r\nexport const b = 2;\n\n\n")).toBe(bodyDigest("export const a = 1;\nexport const b = 2;\n"));
  expect(bodyDigest("export const a = 1;\n")).not.toBe(bodyDigest("export const a = 2;\n"));
});
