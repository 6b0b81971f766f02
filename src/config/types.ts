/**
 * The validated, defaulted shape of `jaunt.toml` (DESIGN §7), in camelCase.
 * TOML keys are snake_case (`source_roots`); the loader maps them here.
 */

export interface PathsConfig {
  /** Folders (relative to the root, `/`-separated) searched for source specs. */
  readonly sourceRoots: readonly string[];
  /** Folders searched for test specs. */
  readonly testRoots: readonly string[];
  /** Name of the sibling folder generated code goes into; a single path segment. */
  readonly generatedDir: string;
}

/** Price of one million tokens in US dollars. */
export interface TokenPrice {
  readonly input: number;
  readonly output: number;
}

export interface LlmConfig {
  /** Only "openai" (any OpenAI-compatible server through `baseUrl`). */
  readonly provider: "openai";
  readonly model: string;
  /** Name of the environment variable holding the API key (never the key itself). */
  readonly apiKeyEnv: string;
  /** OpenAI-compatible endpoint; `JAUNT_LLM_BASE_URL` / `OPENAI_BASE_URL` override when unset. */
  readonly baseUrl: string | undefined;
  /** Per-request timeout in seconds. */
  readonly timeoutSeconds: number;
  /** Retries of provider faults (429, 5xx, timeouts), counted apart from validation attempts. */
  readonly maxRetries: number;
  /** Sampling temperature; undefined leaves the server default. */
  readonly temperature: number | undefined;
  /** Upper bound on completion tokens per request; undefined leaves the server default. */
  readonly maxTokens: number | undefined;
  /** Per-model price overrides, merged over the built-in table. */
  readonly prices: Readonly<Record<string, TokenPrice>>;
  /** Price factor of Batch API requests (`[llm.prices] batch_discount`, default 0.5: half price). */
  readonly batchDiscount: number;
  /** The model that answers the meaning check (`[build] semantic_gate`); undefined: `model`. */
  readonly gateModel: string | undefined;
}

export interface BuildConfig {
  readonly jobs: number;
  readonly inferDeps: boolean;
  /** Generation attempts per module (first try + retries with error context). */
  readonly attempts: number;
  /** Stop scheduling new modules once the estimated cost (USD) reaches this; undefined = no cap. */
  readonly maxCost: number | undefined;
  /**
   * Before regenerating a module stale only through comment or JSDoc text,
   * ask `[llm] gate_model` whether the meaning changed; `UNCHANGED` stamps it.
   */
  readonly semanticGate: boolean;
  /** Time limit (ms) for running a candidate's spec examples, per module and candidate. */
  readonly exampleTimeoutMs: number;
  /** Gate candidates on the user's tests that import their spec module (and on fresh generated tests). */
  readonly verifyTests: boolean;
}

export interface TestConfig {
  readonly jobs: number;
  readonly inferDeps: boolean;
  /** Extra arguments appended to `bun test`. */
  readonly bunArgs: readonly string[];
  /** Time limit (seconds) on one `bun test` run; on expiry its whole process tree is stopped. */
  readonly timeoutSeconds: number;
  /** Repair rounds after generated tests fail (0 turns repair off). */
  readonly repairRounds: number;
  /** fast-check `numRuns` written into each generated property test. */
  readonly propertyRuns: number;
}

/** Project-relative paths of prompt template overrides; undefined = packaged default. */
export interface PromptsConfig {
  readonly buildSystem: string | undefined;
  readonly buildModule: string | undefined;
  readonly testSystem: string | undefined;
  readonly testModule: string | undefined;
  /** The judge that decides whether an implementation or its test contradicts the spec. */
  readonly judge: string | undefined;
}

/** `[cache]`: the shared remote cache (Turborepo remote-cache API). */
export interface CacheConfig {
  /** Base URL of a Turborepo remote-cache server (`/v8/artifacts/…` is appended); undefined = local cache only. */
  readonly remoteUrl: string | undefined;
  /** Team the artifacts belong to (`teamId` when it starts with `team_`, else `slug`). */
  readonly team: string;
  /** Name of the environment variable holding the bearer token (never the token itself). */
  readonly remoteTokenEnv: string;
  /** Read from the remote, never upload (untrusted CI branches). */
  readonly readOnly: boolean;
  /** Time limit of one remote request, in ms. */
  readonly timeoutMs: number;
}

export interface JauntConfig {
  readonly version: 1;
  /** Absolute path of the folder holding `jaunt.toml`. */
  readonly root: string;
  /** Absolute path of `jaunt.toml`. */
  readonly configFile: string;
  readonly paths: PathsConfig;
  readonly llm: LlmConfig;
  readonly build: BuildConfig;
  readonly test: TestConfig;
  readonly prompts: PromptsConfig;
  readonly cache: CacheConfig;
}
