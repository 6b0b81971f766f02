import { describe, expect, test } from "bun:test";
import { parseConfig } from "../../src/config/load.ts";
import { CONFIG_FILE, configError, problemLines } from "./helpers.ts";

describe("parseConfig defaults", () => {
  test("an empty file gives every default of DESIGN §7", () => {
    const config = parseConfig("", CONFIG_FILE);
    expect(config).toEqual({
      version: 1,
      root: "/project",
      configFile: CONFIG_FILE,
      paths: { sourceRoots: ["src"], testRoots: ["tests"], generatedDir: "__generated__" },
      llm: {
        provider: "openai",
        model: "gpt-5.2",
        apiKeyEnv: "OPENAI_API_KEY",
        baseUrl: undefined,
        timeoutSeconds: 120,
        maxRetries: 4,
        temperature: undefined,
        maxTokens: undefined,
        prices: {},
        batchDiscount: 0.5,
        gateModel: undefined,
      },
      build: { jobs: 8, inferDeps: true, attempts: 2, maxCost: undefined, semanticGate: false, exampleTimeoutMs: 5000, verifyTests: true },
      test: { jobs: 4, inferDeps: true, bunArgs: [], timeoutSeconds: 600, repairRounds: 2, propertyRuns: 100 },
      prompts: { buildSystem: undefined, buildModule: undefined, testSystem: undefined, testModule: undefined, judge: undefined },
      cache: { remoteUrl: undefined, team: "jaunt", remoteTokenEnv: "JAUNT_REMOTE_CACHE_TOKEN", readOnly: false, timeoutMs: 5000 },
    });
  });

  test("reads every key, normalizing paths and mapping empty prompts to the packaged default", () => {
    const config = parseConfig(
      `"$schema" = "./node_modules/jaunt/schema/jaunt.schema.json"
version = 1
[paths]
source_roots = ["./lib/", "packages\\\\core"]
test_roots = []
generated_dir = "_gen"
[llm]
model = "llama3"
api_key_env = "MY_KEY"
base_url = "http://localhost:11434/v1"
timeout_seconds = 2.5
max_retries = 0
temperature = 0
max_tokens = 4096
gate_model = "llama3-small"
[llm.prices]
batch_discount = 0.25
[llm.prices."llama3"]
input = 0
output = 0.5
[build]
jobs = 1
infer_deps = false
attempts = 10
max_cost = 0.25
semantic_gate = true
[test]
jobs = 2
infer_deps = false
bun_args = ["--bail", "--timeout=100"]
timeout_seconds = 90.5
[prompts]
build_system = "prompts/system.md"
build_module = ""
[cache]
remote_url = "https://cache.example.com"
team = "team_acme"
remote_token_env = "ACME_CACHE_TOKEN"
read_only = true
timeout_ms = 1500
`,
      "/p/jaunt.toml",
    );
    expect(config.root).toBe("/p");
    expect(config.cache).toEqual({ remoteUrl: "https://cache.example.com", team: "team_acme", remoteTokenEnv: "ACME_CACHE_TOKEN", readOnly: true, timeoutMs: 1500 });
    expect(config.paths).toEqual({ sourceRoots: ["lib", "packages/core"], testRoots: [], generatedDir: "_gen" });
    expect(config.llm).toEqual({
      provider: "openai",
      model: "llama3",
      apiKeyEnv: "MY_KEY",
      baseUrl: "http://localhost:11434/v1",
      timeoutSeconds: 2.5,
      maxRetries: 0,
      temperature: 0,
      maxTokens: 4096,
      prices: { llama3: { input: 0, output: 0.5 } },
      batchDiscount: 0.25,
      gateModel: "llama3-small",
    });
    expect(config.build).toEqual({ jobs: 1, inferDeps: false, attempts: 10, maxCost: 0.25, semanticGate: true, exampleTimeoutMs: 5000, verifyTests: true });
    expect(config.test).toEqual({ jobs: 2, inferDeps: false, bunArgs: ["--bail", "--timeout=100"], timeoutSeconds: 90.5, repairRounds: 2, propertyRuns: 100 });
    expect(config.prompts.buildSystem).toBe("prompts/system.md");
    expect(config.prompts.buildModule).toBeUndefined();
  });

  test("a UTF-8 byte order mark is ignored", () => {
    expect(parseConfig("\uFEFF[build]\njobs = 3\n", CONFIG_FILE).build.jobs).toBe(3);
  });
});

