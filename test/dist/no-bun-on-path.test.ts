/**
 * The compiled executable is all a user needs: with no `bun` on PATH, `jaunt
 * build` type-checks and `jaunt test` runs bun test through the embedded Bun
 * (BUN_BE_BUN), as docs/architecture.md says; `jaunt watch --test` generates
 * in its Workers and runs the affected tests the same way.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { API_KEY_ENV, createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS, type E2eProject } from "../e2e/project.ts";
import { startWatch } from "../e2e/watch-process.ts";
import { runJaunt } from "../support/cli.ts";
import { startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { compiledJaunt } from "./compiled-binary.ts";

const TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { add } from "../src/other";

/** add(2, 3) is 5. */
export const addWorks = jaunt.test(function addWorks() {
  void add;
});
`;
const TEST_CODE = `import { expect, test } from "bun:test";
import { add } from "../../src/other";

test("add", () => {
  expect(add(2, 3)).toBe(5);
});
`;

let binary = "";
let llm: FakeLlm;
let project: E2eProject;
let emptyPath = "";
beforeAll(async () => {
  binary = await compiledJaunt();
  llm = startFakeLlm({ defaults: { ...IMPLEMENTATIONS, "tests/other": TEST_CODE } });
  project = createE2eProject({ "src/other.ts": SPECS["src/other.ts"], "tests/other.ts": TEST_SPEC, "jaunt.toml": jauntToml(llm.url) });
  emptyPath = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-nopath-"));
}, 120_000);
afterAll(async () => {
  await llm.stop();
  project.cleanup();
  fs.rmSync(emptyPath, { recursive: true, force: true });
});

test("jaunt test from the binary with no bun on PATH generates, type-checks and runs the tests", async () => {
  const result = await runJaunt(["test"], { cwd: project.root, binary, env: { ...API_KEY_ENV, PATH: emptyPath } });
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  expect(result.stdout + result.stderr).toContain("(pass) add");
  expect(project.read("src/__generated__/other.ts")).toContain("return a + b;");
});

test("jaunt watch --test from the binary with no bun on PATH rebuilds an edited spec in its Workers and runs the tests", async () => {
  const watch = startWatch(project.root, ["--test"], { binary, env: { PATH: emptyPath } });
  try {
    await watch.waitFor((e) => e.type === "idle" || e.type === "tests");
    const mark = watch.events.length;
    const before = llm.requests.length;
    project.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", "Add two numbers, exactly."));
    expect(await watch.waitFor((e) => e.type === "tests", { from: mark })).toMatchObject({ bunExitCode: 0 });
    expect(llm.requests.slice(before).map((r) => r.module).sort()).toEqual(["src/other", "tests/other"]);
  } finally {
    expect(await watch.interrupt()).toBe(0);
  }
}, 60_000);
