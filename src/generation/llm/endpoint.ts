/** Where requests go and with which key (never logged). */
import { JauntConfigError } from "@jaunt/runtime";
import type { LlmConfig } from "../../config/types.ts";

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

export interface Endpoint {
  readonly baseUrl: string;
  /** Which setting chose the base URL, for error messages. */
  readonly baseUrlSource: "[llm] base_url" | "JAUNT_LLM_BASE_URL" | "OPENAI_BASE_URL" | "default";
  readonly apiKey: string;
}

/**
 * Base URL precedence: `[llm] base_url` (the project's explicit choice) >
 * `JAUNT_LLM_BASE_URL` > `OPENAI_BASE_URL` > OpenAI. The key comes from the
 * variable named by `api_key_env` (process env, then the project's `.env`);
 * loopback servers (Ollama, LM Studio, vLLM on localhost) need no key.
 * @throws {JauntConfigError} `config.missing_api_key` naming the variable.
 */
export function resolveEndpoint(llm: LlmConfig, env: Readonly<Record<string, string | undefined>>): Endpoint {
  const pick = (): Pick<Endpoint, "baseUrl" | "baseUrlSource"> => {
    if (llm.baseUrl) return { baseUrl: llm.baseUrl, baseUrlSource: "[llm] base_url" };
    if (env.JAUNT_LLM_BASE_URL) return { baseUrl: env.JAUNT_LLM_BASE_URL, baseUrlSource: "JAUNT_LLM_BASE_URL" };
    if (env.OPENAI_BASE_URL) return { baseUrl: env.OPENAI_BASE_URL, baseUrlSource: "OPENAI_BASE_URL" };
    return { baseUrl: DEFAULT_BASE_URL, baseUrlSource: "default" };
  };
  const { baseUrl, baseUrlSource } = pick();
  const key = env[llm.apiKeyEnv]?.trim();
  if (key) return { baseUrl, baseUrlSource, apiKey: key };
  if (isLoopback(baseUrl)) return { baseUrl, baseUrlSource, apiKey: "jaunt-no-key" };
  throw new JauntConfigError(`no API key: environment variable ${llm.apiKeyEnv} is not set (needed for ${baseUrl})`, "config.missing_api_key", {
    hint: `export ${llm.apiKeyEnv}=… or put ${llm.apiKeyEnv}=… in the project's .env file (keep .env out of version control); [llm] api_key_env names a different variable`,
  });
}

function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}
