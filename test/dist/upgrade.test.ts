/**
 * An upgrade costs nothing: a project built by this checkout (the source CLI,
 * version from package.json) is fresh for the compiled executable, which
 * carries another version — and the other way round, nothing is asked.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS, type E2eProject } from "../e2e/project.ts";
import { runJaunt } from "../support/cli.ts";
import { startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { VERSION } from "../../src/version.ts";
import { compiledJaunt, TEST_VERSION } from "./compiled-binary.ts";

let binary = "";
let llm: FakeLlm;
let project: E2eProject | undefined;
beforeAll(async () => {
  binary = await compiledJaunt();
  llm = startFakeLlm({ defaults: IMPLEMENTATIONS });
}, 120_000);
afterAll(async () => {
  await llm.stop();
  project?.cleanup();
});

test("a project built with one Jaunt version and planned with another is fresh; no model call", async () => {
  expect(TEST_VERSION).not.toBe(VERSION);
  project = createE2eProject({ "src/text.ts": SPECS["src/text.ts"], "src/slug.ts": SPECS["src/slug.ts"], "jaunt.toml": jauntToml(llm.url) });
  const built = await project.jaunt(["build"]);
  expect(built.exitCode, built.stderr).toBe(0);
  expect(project.read("src/__generated__/slug.ts")).toContain(`// jaunt:tool_version=${VERSION}\n`);
  const before = llm.requests.length;
  const env = { JAUNT_E2E_KEY: "k", NO_COLOR: "1" };
  const status = await runJaunt(["status", "--check", "--verbose"], { cwd: project.root, binary, env });
  expect(status.exitCode, status.stdout).toBe(0);
  expect(status.stdout).toContain(`jaunt ${TEST_VERSION} · model gpt-4o-mini`);
  expect(status.stdout).toContain(`written by jaunt ${VERSION} with gpt-4o-mini (differs from now; not stale)`);
  const rebuilt = await runJaunt(["build"], { cwd: project.root, binary, env });
  expect(rebuilt.stdout).toContain("up to date");
  expect(llm.requests.length).toBe(before);
}, 120_000);
