/**
 * The environment generated tests run in: the user's, without Jaunt's
 * secrets (DESIGN §12). Bun loads `.env` files into a test run by itself, and
 * the API key often lives there, so the run gets `--no-env-file` and the
 * files bun would load — `.env`, `.env.test` (bun test sets NODE_ENV=test),
 * `.env.local`, in rising precedence, under the process environment — read
 * here with the secret variables left out.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { LlmConfig } from "../../config/types.ts";
import { parseEnvFile } from "../../generation/llm/env-file.ts";

const ENV_FILES = [".env", ".env.test", ".env.local"];

/** Variables never handed to generated code: the configured key variable and the default one. */
export function secretNames(llm: Pick<LlmConfig, "apiKeyEnv">): ReadonlySet<string> {
  return new Set([llm.apiKeyEnv, "OPENAI_API_KEY"]);
}

/** Arguments for `bun test` that stop it loading `.env` files itself. */
export const NO_ENV_FILE_ARGS: readonly string[] = ["--no-env-file"];

/** The environment for a `bun test` run of generated tests in `root`. */
export function testEnv(root: string, llm: Pick<LlmConfig, "apiKeyEnv">, processEnv: Readonly<Record<string, string | undefined>> = process.env): Record<string, string | undefined> {
  const fromFiles: Record<string, string> = {};
  for (const name of ENV_FILES) {
    try {
      Object.assign(fromFiles, parseEnvFile(readFileSync(path.join(root, name), "utf8")));
    } catch {
      // absent: nothing to load
    }
  }
  const env: Record<string, string | undefined> = { ...fromFiles, ...processEnv };
  for (const name of secretNames(llm)) delete env[name];
  return env;
}
