/**
 * The environment for code a model wrote (candidates, generated tests) —
 * DESIGN §12: without Jaunt's secrets. Removed: the API key variable named by
 * `[llm] api_key_env`, Jaunt's endpoint variables, and every name defined in
 * the `.env` files Bun loads (`.env`, `.env.<NODE_ENV>`, `.env.local`,
 * `.env.<NODE_ENV>.local`; https://bun.sh/docs/runtime/env) of the project
 * root and of the folder Jaunt started in — Bun put their values into Jaunt's
 * own environment. The `bun test` child also runs with `--no-env-file`, so it
 * loads none of them itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnvFile } from "../../llm/env-file.ts";

/** Variables never handed to model-written code, whatever the `.env` files say. */
const ALWAYS_STRIPPED = ["OPENAI_API_KEY", "JAUNT_LLM_BASE_URL", "OPENAI_BASE_URL", "JAUNT_OVERLAY"];

function dotenvNames(dir: string, nodeEnv: string | undefined): string[] {
  const mode = nodeEnv || "development";
  return [".env", `.env.${mode}`, ".env.local", `.env.${mode}.local`].flatMap((name) => {
    try {
      return Object.keys(parseEnvFile(readFileSync(path.join(dir, name), "utf8")));
    } catch {
      return [];
    }
  });
}

/** `env` without the API key variable, the `.env` files' names and Jaunt's own variables; `extra` added after. */
export function childEnv(
  root: string,
  apiKeyEnv: string,
  env: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const folders = [...new Set([root, process.cwd()])];
  const stripped = new Set([apiKeyEnv, ...ALWAYS_STRIPPED, ...folders.flatMap((dir) => dotenvNames(dir, env.NODE_ENV))]);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || stripped.has(key)) continue;
    out[key] = value;
  }
  return { ...out, ...extra };
}