describe("parseConfig wrong types", () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["version = \"1\"", "`version` must be an integer, got string"],
    ["[build]\njobs = \"8\"", "`build.jobs` must be an integer, got string"],
    ["[build]\njobs = 2.5", "`build.jobs` must be an integer, got float"],
    ["[build]\ninfer_deps = \"yes\"", "`build.infer_deps` must be a boolean (true or false), got string"],
    ["[build]\nmax_cost = \"1\"", "`build.max_cost` must be a number, got string"],
    ["[test]\ntimeout_seconds = \"10m\"", "`test.timeout_seconds` must be a number, got string"],
    ["[test]\nbun_args = \"--bail\"", "`test.bun_args` must be an array of strings, got string"],
    ["[cache]\nread_only = \"yes\"", "`cache.read_only` must be a boolean (true or false), got string"],
    ["[llm.prices]\nbatch_discount = \"half\"", "`llm.prices.batch_discount` must be a number, got string"],
    ["[test]\nbun_args = [\"--bail\", 3]", "`test.bun_args[1]` must be a string, got integer"],
    ["[paths]\nsource_roots = \"src\"", "`paths.source_roots` must be an array of strings, got string"],
    ["[paths]\ngenerated_dir = 1", "`paths.generated_dir` must be a string, got integer"],
    ["[llm]\nmodel = true", "`llm.model` must be a string, got boolean"],
    ["[llm]\ntemperature = \"hot\"", "`llm.temperature` must be a number, got string"],
    ["[llm]\ntimeout_seconds = 1979-05-27", "`llm.timeout_seconds` must be a number, got datetime"],
    ["[llm]\nprices = 3", "`llm.prices` must be a table, got integer"],
    ["[llm.prices]\ngpt = 3", "`llm.prices.gpt` must be a table, got integer"],
    ["paths = 3", "`paths` must be a table, got integer"],
    ["[prompts]\nbuild_system = []", "`prompts.build_system` must be a string, got array"],
  ];
  for (const [text, problem] of cases) {
    test(problem, () => {
      const error = configError(text);
      expect(error.code).toBe("config.wrong_type");
      expect(error.exitCode).toBe(2);
      expect(problemLines(error)).toEqual([`jaunt.toml:${text.split("\n").length}: ${problem}`]);
    });
  }
});

