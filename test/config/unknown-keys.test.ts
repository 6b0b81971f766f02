import { describe, expect, test } from "bun:test";
import { configError, problemLines } from "./helpers.ts";

describe("unknown keys", () => {
  test("a misspelled nested key names its path, line and the likely key", () => {
    const error = configError("version = 1\n\n[build]\njobs = 4\njbos = 8\n");
    expect(error.code).toBe("config.unknown_key");
    expect(error.exitCode).toBe(2);
    expect(error.location).toEqual({ file: "/project/jaunt.toml", line: 5 });
    expect(problemLines(error)).toEqual(["jaunt.toml:5: unknown key `build.jbos`; did you mean `build.jobs`?"]);
  });

  test("a misspelled top-level key", () => {
    expect(problemLines(configError("verison = 1\n"))).toEqual(["jaunt.toml:1: unknown key `verison`; did you mean `version`?"]);
  });

  test("a key in the wrong table suggests the table it belongs to", () => {
    expect(problemLines(configError("jobs = 3\n"))).toEqual(["jaunt.toml:1: unknown key `jobs`; did you mean `build.jobs`?"]);
    expect(problemLines(configError("[paths]\nmodel = \"x\"\n"))).toEqual([
      "jaunt.toml:2: unknown key `paths.model`; did you mean `llm.model`?",
    ]);
  });

  test("an unknown table, with and without a close match", () => {
    expect(problemLines(configError("[biuld]\njobs = 2\n"))).toEqual(["jaunt.toml:1: unknown table `biuld`; did you mean `build`?"]);
    expect(problemLines(configError("\n[deploy]\ntarget = 1\n"))).toEqual(["jaunt.toml:2: unknown table `deploy`"]);
  });

  test("unknown keys in dotted keys, inline tables and map entries", () => {
    expect(problemLines(configError("build.jbos = 2\n"))).toEqual(["jaunt.toml:1: unknown key `build.jbos`; did you mean `build.jobs`?"]);
    expect(problemLines(configError('[llm]\nprices = { "gpt-4.1" = { input = 1, output = 2, cached = 0.5 } }\n'))).toEqual([
      'jaunt.toml:2: unknown key `llm.prices."gpt-4.1".cached`',
    ]);
  });

  test("an unrelated unknown key gets no suggestion", () => {
    expect(problemLines(configError("[test]\ncoverage = true\n"))).toEqual(["jaunt.toml:2: unknown key `test.coverage`"]);
  });
});

describe("all problems at once", () => {
  test("every problem is listed on its own line, sorted by line, first one as location", () => {
    const error = configError(`[paths]
generated_dir = "a/b"
[build]
jobs = "8"
jbos = 2
[llm]
temperature = 9
`);
    expect(error.code).toBe("config.invalid");
    expect(error.exitCode).toBe(2);
    expect(error.location).toEqual({ file: "/project/jaunt.toml", line: 2 });
    expect(error.message.split("\n")[0]).toBe("invalid jaunt.toml (4 problems):");
    expect(problemLines(error)).toEqual([
      'jaunt.toml:2: `paths.generated_dir` must be a single folder name without slashes, got "a/b"',
      "jaunt.toml:4: `build.jobs` must be an integer, got string",
      "jaunt.toml:5: unknown key `build.jbos`; did you mean `build.jobs`?",
      "jaunt.toml:7: `llm.temperature` must be a number between 0 and 2, got 9",
    ]);
    expect(error.hint).toContain("docs/configuration.md");
  });
});

describe("syntax errors", () => {
  test("report the file, line and column", () => {
    const error = configError("version = 1\n[build]\njobs = = 2\n");
    expect(error.code).toBe("config.syntax");
    expect(error.exitCode).toBe(2);
    expect(error.location).toEqual({ file: "/project/jaunt.toml", line: 3, column: 8 });
    expect(error.message).toStartWith("invalid TOML syntax: ");
  });

  test("a duplicate key is a syntax error", () => {
    const error = configError("[build]\njobs = 1\njobs = 2\n");
    expect(error.code).toBe("config.syntax");
    expect(error.location?.line).toBe(3);
  });
});
