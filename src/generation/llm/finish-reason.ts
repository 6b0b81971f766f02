/**
 * Whether a finish reason means "cut off at the output token limit", in every
 * dialect servers use: OpenAI's and vLLM's `length`, Gemini's `MAX_TOKENS`,
 * Anthropic's and Bedrock's `max_tokens`, the Responses API's
 * `max_output_tokens`, Mistral's `model_length`, TGI's `max_new_tokens`,
 * Anthropic's `model_context_window_exceeded` (the answer ran into the end
 * of the context window) and their spellings in other cases or with dashes.
 */

const TRUNCATION = new Set(["length", "max_tokens", "max_output_tokens", "max_completion_tokens", "max_new_tokens", "model_length", "max_length", "token_limit", "tokens_limit", "model_context_window_exceeded", "context_window_exceeded"]);

/** True when `finishReason` says the answer was cut off by a token limit. */
export function isTruncation(finishReason: string | null | undefined): boolean {
  if (!finishReason) return false;
  const normalized = finishReason.trim().toLowerCase().replace(/[-\s]+/g, "_");
  return TRUNCATION.has(normalized) || TRUNCATION.has(normalized.replace(/^finish_reason_/, ""));
}

/** The finish reason of a choice, wherever the server put it: `finish_reason`, `stop_reason`, `done_reason` (Ollama), `finishReason` (Gemini). */
export function finishReasonOf(choice: Readonly<Record<string, unknown>>): string | null {
  for (const key of ["finish_reason", "stop_reason", "done_reason", "finishReason"]) {
    const value = choice[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}
