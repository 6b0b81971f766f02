/**
 * `jaunt build --batch` against the fake server's Batch API (`/v1/files`,
 * `/v1/batches`): the first attempts go out as one batch and come back through
 * the normal gate; an interrupted run leaves the batch running and the next
 * run (and `jaunt status`) picks it up; failed lines, invalid answers and an
 * expired batch continue through the normal path; a provider without the
 * routes gets a clear message quoting its answer.
 */
import { describe, expect, test } from "bun:test";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { MAIN } from "../support/cli.ts";
import { isRecord } from "../../src/support/is-record.ts";
import { llmProjects } from "./llm-projects.ts";
import { API_KEY_ENV, createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS, type E2eProject } from "./project.ts";

const { llm, project } = llmProjects();
const MODULES = ["src/other", "src/slug", "src/text", "src/unique"];

function chatModules(server: FakeLlm, from: number): string[] {
  return server.requests.slice(from).filter((r) => r.path.endsWith("/chat/completions")).flatMap((r) => (r.module ? [r.module] : [])).sort();
}

function parse(stdout: string): Record<string, unknown> {
  const value: unknown = JSON.parse(stdout);
  if (!isRecord(value)) throw new Error(`not a JSON object: ${stdout}`);
  return value;
}

function warningsOf(report: Record<string, unknown>): string[] {
  return Array.isArray(report.warnings) ? report.warnings.map(String) : [];
}

/** `jaunt build --batch`, interrupted (SIGINT, as Ctrl-C) once it is polling the submitted batch. */
async function interruptedBatchRun(p: E2eProject): Promise<{ exitCode: number; stderr: string }> {
  const child = Bun.spawn([process.execPath, MAIN, "build", "--batch"], {
    cwd: p.root,
    env: { ...process.env, DEBUG: undefined, NO_COLOR: "1", COLUMNS: "100", ...API_KEY_ENV },
    stdout: "pipe",
    stderr: "pipe",
  });
  let stderr = "";
  let killed = false;
  const decoder = new TextDecoder();
  const reader = child.stderr.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    stderr += decoder.decode(value, { stream: true });
    // Ctrl-C once the batch is submitted and being polled.
    if (!killed && /batch batch_fake_\d+: in_progress/.test(stderr)) {
      killed = true;
      child.kill("SIGINT");
    }
  }
  const exitCode = await child.exited;
  return { exitCode, stderr };
}

