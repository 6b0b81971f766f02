/**
 * Turns a parsed jaunt.toml into a `JauntConfig`, collecting every problem:
 * unknown keys (with "did you mean"), wrong types and bad values.
 */
import type { TomlTable } from "smol-toml";
import { didYouMean } from "../support/did-you-mean.ts";
import { CONFIG_DEFAULTS as D, SUPPORTED_CONFIG_VERSION } from "./defaults.ts";
import { checkRelativePath, generatedDirProblem } from "./path-rules.ts";
import type { ConfigProblem } from "./problems.ts";
import { type ConfigKeyInfo, type ReadContext, TableReader, type UnknownKey } from "./table-reader.ts";
import { formatKeyPath } from "./toml-values.ts";
import type { BuildConfig, CacheConfig, JauntConfig, LlmConfig, PathsConfig, PromptsConfig, TestConfig, TokenPrice } from "./types.ts";

export interface ValidationResult {
  /** Usable only when `problems` is empty (bad values are replaced by defaults). */
  readonly config: JauntConfig;
  readonly problems: readonly ConfigProblem[];
  /** Every key the loader read, for the schema agreement test. */
  readonly catalog: readonly ConfigKeyInfo[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Validate a parsed document; `root` and `configFile` are absolute paths. */
export function validateConfig(doc: TomlTable, root: string, configFile: string): ValidationResult {
  const ctx: ReadContext = { problems: [], catalog: new Map(), unknown: [] };
  const top = new TableReader([], [], doc, ctx);
  // `"$schema" = "…"` lets editors (Taplo, Even Better TOML) find the JSON schema; Jaunt ignores its value.
  top.optionalString("$schema");
  const version = top.optionalInteger("version", {}, SUPPORTED_CONFIG_VERSION);
  if (version !== undefined && version !== SUPPORTED_CONFIG_VERSION) {
    ctx.problems.push({
      code: "config.unsupported_version",
      path: ["version"],
      message: `\`version\` = ${version} is not supported; this Jaunt reads version ${SUPPORTED_CONFIG_VERSION}`,
    });
  }
  const sections = [top.table("paths"), top.table("llm"), top.table("build"), top.table("test"), top.table("prompts"), top.table("cache")] as const;
  const [pathsTable, llmTable, buildTable, testTable, promptsTable, cacheTable] = sections;
  const config: JauntConfig = {
    version: SUPPORTED_CONFIG_VERSION,
    root,
    configFile,
    paths: readPaths(pathsTable, ctx),
    llm: readLlm(llmTable),
    build: readBuild(buildTable),
    test: readTest(testTable),
    prompts: readPrompts(promptsTable),
    cache: readCache(cacheTable),
  };
  for (const reader of [top, ...sections]) reader.finish();
  const catalog = [...ctx.catalog.values()];
  for (const unknown of ctx.unknown) ctx.problems.push(unknownKeyProblem(unknown, catalog));
  return { config, problems: ctx.problems, catalog };
}

/** The keys the loader accepts, with their types and defaults (map entries under `*`). */
export function describeConfigKeys(): readonly ConfigKeyInfo[] {
  const sample: TomlTable = { llm: { prices: { "*": { input: 0n, output: 0n } } } };
  return validateConfig(sample, "/", "/jaunt.toml").catalog;
}

function relativePath(value: string): string | undefined {
  const checked = checkRelativePath(value);
  return checked.ok ? undefined : checked.problem;
}

function normalizedRoots(roots: readonly string[]): string[] {
  return roots.map((root) => {
    const checked = checkRelativePath(root);
    return checked.ok ? checked.normalized : root;
  });
}

function readPaths(r: TableReader, ctx: ReadContext): PathsConfig {
  const rootLists = {
    source_roots: normalizedRoots(r.stringArray("source_roots", D.paths.source_roots, relativePath)),
    test_roots: normalizedRoots(r.stringArray("test_roots", D.paths.test_roots, relativePath)),
  };
  const problem = (key: string, message: string): void => {
    ctx.problems.push({ code: "config.bad_value", path: [...r.path, key], message: `\`${formatKeyPath([...r.path, key])}\` ${message}` });
  };
  if (rootLists.source_roots.length === 0) problem("source_roots", "must name at least one folder");
  for (const [key, roots] of Object.entries(rootLists)) {
    const duplicate = roots.find((root, index) => roots.indexOf(root) !== index);
    if (duplicate !== undefined) problem(key, `lists "${duplicate}" more than once`);
  }
  const shared = rootLists.test_roots.find((root) => rootLists.source_roots.includes(root));
  if (shared !== undefined) problem("test_roots", `lists "${shared}", which is also a source root; a folder is either a source root or a test root`);
  return {
    sourceRoots: rootLists.source_roots,
    testRoots: rootLists.test_roots,
    generatedDir: r.string("generated_dir", D.paths.generated_dir, generatedDirProblem),
  };
}

function readLlm(r: TableReader): LlmConfig {
  let batchDiscount: number = D.batch_discount;
  const prices = r.map(
    "prices",
    (entry): TokenPrice => ({
      input: entry.requiredNumber("input", { min: 0 }) ?? 0,
      output: entry.requiredNumber("output", { min: 0 }) ?? 0,
    }),
    { keys: ["batch_discount"], read: (table) => (batchDiscount = table.number("batch_discount", D.batch_discount, { min: 0, max: 1 })) },
  );
  const provider = r.string("provider", D.llm.provider, (value) =>
    value === "openai" ? undefined : `must be "openai" (any OpenAI-compatible server through \`llm.base_url\`), got "${value}"`,
  );
  return {
    provider: provider === "openai" ? provider : D.llm.provider,
    model: r.string("model", D.llm.model, (value) => (value.trim() === "" ? "must not be empty" : undefined)),
    // The value is never echoed: a pasted API key must not end up in an error.
    apiKeyEnv: r.string("api_key_env", D.llm.api_key_env, (value) =>
      ENV_NAME.test(value) ? undefined : "must be the name of an environment variable (like OPENAI_API_KEY), not the key itself",
    ),
    baseUrl: r.optionalString("base_url", (value) =>
      isHttpUrl(value) ? undefined : "must be an http:// or https:// URL, like http://localhost:11434/v1",
    ),
    timeoutSeconds: r.number("timeout_seconds", D.llm.timeout_seconds, { above: 0 }),
    maxRetries: r.integer("max_retries", D.llm.max_retries, { min: 0 }),
    temperature: r.optionalNumber("temperature", { min: 0, max: 2 }),
    maxTokens: r.optionalInteger("max_tokens", { min: 1 }),
    prices,
    batchDiscount,
    gateModel: r.optionalString("gate_model", (value) => (value.trim() === "" ? "must not be empty (leave it out to use `llm.model`)" : undefined)),
  };
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}

function readBuild(r: TableReader): BuildConfig {
  return {
    jobs: r.integer("jobs", D.build.jobs, { min: 1 }),
    inferDeps: r.boolean("infer_deps", D.build.infer_deps),
    attempts: r.integer("attempts", D.build.attempts, { min: 1, max: 10 }),
    maxCost: r.optionalNumber("max_cost", { above: 0 }),
    semanticGate: r.boolean("semantic_gate", D.build.semantic_gate),
    exampleTimeoutMs: r.integer("example_timeout_ms", D.build.example_timeout_ms, { min: 100, max: 600_000 }),
    verifyTests: r.boolean("verify_tests", D.build.verify_tests),
  };
}

function readCache(r: TableReader): CacheConfig {
  return {
    remoteUrl: r.optionalString("remote_url", (value) =>
      isHttpUrl(value) ? undefined : "must be an http:// or https:// URL of a Turborepo remote-cache server, like https://cache.example.com",
    ),
    team: r.string("team", D.cache.team, (value) => (value.trim() === "" ? "must not be empty" : undefined)),
    // The value is never echoed: a pasted token must not end up in an error.
    remoteTokenEnv: r.string("remote_token_env", D.cache.remote_token_env, (value) =>
      ENV_NAME.test(value) ? undefined : "must be the name of an environment variable (like JAUNT_REMOTE_CACHE_TOKEN), not the token itself",
    ),
    readOnly: r.boolean("read_only", D.cache.read_only),
    timeoutMs: r.integer("timeout_ms", D.cache.timeout_ms, { min: 1 }),
  };
}

function readTest(r: TableReader): TestConfig {
  return {
    jobs: r.integer("jobs", D.test.jobs, { min: 1 }),
    inferDeps: r.boolean("infer_deps", D.test.infer_deps),
    bunArgs: r.stringArray("bun_args", D.test.bun_args),
    timeoutSeconds: r.number("timeout_seconds", D.test.timeout_seconds, { above: 0 }),
    repairRounds: r.integer("repair_rounds", D.test.repair_rounds, { min: 0, max: 10 }),
    propertyRuns: r.integer("property_runs", D.test.property_runs, { min: 1, max: 100_000 }),
  };
}

function readPrompts(r: TableReader): PromptsConfig {
  const prompt = (key: keyof typeof D.prompts): string | undefined => {
    const value = r.string(key, D.prompts[key], (text) => (text === "" ? undefined : relativePath(text)));
    const checked = checkRelativePath(value);
    return value === "" || !checked.ok ? undefined : checked.normalized;
  };
  return {
    buildSystem: prompt("build_system"),
    buildModule: prompt("build_module"),
    testSystem: prompt("test_system"),
    testModule: prompt("test_module"),
    judge: prompt("judge"),
  };
}

function unknownKeyProblem(unknown: UnknownKey, catalog: readonly ConfigKeyInfo[]): ConfigProblem {
  const name = unknown.path[unknown.path.length - 1] ?? "";
  const parent = unknown.path.slice(0, -1);
  const sibling = didYouMean(name, unknown.siblings);
  // `jobs = 4` at the top level most likely belongs in a table: suggest where.
  const elsewhere = catalog.find((entry) => entry.path[entry.path.length - 1]?.toLowerCase() === name.toLowerCase() && !entry.path.includes("*"));
  const suggestion = sibling !== undefined ? formatKeyPath([...parent, sibling]) : elsewhere ? formatKeyPath(elsewhere.path) : undefined;
  const what = unknown.isTable ? "table" : "key";
  return {
    code: "config.unknown_key",
    path: unknown.path,
    message: `unknown ${what} \`${formatKeyPath(unknown.path)}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
  };
}
