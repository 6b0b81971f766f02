/**
 * The shared remote cache against the real `turborepo-remote-cache` server
 * (npm, local-disk storage, on 127.0.0.1): one checkout's validated answers
 * serve another with no model call; tampered or invalid entries are never
 * used; a read-only client never uploads; the server going away mid-build
 * costs one warning. Secrets appear in no output and nowhere under `.jaunt/`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { signArtifact } from "../../src/generation/cache/artifact-signature.ts";
import { fence } from "../support/fake-llm.ts";
import { removeStorage, startRemoteCacheServer, type RemoteCacheServer } from "../support/remote-cache-server.ts";
import { llmProjects } from "./llm-projects.ts";
import type { E2eProject } from "./project.ts";
import { IMPLEMENTATIONS, SPECS } from "./project.ts";
import { isRecord } from "../../src/support/is-record.ts";

const TOKEN = "trc-token-SECRET-5f2a9c";
const KEY = "trc-signing-key-SECRET-81b7e0";
const SECRETS = { JAUNT_REMOTE_CACHE_TOKEN: TOKEN, JAUNT_REMOTE_CACHE_SIGNATURE_KEY: KEY };
const MODULES = ["src/other", "src/slug", "src/text", "src/unique"];

const { llm, project } = llmProjects();
let server: RemoteCacheServer;
let teams = 0;

beforeAll(async () => {
  server = await startRemoteCacheServer({ token: TOKEN });
}, 240_000);

afterAll(async () => {
  await server.stop();
  removeStorage(server);
});

/** A checkout of the four-module project sharing `team` on the server. */
function checkout(team: string, extra = ""): E2eProject {
  return project(SPECS, `[cache]\nremote_url = "${server.url}"\nteam = "${team}"\ntimeout_ms = 3000\n${extra}`);
}

function newTeam(): string {
  teams += 1;
  return `team-${teams}-${Date.now()}`;
}

function modulesAsked(from: number): string[] {
  return llm.requests.slice(from).flatMap((r) => (r.module ? [r.module] : [])).sort();
}

interface Report {
  readonly ok: boolean;
  readonly built: number;
  readonly cache: { readonly localHits: number; readonly remoteHits: number; readonly misses: number };
  readonly warnings: readonly string[];
}

function report(stdout: string): Report {
  const parsed: unknown = JSON.parse(stdout);
  if (!isRecord(parsed) || !isRecord(parsed.cache) || !Array.isArray(parsed.warnings)) throw new Error(`not a build report: ${stdout}`);
  const { localHits, remoteHits, misses } = parsed.cache;
  return {
    ok: parsed.ok === true,
    built: Number(parsed.built),
    cache: { localHits: Number(localHits), remoteHits: Number(remoteHits), misses: Number(misses) },
    warnings: parsed.warnings.map(String),
  };
}

function implementationOf(module: string): string {
  const code = IMPLEMENTATIONS[module];
  if (code === undefined) throw new Error(`no implementation for ${module}`);
  return code;
}

function artifactOf(file: string): { readonly module: string; readonly code: string } & Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isRecord(parsed) || typeof parsed.module !== "string" || typeof parsed.code !== "string") throw new Error(`${file} is not a cache entry`);
  return { ...parsed, module: parsed.module, code: parsed.code };
}

