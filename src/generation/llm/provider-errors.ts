/**
 * Name a provider failure in the provider's own words and decide whether
 * another request can help: HTTP errors (with the server's body), error
 * objects inside a 200, and a proxy's page in place of the API. Failures
 * without a response are in transport-errors.ts.
 */
import type * as OpenAISdk from "openai";
import { isRecord } from "../../support/is-record.ts";
import type { Endpoint } from "./endpoint.ts";
import { errorText, rejectedParameter } from "./error-words.ts";
import type { ProviderFailure } from "./failure.ts";
import { redactText } from "./redact.ts";
import { serverWait, type ServerWait } from "./wait-time.ts";

export type OpenAIModule = typeof OpenAISdk;

export interface FailureContext {
  readonly endpoint: Endpoint;
  readonly model: string;
  readonly apiKeyEnv: string;
  readonly timeoutSeconds: number;
}

const MESSAGE_LIMIT = 500;

/** `https://host/v1 (from [llm] base_url)`, redacted; the built-in URL says that no setting chose it. */
export function whereOf(ctx: FailureContext): string {
  const source = ctx.endpoint.baseUrlSource;
  return `${ctx.endpoint.displayUrl} (${source === "default" ? "the default; [llm] base_url is not set" : `from ${source}`})`;
}

/** The setting a user edits to change the server: the one that chose it, or `[llm] base_url` for the built-in default. */
export function settingOf(ctx: FailureContext): string {
  return ctx.endpoint.baseUrlSource === "default" ? "[llm] base_url" : ctx.endpoint.baseUrlSource;
}

/** Provider words for a message: redacted, on one line, at most 500 characters. */
export function clean(words: string, ctx: FailureContext): string {
  const flat = redactText(words, ctx.endpoint.apiKey).replace(/\s+/g, " ").trim();
  return flat.length > MESSAGE_LIMIT ? `${flat.slice(0, MESSAGE_LIMIT)}…` : flat;
}

/** OpenAI marks an exhausted quota (unlike a rate limit) with `code` or `type` "insufficient_quota". */
function isQuotaError(error: unknown): boolean {
  return isRecord(error) && (error.code === "insufficient_quota" || error.type === "insufficient_quota");
}

/** The HTTP status an embedded error names in its `code` (a number or a three-digit string). */
function embeddedStatus(error: unknown): number | undefined {
  if (!isRecord(error)) return undefined;
  const code = typeof error.code === "number" ? error.code : typeof error.code === "string" && /^\d{3}$/.test(error.code) ? Number(error.code) : undefined;
  return code !== undefined && code >= 400 && code < 600 ? code : undefined;
}

interface HttpFailureInput {
  readonly status: number;
  readonly error: unknown;
  readonly words: string;
  /** The wait the server asked for (headers, body or words). */
  readonly wait?: ServerWait | undefined;
  /** What an HTML page in place of the API's answer says (its title): a proxy or gateway answered. */
  readonly page?: string | undefined;
  /** The `server` response header (`cloudflare`, `nginx/1.25.3`), for naming who answered. */
  readonly server?: string | null | undefined;
  /** Parameters the request carried (for naming a rejected one). */
  readonly sent: readonly string[];
  /** How the status arrived, when not as the HTTP status (`error code 404 inside an HTTP 200 response`). */
  readonly label?: string;
}

/** Classify an HTTP status (real or embedded in a 200's error object) with the server's words. */
export function classifyHttp(input: HttpFailureInput, ctx: FailureContext): ProviderFailure {
  const { status } = input;
  const where = whereOf(ctx);
  const words = clean(input.words, ctx);
  const said = `(${input.label ?? `HTTP ${status}`})${words ? `: ${words}` : ""}`;
  if (input.page !== undefined) return classifyPage(status, input.page, input.server, input.wait, ctx);
  if (status === 402 || isQuotaError(input.error)) {
    return {
      retry: "never",
      code: "generation.quota_exhausted",
      reason: "quota exhausted",
      message: `${where}: quota exhausted — check billing ${said}`,
      hint: "check the account's plan, credits and billing with the provider; retrying cannot help until then",
    };
  }
  // The provider's words before the status class: llama.cpp says "Context size has been exceeded." with a 500.
  if (status !== 429 && status >= 400 && isContextExceeded(input.error, input.words)) {
    return {
      retry: "never",
      code: "generation.context_exceeded",
      reason: `HTTP ${status}`,
      message: `${where} says the request does not fit model "${ctx.model}" ${said}`,
      hint: "the prompt (spec module, dependency APIs, handwritten imports) is larger than the model's context window: split the spec module, lower [llm] max_tokens, or raise the server's context (Ollama: OLLAMA_CONTEXT_LENGTH; vLLM: --max-model-len; llama.cpp: --ctx-size)",
    };
  }
  if (status === 413) {
    return {
      retry: "never",
      code: "generation.request_too_large",
      reason: `HTTP ${status}`,
      message: `${where} says the request is too large ${said}`,
      hint: "split the spec module so its prompt is smaller; if a proxy sits in front of the server, its body-size limit (nginx: client_max_body_size) may be what refused it",
    };
  }
  if (status === 401 || status === 403) {
    if (ctx.endpoint.keyIsPlaceholder) {
      return {
        retry: "never",
        code: "generation.auth_failed",
        reason: `HTTP ${status}`,
        message: `${where} wants an API key ${said}; ${ctx.apiKeyEnv} is not set, so Jaunt sent only a placeholder`,
        hint: `set ${ctx.apiKeyEnv} to the key the server was started with (environment or the project's .env), or point [llm] api_key_env at the variable that holds it`,
      };
    }
    if (status === 403) {
      return {
        retry: "never",
        code: "generation.auth_failed",
        reason: `HTTP ${status}`,
        message: `${where} refused model "${ctx.model}" to the key from ${ctx.apiKeyEnv} ${said}`,
        hint: `the key may lack access to this model, or the account, project or region is not allowed; check with the provider, or pick another [llm] model`,
      };
    }
    return {
      retry: "never",
      code: "generation.auth_failed",
      reason: `HTTP ${status}`,
      message: `${where} rejected the API key from ${ctx.apiKeyEnv} ${said}`,
      hint: `check ${ctx.apiKeyEnv} (environment or the project's .env) and that [llm] base_url points at the right server`,
    };
  }
  if (status === 404) {
    return {
      retry: "never",
      code: "generation.model_not_found",
      reason: `HTTP ${status}`,
      message: `model "${ctx.model}" or the chat completions endpoint was not found at ${where} ${said}`,
      hint: "check [llm] model and [llm] base_url (it usually ends in /v1)",
    };
  }
  if (isTransientStatus(status)) {
    return { retry: "backoff", code: "generation.provider_unavailable", reason: `HTTP ${status}`, message: `${where} ${said}`, ...(input.wait ? { wait: input.wait } : {}) };
  }
  const rejectedParam = status === 400 || status === 422 ? rejectedParameter(input.error, input.words, input.sent) : undefined;
  return {
    retry: "never",
    code: "generation.request_rejected",
    reason: `HTTP ${status}`,
    message: `${where} rejected the request for model "${ctx.model}" ${said}`,
    ...(rejectedParam ? { rejectedParam } : {}),
  };
}

