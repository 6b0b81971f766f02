import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RACY_MARGIN_MS, stampOf } from "../../src/discovery/file-stamp.ts";
import { HEADER_CACHE_PATH } from "../../src/graph/header-cache.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, writeFreshGenerated, type TempProject } from "../discovery/temp-project.ts";
import { mod, plan } from "./plan-helpers.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const GENERATED = "src/__generated__/a.ts";
const DIGEST_CHANGED = ["digest changed (spec text, options, imported handwritten code or prompt overrides)"];

async function freshProject(): Promise<TempProject> {
  project = tempProject({ "src/a.ts": RUNTIME_IMPORT + fnSpec("a"), "src/b.ts": RUNTIME_IMPORT + fnSpec("b") });
  await writeFreshGenerated(project, await plan(project));
  return project;
}

interface Doc {
  writtenAt: number;
  entries: Record<string, { stamp: unknown; header: { status: string; header?: { moduleDigest: string } } }>;
}

function readDoc(p: TempProject): Doc {
  return JSON.parse(readFileSync(path.join(p.root, HEADER_CACHE_PATH), "utf8"));
}

function writeDoc(p: TempProject, doc: Doc): void {
  writeFileSync(path.join(p.root, HEADER_CACHE_PATH), JSON.stringify(doc));
}

/** The same header with the digest's last hex digit changed: same size. */
function flipDigest(text: string): string {
  return text.replace(/(module_digest=sha256:[0-9a-f]{63})([0-9a-f])/, (_, head: string, last: string) => head + (last === "0" ? "1" : "0"));
}

describe("header cache", () => {
  test("is written by a cached plan and not by an uncached one", async () => {
    const p = await freshProject();
    await plan(p);
    expect(existsSync(path.join(p.root, HEADER_CACHE_PATH))).toBe(false);
    const planned = await plan(p, { cache: true });
    expect(planned.modules.map((m) => m.status)).toEqual(["fresh", "fresh"]);
    expect(Object.keys(readDoc(p).entries).sort()).toEqual(["src/__generated__/a.ts", "src/__generated__/b.ts"]);
  });

  test("a trusted stamp serves the cached header without reading the file (proved by a planted entry)", async () => {
    const p = await freshProject();
    await plan(p, { cache: true });
    const doc = readDoc(p);
    const entry = doc.entries[GENERATED]?.header.header;
    if (!entry) throw new Error("no cached header");
    entry.moduleDigest = `sha256:${"0".repeat(64)}`;
    doc.writtenAt = Date.now() + 3 * RACY_MARGIN_MS;
    writeDoc(p, doc);
    const planned = await plan(p, { cache: true });
    expect(mod(planned, "src/a").reasons).toEqual(DIGEST_CHANGED);
    expect(mod(planned, "src/b").status).toBe("fresh");
  });

  test("a rewritten generated file is read again", async () => {
    const p = await freshProject();
    await plan(p, { cache: true });
    p.write(GENERATED, `${flipDigest(p.read(GENERATED))}// longer\n`);
    expect(mod(await plan(p, { cache: true }), "src/a").reasons).toEqual(DIGEST_CHANGED);
  });

  test("a racy entry is verified: a same-size edit with restored mtime and a matching stamp is still seen", async () => {
    const p = await freshProject();
    await plan(p, { cache: true });
    const full = path.join(p.root, GENERATED);
    const before = statSync(full);
    writeFileSync(full, flipDigest(p.read(GENERATED)));
    utimesSync(full, before.atime, before.mtime);
    // Pretend even the ctime did not move: only raciness can protect now.
    const doc = readDoc(p);
    const entry = doc.entries[GENERATED];
    const now = stampOf(full);
    if (!entry || !now) throw new Error("no entry or stamp");
    entry.stamp = now;
    doc.writtenAt = Math.max(now.mtimeMs, now.ctimeMs) + 1;
    writeDoc(p, doc);
    expect(mod(await plan(p, { cache: true }), "src/a").reasons).toEqual(DIGEST_CHANGED);
  });

  test("entries of deleted generated files are dropped; a corrupt cache is ignored", async () => {
    const p = await freshProject();
    await plan(p, { cache: true });
    p.remove(GENERATED);
    expect(mod(await plan(p, { cache: true }), "src/a").status).toBe("stale");
    expect(Object.keys(readDoc(p).entries)).toEqual(["src/__generated__/b.ts"]);
    writeFileSync(path.join(p.root, HEADER_CACHE_PATH), "{\"format\":1,\"entr");
    expect(mod(await plan(p, { cache: true }), "src/b").status).toBe("fresh");
  });
});
