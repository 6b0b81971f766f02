/**
 * `[cache] remote_url` is a secret-routing setting (project trust): a cloned
 * project cannot send the user's remote-cache token to a host of its choosing
 * before the user trusts it. The LLM is the fake server on 127.0.0.1 (no trust
 * needed for it), so only the cache route decides.
 */
import { describe, expect, test } from "bun:test";
import { llmProjects } from "./llm-projects.ts";

const { llm, project } = llmProjects();
const TOKEN = "cache-token-SECRET-9f8e7d";
const SIGNING = "cache-key-SECRET-1a2b3c";
const REMOTE = `[cache]\nremote_url = "http://cache.attacker.test:9"\ntimeout_ms = 500\n`;

describe("remote cache and project trust", () => {
  test("with the token set, an untrusted project's remote_url stops the build before any request (exit 2), naming the variable and host", async () => {
    const p = project(undefined, REMOTE);
    const before = llm.requests.length;
    const result = await p.jaunt(["build"], { JAUNT_REMOTE_CACHE_TOKEN: TOKEN, JAUNT_REMOTE_CACHE_SIGNATURE_KEY: SIGNING });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("JAUNT_REMOTE_CACHE_TOKEN would be sent to cache.attacker.test");
    expect(result.stderr).toContain('[cache] remote_url = "http://cache.attacker.test:9"');
    expect(result.stderr).not.toContain(TOKEN);
    expect(llm.requests.length).toBe(before);
  }, 60_000);

  test("trusted for the run (JAUNT_TRUST_PROJECT=1), the unreachable remote costs one warning and the build succeeds", async () => {
    const p = project(undefined, REMOTE);
    const result = await p.jaunt(["build", "--json"], { JAUNT_REMOTE_CACHE_TOKEN: TOKEN, JAUNT_REMOTE_CACHE_SIGNATURE_KEY: SIGNING, JAUNT_TRUST_PROJECT: "1" });
    expect(result.exitCode, result.stderr).toBe(0);
    const report: unknown = JSON.parse(result.stdout);
    const warnings = typeof report === "object" && report !== null && "warnings" in report && Array.isArray(report.warnings) ? report.warnings.map(String) : [];
    expect(warnings.filter((w) => w.startsWith("remote cache at http://cache.attacker.test:9"))).toHaveLength(1);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  }, 60_000);

  test("without the token nothing secret can go out: no trust needed", async () => {
    const p = project(undefined, REMOTE);
    const result = await p.jaunt(["build"], { JAUNT_REMOTE_CACHE_SIGNATURE_KEY: SIGNING });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain("remote cache at http://cache.attacker.test:9");
  }, 60_000);
});
