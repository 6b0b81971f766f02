/** Where requests go and with which key (never logged). */
import { JauntConfigError } from "@jaunt/runtime";
import type { LlmConfig } from "../../config/types.ts";
import { redactUrl } from "./redact.ts";

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Sent to keyless loopback servers when the key variable is unset (the SDK insists on some key). */
export const PLACEHOLDER_KEY = "jaunt-no-key";

export interface Endpoint {
  /** As configured (may carry credentials): for requests only, never for display. */
  readonly baseUrl: string;
  /** The base URL with userinfo and secret query values redacted: the only form shown to users. */
  readonly displayUrl: string;
  /** Which setting chose the base URL, for error messages. */
  readonly baseUrlSource: "[llm] base_url" | "JAUNT_LLM_BASE_URL" | "OPENAI_BASE_URL" | "default";
  readonly apiKey: string;
  /** True when `apiKey` is PLACEHOLDER_KEY because the variable is unset (loopback servers only). */
  readonly keyIsPlaceholder: boolean;
}

/**
 * Base URL precedence: `[llm] base_url` (the project's explicit choice) >
 * `JAUNT_LLM_BASE_URL` > `OPENAI_BASE_URL` > OpenAI. The key comes from the
 * variable named by `api_key_env` (process env, then the project's `.env`);
 * loopback servers (Ollama, LM Studio, vLLM on localhost) need no key.
 * @throws {JauntConfigError} `config.missing_api_key` naming the variable.
 */
export function resolveEndpoint(llm: LlmConfig, env: Readonly<Record<string, string | undefined>>): Endpoint {
  const { baseUrl, baseUrlSource } = pickBaseUrl(llm, env);
  const displayUrl = redactUrl(baseUrl);
  const key = env[llm.apiKeyEnv]?.trim();
  if (key) return { baseUrl, displayUrl, baseUrlSource, apiKey: key, keyIsPlaceholder: false };
  if (isLoopback(baseUrl)) return { baseUrl, displayUrl, baseUrlSource, apiKey: PLACEHOLDER_KEY, keyIsPlaceholder: true };
  throw new JauntConfigError(`no API key: environment variable ${llm.apiKeyEnv} is not set (needed for ${displayUrl})`, "config.missing_api_key", {
    hint: `export ${llm.apiKeyEnv}=… or put ${llm.apiKeyEnv}=… in the project's .env file (keep .env out of version control); [llm] api_key_env names a different variable`,
  });
}

/** The base URL and the setting that chose it, by the precedence of `resolveEndpoint`; `env` is the merged environment. */
export function pickBaseUrl(llm: LlmConfig, env: Readonly<Record<string, string | undefined>>): Pick<Endpoint, "baseUrl" | "baseUrlSource"> {
  if (llm.baseUrl) return { baseUrl: llm.baseUrl, baseUrlSource: "[llm] base_url" };
  if (env.JAUNT_LLM_BASE_URL) return { baseUrl: env.JAUNT_LLM_BASE_URL, baseUrlSource: "JAUNT_LLM_BASE_URL" };
  if (env.OPENAI_BASE_URL) return { baseUrl: env.OPENAI_BASE_URL, baseUrlSource: "OPENAI_BASE_URL" };
  return { baseUrl: DEFAULT_BASE_URL, baseUrlSource: "default" };
}

/**
 * Whether a URL host names this machine as written — `localhost`, an IPv4
 * address in 127.0.0.0/8, or `[::1]` — without resolving it (a name that
 * resolves to 127.0.0.1 today may not tomorrow). `hostname` as WHATWG `URL`
 * gives it (IPv6 in brackets, IPv4 normalized).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether `baseUrl` names this machine (where a refused connection means the server is not running). */
export function isLoopback(baseUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}
