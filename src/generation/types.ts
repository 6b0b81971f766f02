/**
 * The generation backend's contract: plain, JSON-serialisable data in and out,
 * so a module's generation can run inside a Worker (no functions, no class
 * instances cross the boundary; hooks stay on the calling side).
 */
import type { LlmConfig } from "../config/types.ts";
import type { SpecifierStyle } from "./prompts/specifier.ts";
import type { CheckRunner } from "./validate/type-check.ts";

/** One spec the module must implement (build) or turn into tests (test). */
export interface SpecInput {
  /** SpecRef, `"src/slug:slugify"`. */
  readonly ref: string;
  /** Exported name, `"slugify"`. */
  readonly name: string;
  readonly kind: "function" | "class" | "test";
  /** The spec's full source text (JSDoc, signature, stub body), verbatim. */
  readonly text: string;
  /** Extra instructions from the spec's `prompt` option. */
  readonly prompt?: string;
  /** Class members the spec declares (methods, accessors, properties incl. constructor parameter properties). */
  readonly members?: readonly string[];
}

/** Another spec this module uses: only its public face, never its implementation. */
export interface DependencyInput {
  readonly ref: string;
  /** Spec module, `"src/text"`. */
  readonly module: string;
  /** Specifier to import it with from the generated file: the SPEC module, e.g. `"../text"`. */
  readonly importFrom: string;
  /** JSDoc + signature (for classes: declaration with member signatures), no body. */
  readonly publicApi: string;
}

/** Handwritten code the spec module imports. */
export interface HandwrittenImport {
  /** Specifier to use from the generated file, e.g. `"../text-utils"` or `"zod"`. */
  readonly specifier: string;
  /** Project-relative file, when it is a project file. */
  readonly file?: string;
  /** Its source text, when small (see HANDWRITTEN_SOURCE_LIMIT); omitted otherwise. */
  readonly source?: string;
}

/** For test modules: a source spec the tests exercise. */
export interface SpecUnderTest {
  readonly ref: string;
  /** Specifier to import it with from the generated test file, e.g. `"../../src/slug"`. */
  readonly importFrom: string;
  readonly publicApi: string;
}

/** Everything needed to generate one module. */
export interface GenerationInput {
  readonly kind: "build" | "test";
  /** `"src/slug"`. */
  readonly module: string;
  /** `"src/slug.ts"`, project-relative. */
  readonly specFile: string;
  /** `"src/__generated__/slug.ts"` or `"tests/__generated__/slug.test.ts"`, project-relative. */
  readonly generatedFile: string;
  /** The whole spec module text, verbatim. */
  readonly specSource: string;
  readonly specs: readonly SpecInput[];
  readonly dependencies: readonly DependencyInput[];
  readonly handwrittenImports: readonly HandwrittenImport[];
  /** Test modules only. */
  readonly specsUnderTest?: readonly SpecUnderTest[];
  /** How relative imports are spelled in this project (default: extensionless, bundler-style). */
  readonly specifierStyle?: SpecifierStyle;
  /** Test modules: the `@property` lines to write as fast-check properties. */
  readonly properties?: readonly PropertyInput[];
  /** A repair (`jaunt test`): this module's current version failed tests; regenerate it with the failure. */
  readonly repair?: RepairFeedback;
  /**
   * Build modules only: test files that gate each candidate (behaviour stage), project-relative —
   * the user's handwritten tests that import the spec module, and generated tests still fresh.
   */
  readonly gatingTests?: readonly GatingTest[];
}

/** A `@property` line of a spec's or test spec's JSDoc, to become one fast-check property. */
export interface PropertyInput {
  /** SpecRef whose JSDoc holds the line. */
  readonly ref: string;
  /** The property in the user's words (`for every title, slugify(title) never contains "--"`). */
  readonly text: string;
  /** The fixed seed written into `fc.assert(…, { seed })`, so a failure reproduces. */
  readonly seed: number;
  /** `[test] property_runs`. */
  readonly numRuns: number;
}

/** One failing test, as a repair prompt shows it. */
export interface RepairFailure {
  /** Describe blocks and test name, joined with " > ". */
  readonly test: string;
  /** Project-relative test file and line. */
  readonly file: string;
  readonly line?: number;
  /** The test's own source code. */
  readonly code?: string;
  /** The failure in bun's words. */
  readonly message: string;
  readonly expected?: string;
  readonly received?: string;
  /** A property's shrunk counterexample. */
  readonly counterexample?: string;
  /** The first stack frame inside the implementation, with its source line (`src/__generated__/text.ts:2:51: …`). */
  readonly frame?: string;
}