/** Every file under `dir`, recursively, as text. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesUnder(file));
    else out.push(readFileSync(file, "utf8"));
  }
  return out;
}

function expectNoSecrets(p: E2eProject, ...outputs: string[]): void {
  const texts = [...outputs, ...filesUnder(path.join(p.root, ".jaunt"))];
  for (const text of texts) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(KEY);
  }
}

describe("remote cache on turborepo-remote-cache", () => {
  test("a second checkout builds with zero model calls from the first's uploads; status --verbose counts the hits", async () => {
    const team = newTeam();
    const first = checkout(team);
    const before = llm.requests.length;
    const a = await first.jaunt(["build", "--json"], SECRETS);
    expect(a.exitCode, a.stderr).toBe(0);
    expect(report(a.stdout).cache).toEqual({ localHits: 0, remoteHits: 0, misses: 4 });
    expect(modulesAsked(before)).toEqual(MODULES);
    expect(server.artifacts(team)).toHaveLength(4);

    const second = checkout(team);
    const between = llm.requests.length;
    const b = await second.jaunt(["build", "--json"], SECRETS);
    expect(b.exitCode, b.stderr).toBe(0);
    const r = report(b.stdout);
    expect(r).toMatchObject({ ok: true, built: 4, cache: { localHits: 0, remoteHits: 4, misses: 0 } });
    expect(r.warnings).toEqual([]);
    expect(llm.requests.length).toBe(between);
    expect(second.read("src/__generated__/unique.ts")).toBe(first.read("src/__generated__/unique.ts"));

    const status = await second.jaunt(["status", "--verbose"], SECRETS);
    expect(status.stdout).toMatch(/cache, last build \(.+\): 0 local hit\(s\), 4 remote hit\(s\), 0 miss\(es\)/);
    expect((await second.jaunt(["status"], SECRETS)).stdout).not.toContain("cache, last build");
    // Remote hits are kept locally: with the server gone and the generated files deleted, the rebuild is all local hits.
    second.write("jaunt.toml", second.read("jaunt.toml").replace(server.url, "http://127.0.0.1:9"));
    rmSync(path.join(second.root, "src/__generated__"), { recursive: true });
    const local = await second.jaunt(["build", "--json"], SECRETS);
    expect(local.exitCode, local.stderr).toBe(0);
    expect(report(local.stdout)).toMatchObject({ cache: { localHits: 4, remoteHits: 0, misses: 0 }, warnings: [] });

    // --offline means no network: a fresh checkout has only its (empty) local cache.
    const offline = await checkout(team).jaunt(["build", "--offline", "--json"], SECRETS);
    expect(offline.exitCode).toBe(3);
    // src/text and src/other miss; src/slug and src/unique wait on src/text and are skipped.
    expect(report(offline.stdout).cache).toEqual({ localHits: 0, remoteHits: 0, misses: 2 });
    expect(offline.stdout).toContain("generation.offline_miss");
    expect(llm.requests.length).toBe(between);
    expectNoSecrets(first, a.stdout, a.stderr);
    expectNoSecrets(second, b.stdout, b.stderr, status.stdout, status.stderr);
  }, 120_000);

  test("a tampered artifact is refused with a warning and asked of the model; a signed entry that fails validation is not used", async () => {
    const team = newTeam();
    const a = await checkout(team).jaunt(["build"], SECRETS);
    expect(a.exitCode, a.stderr).toBe(0);
    const dir = path.join(server.storage, team);
    const entries = server.artifacts(team).map((hash) => ({ hash, entry: artifactOf(path.join(dir, hash)) }));
    const slug = entries.find((e) => e.entry.module === "src/slug");
    const other = entries.find((e) => e.entry.module === "src/other");
    if (!slug || !other) throw new Error("artifacts for src/slug and src/other expected");
    // Tampered: the body changes, the signature stays.
    const evil = { ...slug.entry, code: slug.entry.code.replace("return", "fetch('https://evil.example/'); return") };
    writeFileSync(path.join(dir, slug.hash), JSON.stringify(evil));
    // Signed with the team's key but broken: validation (the same gate as for local entries) rejects it.
    const broken = new TextEncoder().encode(JSON.stringify({ ...other.entry, code: "export function plus(a: number, b: number): number {\n  return a + b;\n}\n" }));
    writeFileSync(path.join(dir, other.hash), broken);
    writeFileSync(path.join(dir, `${other.hash}.tag`), signArtifact(KEY, other.hash, team, broken));

    const before = llm.requests.length;
    const second = checkout(team);
    const b = await second.jaunt(["build", "--json"], SECRETS);
    expect(b.exitCode, b.stderr).toBe(0);
    const r = report(b.stdout);
    expect(r.cache).toEqual({ localHits: 0, remoteHits: 2, misses: 2 });
    expect(modulesAsked(before)).toEqual(["src/other", "src/slug"]);
    expect(second.read("src/__generated__/other.ts")).toContain("export function add(");
    const refusals = r.warnings.filter((w) => w.includes("does not match JAUNT_REMOTE_CACHE_SIGNATURE_KEY"));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(slug.hash.slice(0, 12));
    expect(b.stderr).toContain("tampered with");
  }, 120_000);

  test("a signed entry whose code breaks the spec's @example is refused by the behaviour stage, like a local one", async () => {
    const team = newTeam();
    const files = { ...SPECS, "src/other.ts": SPECS["src/other.ts"].replace("/** Add two numbers. */", "/**\n * Add two numbers.\n * @example\n * add(2, 3) // => 5\n */") };
    const extra = `[cache]\nremote_url = "${server.url}"\nteam = "${team}"\ntimeout_ms = 3000\n`;
    const a = await project(files, extra).jaunt(["build"], SECRETS);
    expect(a.exitCode, a.stderr).toBe(0);
    const dir = path.join(server.storage, team);
    const other = server.artifacts(team).map((hash) => ({ hash, entry: artifactOf(path.join(dir, hash)) })).find((e) => e.entry.module === "src/other");
    if (!other) throw new Error("an artifact for src/other expected");
    const wrong = new TextEncoder().encode(JSON.stringify({ ...other.entry, code: other.entry.code.replace("a + b", "a - b") }));
    expect(new TextDecoder().decode(wrong)).toContain("a - b");
    writeFileSync(path.join(dir, other.hash), wrong);
    writeFileSync(path.join(dir, `${other.hash}.tag`), signArtifact(KEY, other.hash, team, wrong));

    const before = llm.requests.length;
    const second = project(files, extra);
    const b = await second.jaunt(["build", "--json"], SECRETS);
    expect(b.exitCode, b.stderr).toBe(0);
    expect(report(b.stdout).cache).toEqual({ localHits: 0, remoteHits: 3, misses: 1 });
    expect(modulesAsked(before)).toEqual(["src/other"]);
    expect(second.read("src/__generated__/other.ts")).toContain("a + b");
  }, 120_000);

  test("a read-only client reads but never uploads", async () => {
    const team = newTeam();
    const before = llm.requests.length;
    const ro = checkout(team, "read_only = true\n");
    const result = await ro.jaunt(["build", "--json"], SECRETS);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(report(result.stdout).cache.misses).toBe(4);
    expect(modulesAsked(before)).toEqual(MODULES);
    expect(server.artifacts(team)).toEqual([]);
  }, 120_000);

  test("without the signature key the remote is off with one warning; the build still succeeds", async () => {
    const team = newTeam();
    const result = await checkout(team).jaunt(["build", "--json"], { JAUNT_REMOTE_CACHE_TOKEN: TOKEN });
    expect(result.exitCode, result.stderr).toBe(0);
    const r = report(result.stdout);
    expect(r.cache.misses).toBe(4);
    expect(r.warnings.filter((w) => w.includes("JAUNT_REMOTE_CACHE_SIGNATURE_KEY is not set"))).toHaveLength(1);
    expect(server.artifacts(team)).toEqual([]);
  }, 120_000);

  test("a wrong token is one warning naming the variable, never the token", async () => {
    const result = await checkout(newTeam()).jaunt(["build", "--json"], { ...SECRETS, JAUNT_REMOTE_CACHE_TOKEN: "wrong-token-SECRET" });
    expect(result.exitCode, result.stderr).toBe(0);
    const warnings = report(result.stdout).warnings.filter((w) => w.startsWith("remote cache"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("HTTP 401");
    expect(warnings[0]).toContain("JAUNT_REMOTE_CACHE_TOKEN");
    expect(result.stdout + result.stderr).not.toContain("wrong-token-SECRET");
  }, 120_000);
});

describe("remote cache going away", () => {
  test("the server stopped mid-build costs one warning and fails nothing", async () => {
    const own = await startRemoteCacheServer({ token: TOKEN });
    try {
      const team = newTeam();
      const p = project(SPECS, `[cache]\nremote_url = "${own.url}"\nteam = "${team}"\ntimeout_ms = 3000\n`);
      // The first model request stops the server; its answer comes after, so uploads and later lookups meet a dead server.
      let stopping: Promise<void> | undefined;
      llm.respond((request) => {
        stopping ??= own.stop();
        return request.module === undefined ? undefined : { content: fence(implementationOf(request.module)), delayMs: 1500 };
      });
      const result = await p.jaunt(["build", "--json"], SECRETS);
      await stopping;
      expect(result.exitCode, result.stderr).toBe(0);
      const r = report(result.stdout);
      expect(r).toMatchObject({ ok: true, built: 4 });
      const remote = r.warnings.filter((w) => w.startsWith("remote cache"));
      expect(remote).toHaveLength(1);
      expect(result.stderr.split("\n").filter((line) => line.includes("remote cache"))).toHaveLength(1);
    } finally {
      llm.respond(() => undefined);
      await own.stop();
      removeStorage(own);
    }
  }, 240_000);
});
