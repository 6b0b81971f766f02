/**
 * The environment generated tests run in: Jaunt's own, minus Jaunt's secrets
 * (DESIGN §12) — the API key variable `[llm] api_key_env` names, and every
 * value that came from the project's `.env` files (Jaunt reads `.env` for the
 * key; Bun loads `.env`, `.env.local` and `.env.<NODE_ENV>[.local]` into a
 * Jaunt run from source). A variable the user exported with a different value
 * than the file's stays: that is the user's own environment. `bun test` is
 * also told not to load `.env` files itself (`--no-env-file`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnvFile } from "../generation/llm/env-file.ts";

export type Environment = Readonly<Record<string, string | undefined>>;

/** The `.env` files Bun loads from a folder, for `NODE_ENV` (every mode's: Jaunt's may differ from the tests'). */
const ENV_FILES = [".env", ".env.local", ".env.development", ".env.development.local", ".env.production", ".env.production.local", ".env.test", ".env.test.local"];

/** `env` without the API key variable and without the values the project's `.env` files hold. */
export function testEnvironment(root: string, apiKeyEnv: string, env: Environment = process.env): Record<string, string> {
  const fromFiles = new Map<string, Set<string>>();
  for (const name of ENV_FILES) {
    let text: string;
    try {
      text = readFileSync(path.join(root, name), "utf8");
    } catch {
      continue;
    }
    for (const [key, value] of Object.entries(parseEnvFile(text))) fromFiles.set(key, (fromFiles.get(key) ?? new Set()).add(value));
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key === apiKeyEnv || fromFiles.get(key)?.has(value)) continue;
    out[key] = value;
  }
  return out;
}
