/**
 * The environment generated tests run in: Jaunt's own, minus Jaunt's secrets
 * (DESIGN §12) — the API key variable `[llm] api_key_env` names, and every
 * variable a project `.env` file put there (Bun loads the working folder's
 * `.env` files into a Jaunt run from source or npm). Like the trust check
 * (trust/env-origins.ts), a name such a file sets counts as the file's
 * whatever its value: Bun's parser expands `$VAR`, so values cannot be
 * compared. `bun test` is also told not to load `.env` files itself
 * (`--no-env-file`).
 */
import { envOrigins, isCompiledExecutable } from "../trust/env-origins.ts";

export type Environment = Readonly<Record<string, string | undefined>>;

/** `env` without the API key variable and without what the project's `.env` files set. */
export function testEnvironment(root: string, apiKeyEnv: string, env: Environment = process.env): Record<string, string> {
  const { user } = envOrigins(root, env, { cwd: process.cwd(), bunAutoload: !isCompiledExecutable() });
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(user)) if (value !== undefined && key !== apiKeyEnv) out[key] = value;
  return out;
}