/** Why a module is regenerated in a repair round, and with what. */
export interface RepairFeedback {
  /** Which side the module is: the implementation or the generated test. */
  readonly side: "implementation" | "test";
  /** 1-based repair round. */
  readonly round: number;
  readonly failures: readonly RepairFailure[];
  /** Why this side was judged wrong (the evidence, or the judge's one-line reason). */
  readonly reason?: string;
  /** The module's current code (implementation side: the implementation; test side: the test file). */
  readonly currentCode?: string;
  /** Test side: the file did not load, in the runner's words. */
  readonly loadError?: string;
}

/** A test file run against each candidate of a module. */
export interface GatingTest {
  /** Project-relative path, `tests/slug.test.ts`. */
  readonly file: string;
  /** `handwritten`: the user's own; `generated`: a fresh generated test module (a regression suite). */
  /** `failing`: a generated test that failed against the implementation in place, gating its repair (`jaunt test`). */
  readonly origin: "handwritten" | "generated" | "failing";
}

/** What checked a module's accepted candidate (behaviour stage). */
export interface ModuleChecks {
  /** Spec `@example` checks: passed of total; `unchecked` example blocks could not run (prose). */
  readonly examples: { readonly passed: number; readonly total: number; readonly unchecked: number };
  /** Tests run against the candidate (handwritten and fresh generated ones): passed of total. */
  readonly tests: { readonly passed: number; readonly total: number };
  /** The example blocks that could not run, with the reason (so the user can fix them). */
  readonly uncheckedExamples?: readonly { readonly file: string; readonly line: number; readonly spec: string; readonly reason: string }[];
}

/** The four prompt template texts in use (packaged or `[prompts]` overrides). */
export interface PromptTexts {
  readonly build_system: string;
  readonly build_module: string;
  readonly test_system: string;
  readonly test_module: string;
}

/** `[cache]` remote settings for a run: names of secrets, never their values. */
export interface RemoteCacheSettings {
  /** Base URL of the Turborepo remote-cache server. */
  readonly url: string;
  readonly team: string;
  /** Variable holding the bearer token. */
  readonly tokenEnv: string;
  /** Never upload. */
  readonly readOnly: boolean;
  readonly timeoutMs: number;
}

/** A first answer obtained elsewhere (the Batch API): attempt 1 uses it instead of a request. */
export interface PrefetchedAnswer {
  readonly text: string;
  readonly finishReason: string | null;
  /** The finish reason says the answer was cut off at a token limit. */
  readonly truncated: boolean;
  /** Billed at `[llm.prices] batch_discount`. */
  readonly usage: TokenUsage;
}

/** Plain settings from which a Worker rebuilds the client. */
export interface GenerationSettings {
  /** Absolute project root (holds `jaunt.toml` and `.env`). */
  readonly root: string;
  readonly llm: LlmConfig;
  /** Validation attempts per module (first try + retries with error context), ≥ 1. */
  readonly attempts: number;
  /** Serve only from the cache; a miss is a `generation.offline_miss` failure. */
  readonly offline: boolean;
  /** Absolute cache folder; default `<root>/.jaunt/cache`. */
  readonly cacheDir?: string;
  /** Disable reading and writing the cache. */
  readonly noCache?: boolean;
  /** Re-roll (`build --force`): ask the model even when the cache holds an answer; the new answer replaces it. Offline still reads only the cache. */
  readonly reroll?: boolean;
  readonly prompts: PromptTexts;
  /** Backoff base/cap for provider retries in ms (tests make them tiny). Defaults 500 / 20000. */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number; readonly retryAfterCapMs?: number };
  /** Environment to read the API key / base URL from; default `process.env`. Plain data. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The shared remote cache (`[cache] remote_url`); absent, or turned off for the rest of a run after a `remote_cache` event with `off`. */
  readonly remoteCache?: RemoteCacheSettings;
  /** This module's first answer, already fetched (a Batch API result): no cache lookup, no first request. */
  readonly prefetched?: PrefetchedAnswer;
  /** The behaviour stage (examples, tests against candidates); absent: it does not run (tests of Jaunt's internals). */
  readonly behaviour?: BehaviourSettings;
  /** Request shape learned earlier in the run (a server rejected a parameter); see `request_reshaped` events. */
  readonly requestShape?: { readonly tokensField: "max_tokens" | "max_completion_tokens"; readonly streamFalse: boolean };
}

export interface BehaviourSettings {
  /** `[build] example_timeout_ms`. */
  readonly exampleTimeoutMs: number;
  /** `[build] verify_tests`. */
  readonly verifyTests: boolean;
  /** The config's secret variables (`secretEnvNames` in child-env.ts): stripped from the child's environment. */
  readonly secretEnvNames: readonly string[];
}

