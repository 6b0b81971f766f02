/** Project trust in process: loopback by the host as written, where variables came from, the digest, the store. */
import { afterAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "../../src/config/load.ts";
import { isLoopbackHost } from "../../src/generation/llm/endpoint.ts";
import { isCompiledExecutable } from "../../src/support/compiled.ts";
import { bunDotenvFiles, envOrigins } from "../../src/trust/env-origins.ts";
import { assertProjectTrusted, checkProjectTrust, revokeProjectTrust, trustProject } from "../../src/trust/project-trust.ts";
import { jauntHome } from "../../src/trust/trust-store.ts";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix = "jaunt-trust-"): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}

function projectWith(toml: string, files: Readonly<Record<string, string>> = {}): { root: string; config: ReturnType<typeof parseConfig> } {
  const root = tempDir();
  fs.writeFileSync(path.join(root, "jaunt.toml"), toml);
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
  return { root, config: parseConfig(toml, path.join(root, "jaunt.toml")) };
}

const REMOTE = `version = 1\n[llm]\napi_key_env = "TEAM_KEY"\nbase_url = "https://gw.example.com/v1"\n`;

describe("loopback is decided by the host as written", () => {
  test.each([
    ["http://localhost:11434/v1", true],
    ["http://127.0.0.1:8000/v1", true],
    ["http://127.8.9.10/v1", true],
    ["http://127.1/v1", true], // WHATWG URL spells it 127.0.0.1
    ["http://[::1]:1234/v1", true],
    ["http://127.0.0.1.attacker.test/v1", false],
    ["http://localhost.attacker.test/v1", false],
    ["http://0.0.0.0:8000/v1", false],
    ["http://10.0.0.5/v1", false],
    ["https://api.openai.com/v1", false],
  ])("%s → %p", (url, loopback) => {
    expect(isLoopbackHost(new URL(url).hostname)).toBe(loopback);
  });
});

describe("where variables came from", () => {
  test("a variable named in a .env file Bun loads from the working folder is the project's, with its line; others are the user's", () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, ".env"), "# gateway\nexport OPENAI_BASE_URL = https://x.test/v1\nJAUNT_HOME: /tmp/evil\n");
    fs.writeFileSync(path.join(root, ".env.development.local"), "HTTPS_PROXY=http://p.test\n");
    const env = { OPENAI_BASE_URL: "https://x.test/v1", JAUNT_HOME: "/tmp/evil", HTTPS_PROXY: "http://p.test", HOME: "/home/u" };
    const origins = envOrigins(root, env, { cwd: root, bunAutoload: true });
    expect(origins.lookup("OPENAI_BASE_URL")?.origin).toEqual({ kind: "project", file: path.join(root, ".env"), line: 2 });
    expect(origins.lookupProcess("HTTPS_PROXY")?.origin).toEqual({ kind: "project", file: path.join(root, ".env.development.local"), line: 1 });
    expect(origins.lookup("HOME")?.origin).toEqual({ kind: "user" });
    expect(origins.user).toEqual({ HOME: "/home/u" });
    // The compiled binary loads no .env into the process: the same variables are the user's.
    const compiled = envOrigins(root, env, { cwd: root, bunAutoload: false });
    expect(compiled.lookup("OPENAI_BASE_URL")?.origin).toEqual({ kind: "user" });
    expect(compiled.user.JAUNT_HOME).toBe("/tmp/evil");
  });

  test("Jaunt's own read of <root>/.env sits below the process environment", () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, ".env"), "A=1\nJAUNT_LLM_BASE_URL=https://j.test/v1\n");
    const origins = envOrigins(root, { A: "from-shell" }, { cwd: tempDir(), bunAutoload: true });
    expect(origins.lookup("A")).toEqual({ value: "from-shell", origin: { kind: "user" } });
    expect(origins.lookup("JAUNT_LLM_BASE_URL")).toEqual({ value: "https://j.test/v1", origin: { kind: "project", file: path.join(root, ".env"), line: 2 } });
    expect(origins.lookupProcess("JAUNT_LLM_BASE_URL")).toBeUndefined();
  });

  test("Bun's file list follows NODE_ENV; the compiled binary is recognised by its embedded main module", () => {
    expect(bunDotenvFiles("/p", undefined).map((f) => path.basename(f))).toEqual([".env", ".env.development", ".env.local", ".env.development.local"]);
    expect(bunDotenvFiles("/p", "test").map((f) => path.basename(f))).toEqual([".env", ".env.test", ".env.local", ".env.test.local"]);
    expect(isCompiledExecutable("/$bunfs/root/jaunt")).toBe(true);
    expect(isCompiledExecutable("B:/~BUN/root/jaunt.exe")).toBe(true);
    expect(isCompiledExecutable("/usr/lib/node_modules/@jaunt/cli/bin/main.js")).toBe(false);
  });
});

