/** Token accounting and cost estimates (USD) for `[build] max_cost`. */
import type { TokenPrice } from "../config/types.ts";
import type { TokenUsage } from "./types.ts";

/**
 * USD per million tokens, from OpenAI's public price list (standard tier, late 2025);
 * a snapshot — override or extend with `[llm.prices]` in jaunt.toml.
 */
export const BUILTIN_PRICES: Readonly<Record<string, TokenPrice>> = {
  "gpt-5.2": { input: 1.75, output: 14 },
  "gpt-5.1": { input: 1.25, output: 10 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "o4-mini": { input: 1.1, output: 4.4 },
};

/**
 * The price of `model`: overrides first, then the built-in table; tries the name
 * as given, without a provider prefix (`openai/gpt-4o`), and without a date
 * suffix (`gpt-4o-2024-08-06`). Undefined when unknown.
 */
export function priceOf(model: string, overrides: Readonly<Record<string, TokenPrice>> = {}): TokenPrice | undefined {
  const table = { ...BUILTIN_PRICES, ...overrides };
  const bare = model.includes("/") ? model.slice(model.lastIndexOf("/") + 1) : model;
  const undated = bare.replace(/-\d{4}-\d{2}-\d{2}$/, "");
  return table[model] ?? table[bare] ?? table[undated];
}

/** Estimated cost in USD, or undefined when the model's price is unknown. */
export function estimateCost(model: string, usage: TokenUsage, overrides: Readonly<Record<string, TokenPrice>> = {}): number | undefined {
  const price = priceOf(model, overrides);
  if (!price) return undefined;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens };
}

export const NO_USAGE: TokenUsage = { promptTokens: 0, completionTokens: 0 };
