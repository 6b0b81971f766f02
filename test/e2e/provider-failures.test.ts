/**
 * Provider failures through the CLI: a fatal provider error stops the run with
 * exit 3 and the provider's words; secrets in base_url never reach stdout,
 * stderr or any file; --verbose (or DEBUG=1) shows each retry as it happens.
 */
import { afterAll, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { startFakeLlm } from "../support/fake-llm.ts";
import { API_KEY_ENV, createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS, type E2eProject } from "./project.ts";

const llm = startFakeLlm({ defaults: IMPLEMENTATIONS });
const projects: E2eProject[] = [];
afterAll(async () => {
  for (const p of projects) p.cleanup();
  await llm.stop();
});

function project(toml: string): E2eProject {
  const created = createE2eProject({ ...SPECS, "jaunt.toml": toml });
  projects.push(created);
  return created;
}

/** Every file under `dir` (the project's .jaunt folder: caches, lock), as text. */
function filesText(dir: string): string {
  let out = "";
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    out += statSync(file).isDirectory() ? filesText(file) : readFileSync(file, "utf8");
  }
  return out;
}

const USER_SECRET = "tok3n-USERINFO-e2e";
const QUERY_SECRET = "QUERY-e2e-secret";

test("quota exhausted: one request, the provider's words, scheduling stops, exit 3; base_url secrets never shown or written", async () => {
  const url = `${llm.url.replace("http://", `http://ci:${USER_SECRET}@`)}?key=${QUERY_SECRET}`;
  const p = project(jauntToml(url).replace("jobs = 4", "jobs = 1"));
  const quota = "You exceeded your current quota, please check your plan and billing details.";
  llm.respond(() => ({ status: 429, code: "insufficient_quota", message: quota }));
  try {
    const from = llm.requests.length;
    const json = await p.jaunt(["build", "--json"]);
    expect(json.exitCode).toBe(3);
    expect(llm.requests.length - from).toBe(1);
    const report: { failed: number; skipped: number; notStarted: number; warnings: string[]; modules: { error?: { code: string; message: string } }[] } = JSON.parse(json.stdout);
    expect(report.failed).toBe(1);
    // the failed module's two dependents are skipped; the unrelated module is never started
    expect(report.skipped + report.notStarted).toBe(3);
    expect(report.notStarted).toBeGreaterThanOrEqual(1);
    expect(report.warnings.join("\n")).toContain("stopped scheduling after a fatal provider error");
    const failedModule = report.modules.find((m) => m.error);
    expect(failedModule?.error?.code).toBe("generation.quota_exhausted");
    expect(failedModule?.error?.message).toContain(quota);
    expect(failedModule?.error?.message).toContain("http://***@127.0.0.1:");

    const text = await p.jaunt(["build"]);
    expect(text.exitCode).toBe(3);
    expect(text.stderr + text.stdout).toContain("FAILED");
    expect(text.stdout).toContain("quota exhausted — check billing");

    const shown = json.stdout + json.stderr + text.stdout + text.stderr + filesText(path.join(p.root, ".jaunt"));
    for (const secret of [USER_SECRET, QUERY_SECRET, API_KEY_ENV.JAUNT_E2E_KEY]) expect(shown).not.toContain(secret);
  } finally {
    llm.respond(() => undefined);
  }
}, 60_000);

test.each([
  ["--verbose", ["--verbose"], {}],
  ["DEBUG=1", [], { DEBUG: "1" }],
])("%s shows each retry as it happens, with the provider's words", async (_label, flags, env) => {
  const p = project(jauntToml(llm.url).replace("max_retries = 0", "max_retries = 2"));
  llm.script("src/other", [{ status: 529, retryAfter: "0.1", message: "Overloaded, try again shortly" }]);
  const result = await p.jaunt(["build", "--target", "src/other", ...flags], env);
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stderr).toContain("retrying src/other in 0.1 s: HTTP 529 (1 of 2)");
  expect(result.stderr).toContain("Overloaded, try again shortly");
  expect(p.exists("src/__generated__/other.ts")).toBe(true);
}, 60_000);

test("a rejected max_tokens is switched once and remembered for the rest of the run, said under --verbose", async () => {
  const azure = startFakeLlm({ defaults: IMPLEMENTATIONS, rejectParams: { max_tokens: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead." } });
  const p = project(`${jauntToml(azure.url).replace("jobs = 4", "jobs = 1").replace("max_retries = 0", "max_retries = 0\nmax_tokens = 4000")}`);
  try {
    const result = await p.jaunt(["build", "--verbose"]);
    expect(result.exitCode, result.stderr).toBe(0);
    // four modules, one at a time: one rejected request in the whole run
    expect(azure.requests).toHaveLength(5);
    expect(azure.requests.filter((r) => r.rawBody.includes('"max_completion_tokens":4000'))).toHaveLength(4);
    expect(result.stderr.match(/sending \[llm\] max_tokens as max_completion_tokens/g)).toHaveLength(1);
  } finally {
    await azure.stop();
  }
}, 60_000);
