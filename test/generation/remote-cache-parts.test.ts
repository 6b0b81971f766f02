/**
 * The remote cache's pieces without a server: Turborepo-compatible artifact
 * signatures, the artifact URL, and what a misbehaving server comes to
 * (never an exception, never a secret in the words).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { signArtifact, verifyArtifact } from "../../src/generation/cache/artifact-signature.ts";
import { artifactUrl, readRemote, SIGNATURE_KEY_ENV, writeRemote } from "../../src/generation/cache/remote-cache.ts";
import type { CacheEntry } from "../../src/generation/cache/response-cache.ts";
import type { RemoteCacheSettings } from "../../src/generation/types.ts";

const HASH = "a".repeat(64);
const BODY = new TextEncoder().encode('{"format":1}');
const SIGNED_BODY = new TextEncoder().encode(JSON.stringify({ format: 1, module: "src/x", model: "m", code: "export const x = 1;\n", usage: { promptTokens: 1, completionTokens: 2 }, createdAt: "2026-01-01T00:00:00Z" }));

describe("artifact signatures", () => {
  test("are Turborepo's tag: base64 HMAC-SHA256 over {\"hash\",\"teamId\"} JSON then the body", () => {
    const expected = createHmac("sha256", "k").update(`{"hash":"${HASH}","teamId":"team_x"}`).update(BODY).digest("base64");
    const tag = signArtifact("k", HASH, "team_x", BODY);
    expect(tag).toBe(expected);
    expect(tag).toHaveLength(44); // 32 bytes, padded
    // turbo releases that wrote the tag without padding verify too.
    expect(verifyArtifact("k", HASH, "team_x", BODY, tag.replace(/=+$/, ""))).toBe(true);
  });

  test("verify only the same key, hash, team and body", () => {
    const tag = signArtifact("k", HASH, "acme", BODY);
    expect(verifyArtifact("k", HASH, "acme", BODY, tag)).toBe(true);
    expect(verifyArtifact("other", HASH, "acme", BODY, tag)).toBe(false);
    expect(verifyArtifact("k", "b".repeat(64), "acme", BODY, tag)).toBe(false);
    expect(verifyArtifact("k", HASH, "acme2", BODY, tag)).toBe(false);
    expect(verifyArtifact("k", HASH, "acme", new TextEncoder().encode('{"format":2}'), tag)).toBe(false);
    expect(verifyArtifact("k", HASH, "acme", BODY, "not base64 at all")).toBe(false);
  });
});

test("artifact URLs: slug for team names, teamId for Vercel team ids, the base's trailing slash ignored", () => {
  const base: RemoteCacheSettings = { url: "https://cache.example.com/", team: "acme", tokenEnv: "T", readOnly: false, timeoutMs: 1000 };
  expect(artifactUrl(base, HASH)).toBe(`https://cache.example.com/v8/artifacts/${HASH}?slug=acme`);
  expect(artifactUrl({ ...base, team: "team_123" }, HASH)).toBe(`https://cache.example.com/v8/artifacts/${HASH}?teamId=team_123`);
});

describe("a misbehaving server", () => {
  let mode: "garbage" | "unsigned-html" | "slow" | "500" | "redirect" = "garbage";
  const cdnAuth: (string | null)[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      if (new URL(request.url).pathname.startsWith("/cdn/")) {
        cdnAuth.push(request.headers.get("authorization"));
        return new Response(SIGNED_BODY);
      }
      if (mode === "redirect") return new Response(null, { status: 302, headers: { location: "/cdn/acme/x", "x-artifact-tag": signArtifact("key-SECRET-5678", HASH, "acme", SIGNED_BODY) } });
      if (mode === "slow") await Bun.sleep(2_000);
      if (mode === "500") return new Response(JSON.stringify({ message: "disk full" }), { status: 500, headers: { "content-type": "application/json" } });
      if (mode === "unsigned-html") return new Response("<html>login</html>", { headers: { "content-type": "text/html" } });
      return new Response("\u0000garbage", { headers: { "x-artifact-tag": "Zm9v" } });
    },
  });
  afterAll(() => server.stop(true));
  const settings: RemoteCacheSettings = { url: `http://127.0.0.1:${server.port}`, team: "acme", tokenEnv: "T", readOnly: false, timeoutMs: 300 };
  const env = { T: "token-SECRET-1234", [SIGNATURE_KEY_ENV]: "key-SECRET-5678" };
  const entry: CacheEntry = { format: 1, module: "src/x", model: "m", code: "export {};\n", usage: { promptTokens: 1, completionTokens: 1 }, createdAt: "2026-01-01T00:00:00Z" };

  test("a redirect to a read URL: the tag comes with the redirect, the token stays with the cache server", async () => {
    mode = "redirect";
    const read = await readRemote(settings, env, HASH);
    expect(read).toMatchObject({ kind: "hit", entry: { module: "src/x", code: "export const x = 1;\n" } });
    expect(cdnAuth).toEqual([null]);
  });

  test("garbage with a bad signature is refused (that entry only)", async () => {
    mode = "garbage";
    const read = await readRemote(settings, env, HASH);
    expect(read.kind).toBe("refused");
  });

  test("a page without a signature turns the remote off for the run, naming the server setting", async () => {
    mode = "unsigned-html";
    const read = await readRemote(settings, env, HASH);
    expect(read).toMatchObject({ kind: "unavailable" });
    expect("warning" in read ? read.warning : "").toContain("TURBO_REMOTE_CACHE_SIGNATURE_KEY");
  });

  test("slow, 5xx and unreachable are unavailable with the reason; no secret in the words", async () => {
    mode = "slow";
    const slow = await readRemote(settings, env, HASH);
    expect("warning" in slow ? slow.warning : "").toContain("did not answer within 300 ms ([cache] timeout_ms)");
    mode = "500";
    const failed = await readRemote(settings, env, HASH);
    expect("warning" in failed ? failed.warning : "").toContain("answered HTTP 500: disk full");
    const upload = await writeRemote(settings, env, HASH, entry);
    expect(upload.ok).toBe(false);
    const down = await readRemote({ ...settings, url: "http://127.0.0.1:9" }, env, HASH);
    expect(down.kind).toBe("unavailable");
    for (const outcome of [slow, failed, upload, down]) {
      const words = JSON.stringify(outcome);
      expect(words).not.toContain("token-SECRET");
      expect(words).not.toContain("key-SECRET");
    }
  });
});
