/**
 * The environment for code a model wrote (candidates, generated tests) —
 * DESIGN §12: without Jaunt's secrets. Removed: the variables named by
 * `[llm] api_key_env` and `[cache] remote_token_env`, the remote cache's
 * signing key, Jaunt's endpoint variables, and every name defined in the
 * `.env` files Bun loads (`bunDotenvFiles`) of the project root and of the
 * folder Jaunt started in — Bun put their values into Jaunt's own
 * environment. The `bun test` child also runs with `--no-env-file`, so it
 * loads none of them itself.
 */
import type { JauntConfig } from "../../../config/types.ts";
import { bunDotenvFiles, dotenvNamesIn } from "../../../trust/env-origins.ts";
import { SIGNATURE_KEY_ENV } from "../../cache/remote-cache.ts";

/**
 * Variables never handed to model-written code, whatever the config and the `.env` files say:
 * the default key and token names (a project may name others), the signing key (a child holding
 * it could sign entries of its own for the team's cache), the endpoint variables and the overlay.
 */
const ALWAYS_STRIPPED = ["OPENAI_API_KEY", "JAUNT_REMOTE_CACHE_TOKEN", SIGNATURE_KEY_ENV, "JAUNT_LLM_BASE_URL", "OPENAI_BASE_URL", "JAUNT_OVERLAY"];

/** The config's secret variable names: `[llm] api_key_env` and `[cache] remote_token_env`. */
export function secretEnvNames(config: Pick<JauntConfig, "llm" | "cache">): string[] {
  return [config.llm.apiKeyEnv, config.cache.remoteTokenEnv];
}

/** Every name Bun could load from the folder's `.env` files (read leniently: `KEY: value` counts too). */
function dotenvNames(dir: string, nodeEnv: string | undefined): string[] {
  return bunDotenvFiles(dir, nodeEnv).flatMap((file) => [...dotenvNamesIn(file).keys()]);
}

/**
 * `env` without `secretNames` (see `secretEnvNames`), the `.env` files' names and Jaunt's own
 * variables; `extra` added after.
 */
export function childEnv(
  root: string,
  secretNames: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const folders = [...new Set([root, process.cwd()])];
  const stripped = new Set([...secretNames, ...ALWAYS_STRIPPED, ...folders.flatMap((dir) => dotenvNames(dir, env.NODE_ENV))]);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || stripped.has(key)) continue;
    out[key] = value;
  }
  return { ...out, ...extra };
}