describe("jaunt build --batch", () => {
  test("sends every stale module's first attempt as one batch, validates the answers, and counts them at the batch discount", async () => {
    llm.batchMode({ pollsBeforeDone: 1 });
    const p = project();
    const before = llm.requests.length;
    const batches = llm.batches.length;
    const result = await p.jaunt(["build", "--batch", "--json"]);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = parse(result.stdout);
    expect(report).toMatchObject({ ok: true, built: 4, failed: 0 });
    expect(llm.batches.length).toBe(batches + 1);
    const batch = llm.batches.at(-1);
    expect(batch?.lines.map((line) => line.module).sort()).toEqual(MODULES);
    for (const line of batch?.lines ?? []) expect(line.customId).toMatch(/^src\/[a-z]+#[0-9a-f]{16}$/);
    expect(chatModules(llm, before)).toEqual([]);
    expect(result.stderr).toContain("submitted batch batch_fake_");
    expect(result.stderr).toMatch(/batch batch_fake_\d+: in_progress/);
    expect(p.exists(".jaunt/batch.json")).toBe(false);
    // gpt-4o-mini: $0.15 / $0.60 per million tokens, at half price.
    const tokens = report.tokens;
    if (!isRecord(tokens)) throw new Error("no tokens in the report");
    const full = (Number(tokens.promptTokens) * 0.15 + Number(tokens.completionTokens) * 0.6) / 1_000_000;
    expect(Number(tokens.promptTokens)).toBeGreaterThan(0);
    expect(Number(report.costUsd)).toBeCloseTo(full * 0.5, 12);

    // The answers went into the response cache: a forced rebuild without --batch serves them locally.
    const again = await p.jaunt(["build", "--json"]);
    expect(again.exitCode).toBe(0);
    expect(parse(again.stdout)).toMatchObject({ built: 0 });
  }, 120_000);

  test("an interrupted run leaves the batch running; status shows it; the next --batch run collects it without a new batch", async () => {
    llm.batchMode({ pollsBeforeDone: 1_000 });
    const p = project();
    const before = llm.requests.length;
    const batches = llm.batches.length;
    const { exitCode, stderr } = await interruptedBatchRun(p);
    expect(exitCode, stderr).toBe(130);
    expect(stderr).toContain("keeps running at the provider");
    expect(p.exists(".jaunt/batch.json")).toBe(true);
    expect(p.read(".jaunt/batch.json")).not.toContain(API_KEY_ENV.JAUNT_E2E_KEY);
    expect(llm.batches.length).toBe(batches + 1);

    const status = await p.jaunt(["status"]);
    expect(status.stdout).toMatch(/pending batch batch_fake_\d+ at http:\/\/127\.0\.0\.1:\d+\/v1 \(4 module\(s\), model gpt-4o-mini/);
    const statusJson = parse((await p.jaunt(["status", "--json"])).stdout);
    expect(statusJson.pendingBatch).toMatchObject({ model: "gpt-4o-mini" });

    llm.batchMode({ pollsBeforeDone: 0 });
    const resumed = await p.jaunt(["build", "--batch", "--json"]);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(parse(resumed.stdout)).toMatchObject({ ok: true, built: 4 });
    expect(resumed.stderr).toContain("resuming batch batch_fake_");
    expect(llm.batches.length).toBe(batches + 1);
    expect(chatModules(llm, before)).toEqual([]);
    expect(p.exists(".jaunt/batch.json")).toBe(false);
    expect((await p.jaunt(["status"])).stdout).not.toContain("pending batch");
  }, 120_000);

  test("a plain build warns that a batch is pending; a pending batch nothing needs any more is cancelled at the provider and forgotten, with a warning", async () => {
    llm.batchMode({ pollsBeforeDone: 1_000 });
    const p = project();
    expect((await interruptedBatchRun(p)).exitCode).toBe(130);
    const plain = await p.jaunt(["build", "--json"]);
    expect(plain.exitCode, plain.stderr).toBe(0);
    const report = parse(plain.stdout);
    expect(report).toMatchObject({ built: 4 });
    expect(warningsOf(report).filter((w) => /batch batch_fake_\d+ is still pending/.test(w))).toHaveLength(1);
    const batches = llm.batches.length;
    const stale = await p.jaunt(["build", "--batch", "--json"]);
    expect(stale.exitCode, stale.stderr).toBe(0);
    const forgotten = warningsOf(parse(stale.stdout)).filter((w) => w.includes("holds no module this run needs"));
    expect(forgotten).toHaveLength(1);
    expect(forgotten[0]).toContain("asked the provider to cancel it (now cancelling)");
    expect(llm.batches.at(-1)?.cancels).toBe(1);
    expect(p.exists(".jaunt/batch.json")).toBe(false);
    expect(llm.batches.length).toBe(batches);
  }, 120_000);

  test("a pending batch nothing needs that the provider will not cancel (it finished meanwhile) is forgotten, quoting the provider", async () => {
    llm.batchMode({ pollsBeforeDone: 1_000 });
    const p = project();
    expect((await interruptedBatchRun(p)).exitCode).toBe(130);
    const plain = await p.jaunt(["build", "--json"]);
    expect(plain.exitCode, plain.stderr).toBe(0);
    // The batch completes at the provider after the run that recorded it stopped polling.
    const id = llm.batches.at(-1)?.id ?? "";
    llm.batchMode({ pollsBeforeDone: 0 });
    expect(await (await fetch(`${llm.url}/batches/${id}`)).json()).toMatchObject({ id, status: "completed" });
    const stale = await p.jaunt(["build", "--batch", "--json"]);
    expect(stale.exitCode, stale.stderr).toBe(0);
    const forgotten = warningsOf(parse(stale.stdout)).filter((w) => w.includes(`the pending batch ${id} holds no module this run needs`));
    expect(forgotten).toHaveLength(1);
    expect(forgotten[0]).toContain("cancelling it failed (");
    expect(forgotten[0]).toContain("Cannot cancel a batch with status 'completed'");
    expect(llm.batches.at(-1)?.cancels).toBe(1);
    expect(p.exists(".jaunt/batch.json")).toBe(false);
  }, 120_000);

  test("failed lines and invalid answers continue through the normal path (retry with diagnostics)", async () => {
    llm.batchMode({ failModules: ["src/slug"] });
    const p = project();
    const before = llm.requests.length;
    // The batch's answer for src/other exports the wrong name; the retry (a normal request) gets its diagnostics.
    llm.script("src/other", [fence("export function plus(a: number, b: number): number {\n  return a + b;\n}")]);
    const result = await p.jaunt(["build", "--batch", "--json"]);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = parse(result.stdout);
    expect(report).toMatchObject({ ok: true, built: 4 });
    expect(chatModules(llm, before)).toEqual(["src/other", "src/slug"]);
    const retry = llm.requests.slice(before).find((r) => r.module === "src/other" && r.path.endsWith("/chat/completions"));
    expect(retry?.messages.map((m) => m.content).join("\n")).toContain("plus");
    const failedLine = warningsOf(report).find((w) => w.includes("request(s) failed"));
    expect(failedLine).toContain("src/slug (HTTP 500: fake-llm: the server had an error processing this request)");
  }, 120_000);

  test("an expired batch: every module goes through the normal path, with one warning", async () => {
    llm.batchMode({ outcome: "expired" });
    const p = project();
    const before = llm.requests.length;
    const result = await p.jaunt(["build", "--batch", "--json"]);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = parse(result.stdout);
    expect(report).toMatchObject({ ok: true, built: 4 });
    expect(chatModules(llm, before)).toEqual(MODULES);
    expect(warningsOf(report).filter((w) => w.includes("ended expired"))).toHaveLength(1);
    expect(p.exists(".jaunt/batch.json")).toBe(false);
  }, 120_000);
});

describe("jaunt build --batch on a provider without the Batch API", () => {
  test("exit 3 with the provider's answer; nothing recorded, nothing built", async () => {
    const server = startFakeLlm({ defaults: IMPLEMENTATIONS, batchRoutes: false });
    const p: E2eProject = createE2eProject({ ...SPECS, "jaunt.toml": jauntToml(server.url) });
    try {
      const result = await p.jaunt(["build", "--batch"]);
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toContain("does not offer the Batch API: POST /files answered HTTP 404: no route POST /v1/files");
      expect(result.stderr).toContain("without --batch");
      expect(p.exists(".jaunt/batch.json")).toBe(false);
      expect(p.exists("src/__generated__/text.ts")).toBe(false);
      expect(server.requests.filter((r) => r.path.endsWith("/chat/completions"))).toEqual([]);
    } finally {
      await server.stop();
      p.cleanup();
    }
  }, 60_000);

  test("--batch with --offline is a usage error (exit 2)", async () => {
    const result = await project().jaunt(["build", "--batch", "--offline"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("cannot be combined with --offline");
  }, 60_000);
});
