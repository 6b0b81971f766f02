/**
 * Default values of jaunt.toml keys, in TOML naming (DESIGN §7). The loader
 * reads them from here; `schema/jaunt.schema.json` repeats them and a test
 * keeps the two equal.
 */
export const CONFIG_DEFAULTS = {
  version: 1,
  paths: { source_roots: ["src"], test_roots: ["tests"], generated_dir: "__generated__" },
  llm: { provider: "openai", model: "gpt-5.2", api_key_env: "OPENAI_API_KEY", timeout_seconds: 120, max_retries: 4 },
  build: { jobs: 8, infer_deps: true, attempts: 2, semantic_gate: false, example_timeout_ms: 5000, verify_tests: true },
  test: { jobs: 4, infer_deps: true, bun_args: [], timeout_seconds: 600, repair_rounds: 2, property_runs: 100 },
  /** An empty string means "use the packaged template". */
  prompts: { build_system: "", build_module: "", test_system: "", test_module: "", judge: "" },
  /** Price factor of Batch API requests (OpenAI: half price). */
  batch_discount: 0.5,
  cache: { team: "jaunt", remote_token_env: "JAUNT_REMOTE_CACHE_TOKEN", read_only: false, timeout_ms: 5000 },
} as const;

/** The only `version` this Jaunt reads. */
export const SUPPORTED_CONFIG_VERSION = 1;
