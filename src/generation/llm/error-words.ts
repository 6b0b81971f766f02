/**
 * What a server said in an error body, whatever its shape: OpenAI's
 * `{"error": {"message"}}`, a bare `{"error": "…"}`, vLLM's
 * `{"object": "error", "message"}`, FastAPI's `detail`, OpenRouter's
 * `metadata.raw`, Gemini's array-wrapped errors, or a non-JSON page — and
 * which request parameter a 400 names as unsupported.
 */
import { isRecord } from "../../support/is-record.ts";
import { describeBody } from "./wire-body.ts";

/** The message a server put in an error value: `error.message`, a bare string, FastAPI's `detail`, OpenRouter's `metadata.raw`. */
export function errorText(error: unknown): string {
  if (typeof error === "string") return error;
  if (!isRecord(error)) return error === undefined || error === null ? "" : String(error);
  const parts: string[] = [];
  if (typeof error.message === "string") parts.push(error.message);
  else if (isRecord(error.error) || typeof error.error === "string") parts.push(errorText(error.error));
  if (typeof error.detail === "string") parts.push(error.detail);
  else if (Array.isArray(error.detail)) {
    parts.push(error.detail.map((d) => (isRecord(d) && typeof d.msg === "string" ? `${Array.isArray(d.loc) ? `${d.loc.join(".")}: ` : ""}${d.msg}` : JSON.stringify(d))).join("; "));
  }
  const metadata = isRecord(error.metadata) ? error.metadata : undefined;
  if (metadata && typeof metadata.raw === "string") parts.push(`${typeof metadata.provider_name === "string" ? `${metadata.provider_name}: ` : ""}${metadata.raw}`);
  return parts.length > 0 ? parts.join(": ") : JSON.stringify(error);
}

/** The error value of a non-2xx body: the parsed `error` field or object (also inside an array), else the body described. */
export function errorOfBody(text: string, contentType: string | null): { readonly error: unknown; readonly words: string } {
  try {
    const body: unknown = JSON.parse(text);
    // Gemini's compatibility endpoint wraps its error in an array: [{"error": {…}}]
    const parsed: unknown = Array.isArray(body) && body.length > 0 ? body[0] : body;
    const error = isRecord(parsed) && parsed.error !== undefined && parsed.error !== null ? parsed.error : parsed;
    return { error, words: errorText(error) };
  } catch {
    return { error: undefined, words: text.trim() === "" ? "" : describeBody(text, contentType) };
  }
}


const PARAM_UNSUPPORTED = /unsupported|not supported|unknown|unrecogni[sz]ed|extra (inputs|fields)|not permitted|not allowed|unexpected|does not support|invalid (field|parameter|argument)|use '?max_/i;

/** The request parameter a 400/422 names as unsupported, among `sent`. */
export function rejectedParameter(error: unknown, words: string, sent: readonly string[]): string | undefined {
  if (isRecord(error) && typeof error.param === "string" && sent.includes(error.param)) return error.param;
  if (!PARAM_UNSUPPORTED.test(words)) return undefined;
  const mentioned = sent
    .map((name) => ({ name, at: words.search(new RegExp(`(?<![A-Za-z_])${name}(?![A-Za-z_])`)) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at);
  return mentioned[0]?.name;
}
