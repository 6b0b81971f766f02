/**
 * Turn the bytes of a successful (2xx) chat-completions response into one of
 * four shapes, whatever the server sent: a completion (plain JSON, JSON
 * followed by a `data: [DONE]` trailer, or a server-sent event stream sent
 * although nobody asked for one, assembled), an error object inside the 200,
 * JSON that broke off, or something that is not a chat completion at all.
 */
import { isRecord } from "../../support/is-record.ts";
import type { TokenUsage } from "../types.ts";
import { pageSummary } from "./html-page.ts";

export type WireBody =
  | { readonly kind: "completion"; readonly completion: Readonly<Record<string, unknown>> }
  /** `{"error": …}` (an object or a bare string) in a 2xx body or stream event. */
  | { readonly kind: "error"; readonly error: unknown; readonly usage?: TokenUsage }
  /** JSON that does not parse (cut off in transit). */
  | { readonly kind: "malformed"; readonly detail: string }
  /** Anything else: HTML, plain text, JSON that is neither a completion nor an error. */
  | { readonly kind: "other"; readonly detail: string };

const FIRST_BYTES = 120;

/**
 * How an unexpected body is described: `content-type text/plain, 12 bytes: Bad Gateway`,
 * or for a web page what it says, `an HTML page "Just a moment..." (content-type text/html, 5120 bytes)`.
 */
export function describeBody(text: string, contentType: string | null): string {
  const page = pageSummary(text, contentType);
  if (page !== undefined) return `an HTML page${page ? ` "${page}"` : ""} (content-type ${contentType ?? "(none)"}, ${new TextEncoder().encode(text).length} bytes)`;
  const flat = text.replace(/\s+/g, " ").trim();
  const head = flat.length > FIRST_BYTES ? `${flat.slice(0, FIRST_BYTES)}…` : flat;
  return `content-type ${contentType ?? "(none)"}, ${new TextEncoder().encode(text).length} bytes${head ? `: ${head}` : ""}`;
}

/** Tokens a body reports (`prompt_tokens`/`completion_tokens`, or `input_tokens`/`output_tokens`). */
export function usageOf(body: unknown): TokenUsage | undefined {
  if (!isRecord(body) || !isRecord(body.usage)) return undefined;
  const count = (...names: string[]): number => {
    for (const name of names) {
      const value = isRecord(body.usage) ? body.usage[name] : undefined;
      if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
    }
    return 0;
  };
  return { promptTokens: count("prompt_tokens", "input_tokens"), completionTokens: count("completion_tokens", "output_tokens") };
}

function classifyJson(value: unknown, text: string, contentType: string | null): WireBody {
  const usage = usageOf(value);
  const withUsage = usage ? { usage } : {};
  const firstChoice = isRecord(value) && Array.isArray(value.choices) ? value.choices[0] : undefined;
  if (isRecord(value) && value.error !== null && value.error !== undefined && !isRecord(firstChoice)) return { kind: "error", error: value.error, ...withUsage };
  // OpenRouter: an upstream failure mid-answer is a choice with finish_reason "error" and an error object.
  if (isRecord(firstChoice) && firstChoice.finish_reason === "error" && isRecord(firstChoice.error)) return { kind: "error", error: firstChoice.error, ...withUsage };
  if (isRecord(value) && "choices" in value) return { kind: "completion", completion: value };
  // vLLM and other FastAPI servers: {"object": "error", "message": …}
  if (isRecord(value) && value.object === "error" && typeof value.message === "string") return { kind: "error", error: value };
  return { kind: "other", detail: describeBody(text, contentType) };
}

/** Lines `data: …` of an event stream, without the `[DONE]` sentinel. */
function dataLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trim())
    .filter((data) => data !== "" && data !== "[DONE]");
}

/** Join streamed chunks into one completion; an `error` event wins. */
function assembleStream(text: string, contentType: string | null): WireBody {
  let content = "";
  let reasoning = "";
  let refusal = "";
  let finishReason: unknown = null;
  let usage: unknown;
  let chunks = 0;
  for (const data of dataLines(text)) {
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      return { kind: "malformed", detail: `a stream event is not JSON: ${data.slice(0, FIRST_BYTES)}` };
    }
    if (!isRecord(event)) continue;
    if (event.error !== undefined && event.error !== null) return { kind: "error", error: event.error };
    if (event.usage !== undefined && event.usage !== null) usage = event.usage;
    const choice = Array.isArray(event.choices) ? event.choices[0] : undefined;
    if (!isRecord(choice)) continue;
    chunks += 1;
    const delta = isRecord(choice.delta) ? choice.delta : isRecord(choice.message) ? choice.message : {};
    if (typeof delta.content === "string") content += delta.content;
    else if (Array.isArray(delta.content)) content += textOfParts(delta.content);
    for (const key of ["reasoning_content", "reasoning"]) if (typeof delta[key] === "string") reasoning += delta[key];
    if (typeof delta.refusal === "string") refusal += delta.refusal;
    if (choice.finish_reason !== null && choice.finish_reason !== undefined) finishReason = choice.finish_reason;
  }
  if (chunks === 0) return { kind: "other", detail: describeBody(text, contentType) };
  const message: Record<string, unknown> = { role: "assistant", content };
  if (reasoning) message.reasoning_content = reasoning;
  if (refusal) message.refusal = refusal;
  return { kind: "completion", completion: { choices: [{ index: 0, message, finish_reason: finishReason }], ...(usage === undefined ? {} : { usage }) } };
}

/** The text parts of an array-of-parts content, joined (thinking/reasoning parts are not the answer). */
export function textOfParts(parts: readonly unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if (!isRecord(part) || typeof part.text !== "string") return "";
      return part.type === undefined || part.type === "text" || part.type === "output_text" ? part.text : "";
    })
    .join("");
}

/** The JSON before the `data: …` lines some servers append to a JSON answer (`data: [DONE]`), parsed; undefined if none parses. */
function parseBeforeTrailer(text: string): { readonly value: unknown } | undefined {
  let body = text;
  for (let lines = 0; lines < 8; lines++) {
    const at = body.lastIndexOf("data:");
    if (at <= 0 || body.includes("\n", at)) return undefined;
    body = body.slice(0, at).trimEnd();
    try {
      return { value: JSON.parse(body) };
    } catch {
      // another trailing line, or not JSON at all
    }
  }
  return undefined;
}

/** Read a 2xx response body. */
export function readWireBody(text: string, contentType: string | null): WireBody {
  const trimmed = text.trim();
  const isStream = (contentType ?? "").toLowerCase().includes("text/event-stream") || trimmed.startsWith("data:");
  if (isStream) return assembleStream(text, contentType);
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return { kind: "other", detail: describeBody(text, contentType) };
  try {
    return classifyJson(JSON.parse(trimmed), text, contentType);
  } catch {
    // JSON followed by an event-stream trailer (`data: [DONE]`): parse what comes before it.
    const before = parseBeforeTrailer(trimmed);
    if (before) return classifyJson(before.value, text, contentType);
    return { kind: "malformed", detail: describeBody(text, contentType) };
  }
}