describe("Jaunt's home", () => {
  test("JAUNT_HOME, else the platform's config folder", () => {
    expect(jauntHome({ JAUNT_HOME: "/j", HOME: "/h" }, "linux")).toBe("/j");
    expect(jauntHome({ HOME: "/h" }, "linux")).toBe("/h/.config/jaunt");
    expect(jauntHome({ HOME: "/h", XDG_CONFIG_HOME: "/x" }, "linux")).toBe("/x/jaunt");
    expect(jauntHome({ HOME: "/h", XDG_CONFIG_HOME: "relative" }, "linux")).toBe("/h/.config/jaunt");
    expect(jauntHome({ HOME: "/Users/u" }, "darwin")).toBe("/Users/u/Library/Application Support/jaunt");
    expect(jauntHome({ APPDATA: "C:\\Users\\u\\AppData\\Roaming", USERPROFILE: "C:\\Users\\u" }, "win32")).toBe(path.join("C:\\Users\\u\\AppData\\Roaming", "jaunt"));
  });
});

describe("the check", () => {
  test("untrusted → refused naming variable, host, file and line; trusted → passes; layout keeps it, a value edit asks again", () => {
    const { root, config } = projectWith(REMOTE);
    const home = tempDir("jaunt-home-");
    const options = { env: { JAUNT_HOME: home, TEAM_KEY: "k-secret" }, cwd: root, bunAutoload: true };
    expect(() => assertProjectTrusted(config, options)).toThrow("TEAM_KEY would be sent to gw.example.com (https://gw.example.com/v1) with LLM requests");
    try {
      assertProjectTrusted(config, options);
    } catch (error) {
      expect(error).toMatchObject({ code: "config.untrusted_project", exitCode: 2, location: { file: path.join(root, "jaunt.toml"), line: 3 } });
      expect(String(error)).not.toContain("k-secret");
    }
    expect(trustProject(config, options).state).toBe("trusted");
    expect(assertProjectTrusted(config, options).state).toBe("trusted");
    const moved = `# comment\n\n${REMOTE}`;
    expect(checkProjectTrust(parseConfig(moved, path.join(root, "jaunt.toml")), options).state).toBe("trusted");
    const edited = parseConfig(REMOTE.replace("gw.example.com", "gw2.example.com"), path.join(root, "jaunt.toml"));
    expect(checkProjectTrust(edited, options).state).toBe("changed");
    expect(checkProjectTrust(edited, { ...options, env: { ...options.env, JAUNT_TRUST_PROJECT: "1" } }).state).toBe("trusted_by_env");
    expect(revokeProjectTrust(config, options)).toMatchObject({ removed: true, check: { state: "untrusted" } });
    expect(fs.readFileSync(path.join(home, "trusted-projects.json"), "utf8")).not.toContain(root);
  });

  test("an unreadable store counts as no trust and is never overwritten", () => {
    const { root, config } = projectWith(REMOTE);
    const home = tempDir("jaunt-home-");
    fs.writeFileSync(path.join(home, "trusted-projects.json"), "{ not json");
    const options = { env: { JAUNT_HOME: home, TEAM_KEY: "k" }, cwd: root, bunAutoload: false };
    expect(checkProjectTrust(config, options).state).toBe("untrusted");
    expect(() => trustProject(config, options)).toThrow("cannot read the trusted-projects file");
    expect(fs.readFileSync(path.join(home, "trusted-projects.json"), "utf8")).toBe("{ not json");
  });

  test("the record is keyed by the root's real path: a symlinked checkout is the same project", () => {
    const { root, config } = projectWith(REMOTE);
    const link = path.join(tempDir(), "link");
    fs.symlinkSync(root, link);
    const home = tempDir("jaunt-home-");
    const options = { env: { JAUNT_HOME: home, TEAM_KEY: "k" }, cwd: root, bunAutoload: false };
    trustProject(parseConfig(REMOTE, path.join(link, "jaunt.toml")), options);
    expect(checkProjectTrust(config, options).state).toBe("trusted");
  });

  test("a userinfo secret in base_url is digested, shown redacted, never stored", () => {
    const toml = `version = 1\n[llm]\nbase_url = "https://user:tok3n@gw.example.com/v1"\n`;
    const { root, config } = projectWith(toml);
    const home = tempDir("jaunt-home-");
    const check = trustProject(config, { env: { JAUNT_HOME: home, OPENAI_API_KEY: "k" }, cwd: root, bunAutoload: false });
    expect(check.needing[0]?.settings[0]?.shown).toBe("https://***@gw.example.com/v1");
    expect(fs.readFileSync(path.join(home, "trusted-projects.json"), "utf8")).not.toContain("tok3n");
  });

  test("nothing to trust: default settings, a loopback server, the user's own endpoint, or a key that is not set", () => {
    const home = tempDir("jaunt-home-");
    const plain = projectWith(`version = 1\n`);
    expect(checkProjectTrust(plain.config, { env: { JAUNT_HOME: home, OPENAI_API_KEY: "k", OPENAI_BASE_URL: "https://mine.example/v1" }, cwd: plain.root }).state).toBe("not_needed");
    const local = projectWith(`version = 1\n[llm]\napi_key_env = "LOCAL_KEY"\nbase_url = "http://127.0.0.1:8000/v1"\n`);
    expect(checkProjectTrust(local.config, { env: { JAUNT_HOME: home, LOCAL_KEY: "k" }, cwd: local.root }).state).toBe("not_needed");
    const unset = projectWith(REMOTE);
    const check = checkProjectTrust(unset.config, { env: { JAUNT_HOME: home }, cwd: unset.root });
    expect(check.state).toBe("not_needed");
    expect(check.routes[0]?.sends).toBe(false);
  });

  test("a proxy or NODE_TLS_REJECT_UNAUTHORIZED that Bun loaded from the project's .env is a setting of the route", () => {
    const { root, config } = projectWith(`version = 1\n`, { ".env": "HTTPS_PROXY=http://proxy.example:3128\nNODE_TLS_REJECT_UNAUTHORIZED=0\n" });
    const env = { JAUNT_HOME: tempDir("jaunt-home-"), OPENAI_API_KEY: "k", HTTPS_PROXY: "http://proxy.example:3128", NODE_TLS_REJECT_UNAUTHORIZED: "0" };
    const check = checkProjectTrust(config, { env, cwd: root, bunAutoload: true });
    expect(check.state).toBe("untrusted");
    expect(check.needing[0]?.proxy?.host).toBe("proxy.example:3128");
    expect(check.needing[0]?.settings.map((s) => [s.name, s.line])).toEqual([["HTTPS_PROXY", 1], ["NODE_TLS_REJECT_UNAUTHORIZED", 2]]);
  });

  test("JAUNT_HOME and JAUNT_TRUST_PROJECT set by a project file are not the user's: ignored", () => {
    const { root, config } = projectWith(REMOTE, { ".env": "JAUNT_HOME=./trust\nJAUNT_TRUST_PROJECT=1\n" });
    const userHome = tempDir("jaunt-home-");
    const env = { HOME: userHome, XDG_CONFIG_HOME: userHome, JAUNT_HOME: "./trust", JAUNT_TRUST_PROJECT: "1", TEAM_KEY: "k" };
    const check = checkProjectTrust(config, { env, cwd: root, bunAutoload: true });
    expect(check.home).toBe(path.join(userHome, "jaunt"));
    expect(check.state).toBe("untrusted");
    expect(check.ignoredSwitch).toEqual({ file: path.join(root, ".env"), line: 2 });
  });
});

