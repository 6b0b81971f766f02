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
  expect(result.stderr).toContain("retrying src/other in 0.1 s as the server asked (retry-after header): HTTP 529 (1 of 2)");
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

test("the server's own wait (Gemini's RetryInfo in a 429 body) is waited as asked and said live with its source; the build succeeds", async () => {
  const gemini = startFakeLlm({ defaults: IMPLEMENTATIONS });
  const p = project(jauntToml(gemini.url).replace("max_retries = 0", "max_retries = 2"));
  let first: number | undefined;
  const exhausted = { json: [{ error: { code: 429, message: "Resource has been exhausted (e.g. check quota).", status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1.5s" }] } }], status: 429 };
  // The quota window closes 1.5 s after the first request: Jaunt's own backoff (0.5 s, 1 s) would spend both retries inside it.
  gemini.respond(() => {
    first ??= Date.now();
    return Date.now() - first < 1500 ? exhausted : undefined;
  });
  try {
    const result = await p.jaunt(["build", "--target", "src/other", "--verbose"]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(gemini.requests).toHaveLength(2);
    expect(result.stderr).toContain("retrying src/other in 1.5 s as the server asked (RetryInfo.retryDelay in the body): HTTP 429 (1 of 2)");
  } finally {
    await gemini.stop();
  }
}, 60_000);

test("a connection reset in the middle of the answer is retried like a dropped connection: exit 0", async () => {
  const p = project(jauntToml(llm.url).replace("max_retries = 0", "max_retries = 1"));
  llm.script("src/other", [{ resetAfter: '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"```ts' }]);
  const from = llm.requests.length;
  const result = await p.jaunt(["build", "--target", "src/other", "--verbose"]);
  expect(result.exitCode, result.stderr).toBe(0);
  expect(llm.requests.length - from).toBe(2);
  expect(result.stderr).toContain("connection dropped mid-answer (ECONNRESET)");
}, 60_000);

test("a proxy's pages: a 502 labelled gzip that is not keeps its status and title with nothing extra on stderr; a 403 challenge is not blamed on the key", async () => {
  const p = project(jauntToml(llm.url).replace("max_retries = 0", "max_retries = 1").replace("jobs = 4", "jobs = 1"));
  const badGateway = { raw: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", status: 502, contentType: "text/html", headers: { "content-encoding": "gzip", server: "nginx" } };
  llm.script("src/other", [badGateway, badGateway]);
  const gateway = await p.jaunt(["build", "--target", "src/other", "--json"]);
  expect(gateway.exitCode).toBe(3);
  const report: { modules: { error?: { code: string; message: string } }[] } = JSON.parse(gateway.stdout);
  const failed = report.modules.find((m) => m.error)?.error;
  expect(failed?.code).toBe("generation.provider_unavailable");
  expect(failed?.message).toContain('(server: nginx) answered for');
  expect(failed?.message).toContain('(HTTP 502, an HTML page): its page says "502 Bad Gateway" (after 2 requests)');
  expect(gateway.stderr).not.toMatch(/Decompression error|ZlibError/);

  const challenge = `<!DOCTYPE html>\n<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->\n<html lang="en-US"><head><title>Just a moment...</title></head><body></body></html>`;
  llm.script("src/other", [{ raw: challenge, status: 403, contentType: "text/html; charset=UTF-8", headers: { server: "cloudflare" } }]);
  const refused = await p.jaunt(["build", "--target", "src/other"]);
  expect(refused.exitCode).toBe(3);
  expect(refused.stdout).toContain('its page says "Just a moment..."');
  expect(refused.stdout + refused.stderr).not.toContain("JAUNT_E2E_KEY");
  expect(refused.stdout + refused.stderr).not.toContain("<!DOCTYPE");
}, 60_000);

test("an answer that declares its helper instead of defining it is rejected and retried, never written", async () => {
  const p = project(jauntToml(llm.url));
  const declared = "```ts\ndeclare function sum(values: number[]): number;\n\nexport function add(a: number, b: number): number {\n  return sum([a, b]);\n}\n```";
  llm.script("src/other", [declared]);
  const from = llm.requests.length;
  const result = await p.jaunt(["build", "--target", "src/other"]);
  expect(result.exitCode, result.stderr).toBe(0);
  expect(llm.requests.length - from).toBe(2);
  expect(llm.requests.at(-1)?.messages.map((m) => m.content).join("\n")).toContain("`declare function sum` only tells the type checker that `sum` exists");
  expect(p.read("src/__generated__/other.ts")).not.toContain("declare function");
}, 60_000);
