/** "Did you mean" for mistyped commands and flags, through the spawned CLI. */
import { describe, expect, test } from "bun:test";
import { runJaunt } from "../support/cli.ts";
import { useTempDirs } from "./temp-dir.ts";

const tempDir = useTempDirs();

describe("did you mean", () => {
  test("jaunt biuld suggests build (exit 2)", async () => {
    const result = await runJaunt(["biuld"], { cwd: tempDir() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown command "biuld"; did you mean "build"?');
  });

  test("jaunt status --jsn suggests --json (exit 2)", async () => {
    const result = await runJaunt(["status", "--jsn"], { cwd: tempDir() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('did you mean "--json"?');
  });

  test("jaunt skill exprot and jaunt clean --dryrun are caught too", async () => {
    const cwd = tempDir();
    const sub = await runJaunt(["skill", "exprot"], { cwd });
    expect(sub.exitCode).toBe(2);
    expect(sub.stderr).toContain('did you mean "export"?');
    const flag = await runJaunt(["clean", "--dryrun"], { cwd });
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toContain('did you mean "--dry-run"?');
  });

  test("init, clean and skill have one-line descriptions in --help", async () => {
    const result = await runJaunt(["--help"], { cwd: tempDir() });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/init\s+Set up a Jaunt project/);
    expect(result.stdout).toMatch(/clean\s+Remove generated files/);
    expect(result.stdout).toMatch(/skill\s+Skill docs/);
    const clean = await runJaunt(["clean", "--help"], { cwd: tempDir() });
    for (const flag of ["--root", "--cache", "--dry-run", "--json"]) expect(clean.stdout).toContain(flag);
    const init = await runJaunt(["init", "--help"], { cwd: tempDir() });
    for (const flag of ["--dir", "--json"]) expect(init.stdout).toContain(flag);
  });
});
