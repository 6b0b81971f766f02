/**
 * The request parameters Jaunt sends besides model and messages, and how they
 * change when a server names one as unsupported. Jaunt may rename its own
 * choices (`max_tokens` ↔ `max_completion_tokens`) or drop what it added on
 * its own (`stream: false`); a value the user set explicitly is never changed.
 */
import type { LlmConfig } from "../../config/types.ts";

export interface RequestShape {
  /** Which name carries `[llm] max_tokens`. */
  readonly tokensField: "max_tokens" | "max_completion_tokens";
  /** Send `stream: false` (servers that stream when `stream` is absent need it). */
  readonly streamFalse: boolean;
}

/** api.openai.com wants max_completion_tokens (reasoning models reject max_tokens); most other servers know max_tokens. */
export function initialShape(baseUrl: string, remembered?: RequestShape): RequestShape {
  if (remembered) return remembered;
  let host = "";
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    // an unparsable URL fails at request time with the SDK's words
  }
  return { tokensField: host === "api.openai.com" ? "max_completion_tokens" : "max_tokens", streamFalse: true };
}

/** The body fields besides `model` and `messages`. */
export function requestParams(llm: Pick<LlmConfig, "temperature" | "maxTokens">, shape: RequestShape): Record<string, number | boolean> {
  return {
    ...(shape.streamFalse ? { stream: false } : {}),
    ...(llm.temperature === undefined ? {} : { temperature: llm.temperature }),
    ...(llm.maxTokens === undefined ? {} : { [shape.tokensField]: llm.maxTokens }),
  };
}

/** The jaunt.toml key behind a request parameter the user controls. */
export function settingOf(param: string): string | undefined {
  if (param === "temperature") return "[llm] temperature";
  if (param === "max_tokens" || param === "max_completion_tokens") return "[llm] max_tokens";
  return undefined;
}

/**
 * The shape to try after the server rejected `param`, with a note for
 * `--verbose`; undefined when Jaunt cannot express the request another way.
 */
export function reshape(shape: RequestShape, param: string, model: string): { readonly shape: RequestShape; readonly note: string } | undefined {
  if (param === shape.tokensField) {
    const other = shape.tokensField === "max_tokens" ? "max_completion_tokens" : "max_tokens";
    return { shape: { ...shape, tokensField: other }, note: `the server rejected ${param} for model "${model}"; sending [llm] max_tokens as ${other} for the rest of the run` };
  }
  if (param === "stream" && shape.streamFalse) {
    return { shape: { ...shape, streamFalse: false }, note: `the server rejected "stream": false for model "${model}"; leaving stream out for the rest of the run` };
  }
  return undefined;
}