describe("parseConfig bad values", () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["[build]\njobs = 0", "`build.jobs` must be an integer of at least 1, got 0"],
    ["[test]\njobs = -2", "`test.jobs` must be an integer of at least 1, got -2"],
    ["[build]\nattempts = 11", "`build.attempts` must be an integer between 1 and 10, got 11"],
    ["[build]\nmax_cost = 0", "`build.max_cost` must be a number greater than 0, got 0"],
    ["[llm]\ntimeout_seconds = 0", "`llm.timeout_seconds` must be a number greater than 0, got 0"],
    ["[llm]\ntimeout_seconds = inf", "`llm.timeout_seconds` must be a number that is finite, got Infinity"],
    ["[llm]\nmax_retries = -1", "`llm.max_retries` must be an integer of at least 0, got -1"],
    ["[llm]\ntemperature = 2.5", "`llm.temperature` must be a number between 0 and 2, got 2.5"],
    ["[llm]\nmax_tokens = 0", "`llm.max_tokens` must be an integer of at least 1, got 0"],
    ["[llm]\nprovider = \"anthropic\"", "`llm.provider` must be \"openai\" (any OpenAI-compatible server through `llm.base_url`), got \"anthropic\""],
    ["[llm]\nmodel = \"\"", "`llm.model` must not be empty"],
    ["[llm]\nbase_url = \"localhost:11434\"", "`llm.base_url` must be an http:// or https:// URL, like http://localhost:11434/v1"],
    ["[llm]\nbase_url = \"ftp://example.com\"", "`llm.base_url` must be an http:// or https:// URL, like http://localhost:11434/v1"],
    ["[llm.prices.gpt]\noutput = 1\ninput = -1", "`llm.prices.gpt.input` must be a number of at least 0, got -1"],
    ["[paths]\nsource_roots = []", "`paths.source_roots` must name at least one folder"],
    ["[paths]\nsource_roots = [\"/abs/src\"]", "`paths.source_roots[0]` must be relative to the project root, got absolute path \"/abs/src\""],
    ["[paths]\nsource_roots = [\"C:\\\\src\"]", "`paths.source_roots[0]` must be relative to the project root, got absolute path \"C:\\src\""],
    ["[paths]\ntest_roots = [\"tests/../../x\"]", "`paths.test_roots[0]` must stay inside the project root, but \"tests/../../x\" leads outside it"],
    ["[paths]\nsource_roots = [\"\"]", "`paths.source_roots[0]` must not be empty"],
    ["[paths]\nsource_roots = [\"src\", \"./src/\"]", "`paths.source_roots` lists \"src\" more than once"],
    ["[paths]\nsource_roots = [\"lib\"]\ntest_roots = [\"lib\"]", "`paths.test_roots` lists \"lib\", which is also a source root; a folder is either a source root or a test root"],
    ["[paths]\ngenerated_dir = \"gen/out\"", "`paths.generated_dir` must be a single folder name without slashes, got \"gen/out\""],
    ["[paths]\ngenerated_dir = \"gen\\\\out\"", "`paths.generated_dir` must be a single folder name without slashes, got \"gen\\out\""],
    ["[paths]\ngenerated_dir = \"..\"", "`paths.generated_dir` must be a folder name, not \"..\""],
    ["[paths]\ngenerated_dir = \".\"", "`paths.generated_dir` must be a folder name, not \".\""],
    ["[paths]\ngenerated_dir = \"\"", "`paths.generated_dir` must not be empty"],
    ["[prompts]\ntest_module = \"/etc/prompt.md\"", "`prompts.test_module` must be relative to the project root, got absolute path \"/etc/prompt.md\""],
    ["[prompts]\nbuild_module = \"../shared/p.md\"", "`prompts.build_module` must stay inside the project root, but \"../shared/p.md\" leads outside it"],
  ];
  for (const [text, problem] of cases) {
    test(problem, () => {
      const error = configError(text);
      expect(error.code).toBe("config.bad_value");
      expect(problemLines(error)).toEqual([`jaunt.toml:${text.split("\n").length}: ${problem}`]);
    });
  }

  test("a price needs both input and output", () => {
    const error = configError('[llm.prices."gpt-4.1"]\ninput = 1\n');
    expect(error.code).toBe("config.missing_key");
    expect(problemLines(error)).toEqual(['jaunt.toml:1: `llm.prices."gpt-4.1".output` is required']);
  });

  test("a pasted API key is never echoed in the error", () => {
    const error = configError('[llm]\napi_key_env = "sk-proj-SECRET123"\n');
    expect(error.message).toContain("`llm.api_key_env` must be the name of an environment variable");
    expect(error.message).not.toContain("SECRET123");
  });

  test("a base_url with credentials is never echoed in the error", () => {
    const error = configError('[llm]\nbase_url = "gopher://user:hunter2@host"\n');
    expect(error.message).not.toContain("hunter2");
  });
});

describe("parseConfig version", () => {
  test("a missing version means 1; version 1 is accepted", () => {
    expect(parseConfig("version = 1", CONFIG_FILE).version).toBe(1);
  });

  test("another version is an error naming the supported one", () => {
    const error = configError("version = 2\n");
    expect(error.code).toBe("config.unsupported_version");
    expect(problemLines(error)).toEqual(["jaunt.toml:1: `version` = 2 is not supported; this Jaunt reads version 1"]);
  });
});
