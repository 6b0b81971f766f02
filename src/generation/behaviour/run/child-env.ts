/**
 * The environment for processes that run code a model wrote (candidates,
 * generated tests) — DESIGN §12: without Jaunt's secrets. The API key
 * variable named by `[llm] api_key_env` and every variable the project's
 * `.env` defines are removed (Bun would otherwise load `.env` into the child
 * by itself: `--no-env-file` stops that), along with Jaunt's own settings.
 */
import { readProjectEnv } from "../../llm/env-file.ts";

/** Variables never handed to model-written code, whatever `.env` says. */
const ALWAYS_STRIPPED = ["OPENAI_API_KEY", "JAUNT_LLM_BASE_URL", "OPENAI_BASE_URL", "JAUNT_OVERLAY"];

/** `env` without the API key variable, the `.env` keys of `root` and Jaunt's own variables; `extra` added after. */
export function childEnv(
  root: string,
  apiKeyEnv: string,
  env: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const stripped = new Set([apiKeyEnv, ...ALWAYS_STRIPPED, ...Object.keys(readProjectEnv(root))]);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || stripped.has(key)) continue;
    out[key] = value;
  }
  return { ...out, ...extra };
}