/** One exact problem with a candidate. */
export interface Diagnostic {
  /** 1-based position in the candidate module, when known. */
  readonly line?: number;
  readonly column?: number;
  /** `"TS2322"` for type errors, `"jaunt/<rule>"` for structural rules, `"syntax"`. */
  readonly code: string;
  readonly message: string;
  /** For a `jaunt/test` failure of the user's own test: `file:line: the user's test "name"`, the same test across attempts. */
  readonly userTest?: string;
}

export interface AttemptDiagnostics {
  /** 1-based attempt number. */
  readonly attempt: number;
  /** Where the candidate came from. */
  readonly source: "llm" | "cache" | "remote-cache" | "batch";
  readonly diagnostics: readonly Diagnostic[];
  /** The candidate code that failed (bounded), for reports. */
  readonly candidate?: string;
}

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export type GenerationResult =
  | {
      readonly module: string;
      readonly ok: true;
      /** Validated module body WITHOUT the Jaunt header. */
      readonly code: string;
      readonly attempts: number;
      readonly usage: TokenUsage;
      readonly costUsd?: number;
      readonly cached: boolean;
      /** Which cache served it, when `cached`. */
      readonly cacheSource?: "local" | "remote";
      /** What checked the accepted candidate (build modules with the behaviour stage on). */
      readonly checks?: ModuleChecks;
      /** Things the behaviour stage could not hold against candidates (unrunnable examples, tests that fail by themselves). */
      readonly warnings?: readonly string[];
    }
  | {
      readonly module: string;
      readonly ok: false;
      readonly error: {
        readonly message: string;
        /** JauntGenerationError code, e.g. `generation.validation_failed`, `generation.offline_miss`. */
        readonly code: string;
        /** True when every module would fail the same way (bad key, unknown model): stop scheduling. */
        readonly fatal: boolean;
        readonly hint?: string;
        readonly attempts: readonly AttemptDiagnostics[];
      };
      readonly usage: TokenUsage;
      readonly costUsd?: number;
    };

/** A retry about to happen, for progress lines. */
export interface RetryNotice {
  /** 1-based retry number, of `maxRetries`. */
  readonly retry: number;
  /** `[llm] max_retries`. */
  readonly maxRetries: number;
  readonly delayMs: number;
  /** Where the server asked for `delayMs` (`retry-after-ms header`, `RetryInfo.retryDelay in the body` …); absent for Jaunt's own backoff. */
  readonly waitSource?: string;
  /** Short: `HTTP 529`. */
  readonly reason: string;
  /** The failure in the provider's words (redacted). */
  readonly detail: string;
}

/** Progress events (plain data, safe to post from a Worker). */
export type GenerationEvent =
  | { readonly type: "attempt"; readonly module: string; readonly attempt: number }
  | { readonly type: "cache_hit"; readonly module: string; readonly source?: "local" | "remote" }
  /**
   * Something about the remote cache worth one warning. `off`: the remote cannot serve this run (down, slow,
   * misconfigured) — later modules skip it (`"reads"`: entirely; `"uploads"`: uploading only).
   */
  | { readonly type: "remote_cache"; readonly module: string; readonly message: string; readonly off?: "reads" | "uploads" }
  | ({ readonly type: "provider_retry"; readonly module: string } & RetryNotice)
  /** A server rejected a parameter Jaunt can express another way; later requests of the run use `shape`. */
  | { readonly type: "request_reshaped"; readonly module: string; readonly note: string; readonly shape: NonNullable<GenerationSettings["requestShape"]> }
  /** An answer arrived (validation follows); usage and cost are the module's so far, failed requests included. */
  | { readonly type: "answered"; readonly module: string; readonly attempt: number; readonly usage: TokenUsage; readonly costUsd?: number }
  | { readonly type: "invalid"; readonly module: string; readonly attempt: number; readonly diagnostics: readonly Diagnostic[] }
  | { readonly type: "done"; readonly module: string; readonly ok: boolean };

/**
 * The run's hold on one of its `jobs` request slots (`jobs` counts model
 * requests in flight). Generation starts holding it, gives it back before
 * validating a candidate and takes one again before another request.
 */
export interface RequestSlot {
  release(): void;
  /** Rejects when the generation is cancelled while waiting. */
  acquire(): Promise<void>;
}

export interface GenerationHooks {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: GenerationEvent) => void;
  /** Without one, generation ignores slots (one module on its own). */
  readonly slot?: RequestSlot;
  /** Held while a candidate's behaviour stage runs (not at the start): the run bounds CPU-bound checks running at once. */
  readonly checkSlot?: RequestSlot;
  /** Runs type checks; default: one `bun check` process each (the build shares processes between modules). */
  readonly runCheck?: CheckRunner;
}

/** A chat message as sent to the provider. */
export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}