/** Statuses another request may get past: timeouts, conflicts, rate limits, server errors. */
function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/** A request too large for the model: one module's problem, not the run's. */
const CONTEXT_EXCEEDED = /context (length|window|size)|maximum context|too many tokens|prompt is too long|input is too long|exceeds the (context|maximum (context|length|input|number of tokens|tokens?))|reduce the length|range of input length/i;
/** Error codes and types that say the same: OpenAI's `context_length_exceeded`, llama.cpp's `exceed_context_size_error`. */
const CONTEXT_CODE = /context_length_exceeded|exceed_context_size|context_window_exceeded/i;

function isContextExceeded(error: unknown, words: string): boolean {
  if (CONTEXT_EXCEEDED.test(words)) return true;
  return isRecord(error) && [error.code, error.type].some((v) => typeof v === "string" && CONTEXT_CODE.test(v));
}

/**
 * A web page instead of the API's answer: a proxy or gateway (Cloudflare,
 * nginx, a corporate proxy) answered, not the model. Named by its status and
 * what the page says; blamed on nothing the page does not say. Transient
 * statuses are retried; a refusal (a challenge, a login) stops the run; a
 * body-size limit (413) fails only the module whose prompt was too large.
 */
function classifyPage(status: number, page: string, server: string | null | undefined, wait: ServerWait | undefined, ctx: FailureContext): ProviderFailure {
  const who = server ? ` (server: ${clean(server, ctx)})` : "";
  const says = page ? `: its page says "${clean(page, ctx)}"` : "";
  const message = `a proxy or gateway${who} answered for ${whereOf(ctx)} instead of the model (HTTP ${status}, an HTML page)${says}`;
  const reason = `HTTP ${status} page from a proxy`;
  if (isTransientStatus(status)) {
    const hint = `the proxy or gateway in front of the model could not get an answer from it; if this persists, check the model server behind it and ${settingOf(ctx)}`;
    return { retry: "backoff", code: "generation.provider_unavailable", reason, message, hint, ...(wait ? { wait } : {}) };
  }
  if (status === 413) {
    return { retry: "never", code: "generation.request_too_large", reason, message, hint: "the proxy limits the size of a request body (nginx: client_max_body_size): raise that limit, or split the spec module so its prompt is smaller" };
  }
  const refused = status === 401 || status === 403 || status === 407;
  const hint = refused
    ? `the proxy refused the request before it reached the model (a bot challenge, a login, an IP or region rule): check ${settingOf(ctx)} and the proxy's access rules or credentials`
    : `check ${settingOf(ctx)}: it should reach the model's API (usually ending in /v1), not a web page`;
  return { retry: "never", code: "generation.proxy_rejected", reason, message, hint };
}

const ENDPOINT_MISSING = /unexpected endpoint|no route|unknown (url|endpoint|route|path)|(endpoint|route|path) not found|cannot (post|get) \//i;

/** An error object inside a 2xx body: retried only when its code is a retryable status. */
export function classifyEmbedded(error: unknown, sent: readonly string[], ctx: FailureContext): ProviderFailure {
  const words = errorText(error);
  const status = embeddedStatus(error);
  const wait = serverWait(undefined, error, words);
  if (status !== undefined) return classifyHttp({ status, error, words, sent, wait, label: `error code ${status} inside an HTTP 200 response` }, ctx);
  const label = "an error inside an HTTP 200 response";
  if (isQuotaError(error)) return classifyHttp({ status: 429, error, words, sent, wait, label }, ctx);
  if (ENDPOINT_MISSING.test(words)) return classifyHttp({ status: 404, error, words, sent, label }, ctx);
  if (isContextExceeded(error, words)) return classifyHttp({ status: 400, error, words, sent, label }, ctx);
  return {
    retry: "never",
    code: "generation.provider_error",
    reason: "error in response",
    message: `${whereOf(ctx)} answered HTTP 200 with an error: ${clean(words, ctx)}`,
  };
}
