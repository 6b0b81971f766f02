import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import { findConfigFile } from "../../src/config/find.ts";
import { loadConfig } from "../../src/config/load.ts";

let dir = "";

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function loadError(options: Parameters<typeof loadConfig>[0]): Promise<JauntConfigError> {
  try {
    await loadConfig(options);
  } catch (error) {
    if (error instanceof JauntConfigError) return error;
    throw error;
  }
  throw new Error("expected loadConfig to fail");
}

describe("findConfigFile", () => {
  test("walks up from a nested folder to the nearest jaunt.toml", () => {
    fs.writeFileSync(path.join(dir, "jaunt.toml"), "");
    const nested = path.join(dir, "src", "deep", "er");
    fs.mkdirSync(nested, { recursive: true });
    expect(findConfigFile(nested)).toBe(path.join(dir, "jaunt.toml"));
    fs.writeFileSync(path.join(dir, "src", "jaunt.toml"), "");
    expect(findConfigFile(nested)).toBe(path.join(dir, "src", "jaunt.toml"));
  });

  test("ignores a folder named jaunt.toml", () => {
    fs.mkdirSync(path.join(dir, "a", "jaunt.toml"), { recursive: true });
    fs.writeFileSync(path.join(dir, "jaunt.toml"), "");
    expect(findConfigFile(path.join(dir, "a"))).toBe(path.join(dir, "jaunt.toml"));
  });
});

describe("loadConfig", () => {
  test("loads from a nested cwd with the root at the config's folder", async () => {
    fs.writeFileSync(path.join(dir, "jaunt.toml"), "[build]\njobs = 3\n");
    const nested = path.join(dir, "src", "a");
    fs.mkdirSync(nested, { recursive: true });
    const config = await loadConfig({ cwd: nested });
    expect(config.root).toBe(dir);
    expect(config.configFile).toBe(path.join(dir, "jaunt.toml"));
    expect(config.build.jobs).toBe(3);
  });

  test("root overrides the walk, relative to cwd", async () => {
    fs.writeFileSync(path.join(dir, "jaunt.toml"), "[build]\njobs = 3\n");
    fs.mkdirSync(path.join(dir, "other"));
    fs.writeFileSync(path.join(dir, "other", "jaunt.toml"), "[build]\njobs = 5\n");
    const config = await loadConfig({ cwd: dir, root: "other" });
    expect(config.root).toBe(path.join(dir, "other"));
    expect(config.build.jobs).toBe(5);
  });

  test("a root without jaunt.toml is an error, even when a parent has one", async () => {
    fs.writeFileSync(path.join(dir, "jaunt.toml"), "");
    fs.mkdirSync(path.join(dir, "sub"));
    const error = await loadError({ cwd: dir, root: "sub" });
    expect(error.code).toBe("config.not_found");
    expect(error.message).toContain(`--root ${path.join(dir, "sub")} is not a Jaunt project: it has no jaunt.toml`);
    const missing = await loadError({ cwd: dir, root: "nope" });
    expect(missing.message).toContain("it is not a folder");
  });

  test("no jaunt.toml anywhere above cwd suggests `jaunt init`", async () => {
    if (findConfigFile(dir) !== undefined) throw new Error(`a stray jaunt.toml above ${dir} breaks this test`);
    const error = await loadError({ cwd: dir });
    expect(error.code).toBe("config.not_found");
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(dir);
    expect(error.hint).toContain("run `jaunt init`");
  });

  test("problems carry the absolute config path as location", async () => {
    fs.writeFileSync(path.join(dir, "jaunt.toml"), "[build]\njobs = 0\n");
    const error = await loadError({ cwd: dir });
    expect(error.location).toEqual({ file: path.join(dir, "jaunt.toml"), line: 2 });
  });
});