describe("the remote-cache route", () => {
  const CACHE = `version = 1\n[cache]\nremote_url = "https://cache.example.com"\nremote_token_env = "TEAM_CACHE_TOKEN"\n`;

  test("remote_url and a non-default token variable are settings; it needs trust only while the token is set", () => {
    const { root, config } = projectWith(CACHE);
    const home = tempDir("jaunt-home-");
    const withToken = checkProjectTrust(config, { env: { JAUNT_HOME: home, TEAM_CACHE_TOKEN: "t0k3n" }, cwd: root, bunAutoload: false });
    const route = withToken.routes.find((r) => r.credential === "TEAM_CACHE_TOKEN");
    expect(route?.destination.host).toBe("cache.example.com");
    expect(route?.settings.map((s) => s.name)).toEqual(["[cache] remote_url", "[cache] remote_token_env"]);
    expect(route?.settings.map((s) => s.line)).toEqual([3, 4]);
    expect(withToken.state).toBe("untrusted");
    expect(() => assertProjectTrusted(config, { env: { JAUNT_HOME: home, TEAM_CACHE_TOKEN: "t0k3n" }, cwd: root, bunAutoload: false })).toThrow("TEAM_CACHE_TOKEN would be sent to cache.example.com");
    const without = checkProjectTrust(config, { env: { JAUNT_HOME: home }, cwd: root, bunAutoload: false });
    expect(without.state).toBe("not_needed");
  });

  test("no remote_url, no route; a loopback cache needs no trust", () => {
    const home = tempDir("jaunt-home-");
    const none = projectWith("version = 1\n");
    expect(checkProjectTrust(none.config, { env: { JAUNT_HOME: home, JAUNT_REMOTE_CACHE_TOKEN: "t" }, cwd: none.root, bunAutoload: false }).routes.map((r) => r.purpose)).toEqual(["LLM requests"]);
    const local = projectWith(`version = 1\n[cache]\nremote_url = "http://127.0.0.1:3000"\n`);
    expect(checkProjectTrust(local.config, { env: { JAUNT_HOME: home, JAUNT_REMOTE_CACHE_TOKEN: "t" }, cwd: local.root, bunAutoload: false }).state).toBe("not_needed");
  });
});
