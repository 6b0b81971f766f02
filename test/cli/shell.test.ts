/** The CLI shell: version, help, usage errors, exit codes, NO_COLOR, closed pipes. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateProject } from "../../bench/synthetic-project.ts";
import pkg from "../../package.json" with { type: "json" };
import { MAIN, runJaunt } from "../support/cli.ts";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "jaunt-shell-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("jaunt shell", () => {
  test("--version prints the package version on stdout only", async () => {
    const result = await runJaunt(["--version"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
    expect(result.stderr).toBe("");
  });

  test("--help lists every command with a description, without color codes when NO_COLOR", async () => {
    const result = await runJaunt(["--help"], { cwd: dir, env: { FORCE_COLOR: undefined } });
    expect(result.exitCode).toBe(0);
    for (const name of ["build", "test", "status", "init", "clean", "skill"]) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${name}\\s+\\S.+$`, "m"));
    }
    expect(result.stdout).not.toContain("\u001b[");
  });

  test("a subcommand's --help lists its flags", async () => {
    const result = await runJaunt(["status", "--help"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("--json");
    expect(result.stdout).toContain("--root");
  });

  test("an unknown command gets a did-you-mean and exit 2", async () => {
    const result = await runJaunt(["biuld"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown command "biuld"; did you mean "build"?');
    expect(result.stdout).toBe("");
  });

  test("an unknown flag gets a did-you-mean and exit 2", async () => {
    const result = await runJaunt(["status", "--jsn"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown option "--jsn" for `jaunt status`; did you mean "--json"?');
  });

  test("a JauntError becomes one message with its exit code; --json puts it on stdout", async () => {
    const human = await runJaunt(["status"], { cwd: dir });
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toMatch(/^error: no jaunt\.toml found in .+\n {2}hint: run `jaunt init`/);
    expect(human.stderr).not.toContain("    at ");
    const json = await runJaunt(["status", "--json"], { cwd: dir });
    expect(json.exitCode).toBe(2);
    const doc: unknown = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: false, error: { code: "config.not_found", exitCode: 2 } });
  });

  test.each([
    ["--verbose", ["--verbose"], {}],
    ["DEBUG=1", [], { DEBUG: "1" }],
    ["DEBUG=true", [], { DEBUG: "true" }],
  ])("%s adds the stack trace", async (_label, flags, env) => {
    const result = await runJaunt(["status", ...flags], { cwd: dir, env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("JauntConfigError");
    expect(result.stderr).toContain("    at ");
  });

  test.each([["DEBUG=0", "0"], ["DEBUG=false", "false"], ["empty DEBUG", ""]])("%s is not verbose", async (_label, value) => {
    const result = await runJaunt(["status"], { cwd: dir, env: { DEBUG: value } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).not.toContain("    at ");
  });

  test("a config error names the file and line", async () => {
    const project = mkdtempSync(path.join(dir, "cfg-"));
    writeFileSync(path.join(project, "jaunt.toml"), "version = 1\n\n[build]\njbos = 3\n");
    const result = await runJaunt(["status"], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("jaunt.toml:4");
    expect(result.stderr).toContain("build.jobs");
  });

  test("a closed stdout pipe ends quietly", async () => {
    const project = mkdtempSync(path.join(dir, "pipe-"));
    await generateProject({ dir: project, modules: 400, seed: 7, fresh: false });
    const script = `"${process.execPath}" "${MAIN}" status --json | head -c 100 > /dev/null; echo "status=\${PIPESTATUS[0]}"`;
    const child = Bun.spawn(["bash", "-c", script], {
      cwd: project,
      env: { ...process.env, NO_COLOR: "1" },
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
    await child.exited;
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).not.toContain("internal error");
    expect(stdout).toMatch(/status=0/);
  }, 60_000);
});
