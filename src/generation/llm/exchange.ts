/**
 * The HTTP exchange under the SDK, recorded whole: status, headers and the
 * body as text, read and decoded by us. Bun decodes `content-encoding`
 * itself when asked to, but a body that is not what its header says then
 * fails as a connection error that hides the status (and Bun prints
 * "Decompression error" on stderr); a reset in the middle of the body
 * fails the same way. Here the body is fetched undecoded (Bun's documented
 * `decompress: false`), decoded with node:zlib / Bun.zstd, and a body that
 * cannot be read or decoded is recorded with the status and headers that
 * came before it, so the failure can be named in the server's terms.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import { isRecord } from "../../support/is-record.ts";

export interface Exchange {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string | null;
  /** The decoded body ("" when it could not be read). */
  readonly text: string;
  /** The body stopped arriving after the headers (reset, closed): the transport error's code and words. */
  readonly bodyFailure?: { readonly code: string | undefined; readonly detail: string };
  /** `content-encoding` named an encoding the body is not in; `text` is then the raw bytes, when they are text. */
  readonly undecodable?: string;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ExchangeRecorder {
  /** A `fetch` for the SDK: it records every exchange and hands the SDK a decoded response. */
  readonly fetch: Fetch;
  /** The exchange of the last request, once its headers arrived. */
  last(): Exchange | undefined;
  /** Forget the last exchange (before a new request). */
  clear(): void;
}

function errorCode(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  if (typeof error.code === "string") return error.code;
  return isRecord(error.cause) && typeof error.cause.code === "string" ? error.cause.code : undefined;
}

/** Bytes as text when they are text (UTF-8, no control characters but whitespace); undefined for binary. */
function asText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text;
}

/** Decode `bytes` per `content-encoding` (a list, applied in order); undefined when they are not in that encoding. */
export function decodeBody(bytes: Uint8Array, contentEncoding: string | null): Uint8Array | undefined {
  const codings = (contentEncoding ?? "").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "" && c !== "identity");
  let out = bytes;
  try {
    for (const coding of codings.reverse()) {
      if (coding === "gzip" || coding === "x-gzip") out = gunzipSync(out);
      else if (coding === "deflate") out = inflateDeflate(out);
      else if (coding === "br") out = brotliDecompressSync(out);
      else if (coding === "zstd") out = Bun.zstdDecompressSync(out);
      else return undefined;
    }
  } catch {
    return undefined;
  }
  return out;
}

/** `deflate` is zlib-wrapped per RFC 9110; some servers send raw deflate. */
function inflateDeflate(bytes: Uint8Array): Uint8Array {
  try {
    return inflateSync(bytes);
  } catch {
    return inflateRawSync(bytes);
  }
}

export function createExchangeRecorder(): ExchangeRecorder {
  let last: Exchange | undefined;
  const recordingFetch: Fetch = async (input, init) => {
    last = undefined;
    // `decompress` is Bun's own fetch option (not in RequestInit's type): the body is decoded below.
    const undecoded: RequestInit & { readonly decompress: boolean } = { ...init, decompress: false };
    const response = await fetch(input, undecoded);
    const base = { status: response.status, headers: response.headers, contentType: response.headers.get("content-type") };
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (!init?.signal?.aborted) last = { ...base, text: "", bodyFailure: { code: errorCode(error), detail: error instanceof Error ? error.message : String(error) } };
      throw error;
    }
    const encoding = response.headers.get("content-encoding");
    const decoded = decodeBody(bytes, encoding);
    const text = decoded ? new TextDecoder().decode(decoded) : (asText(bytes) ?? "");
    last = decoded ? { ...base, text } : { ...base, text, undecodable: encoding ?? "" };
    const headers = new Headers(response.headers);
    headers.delete("content-encoding");
    headers.delete("content-length");
    const nullBody = [101, 204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : text, { status: response.status, statusText: response.statusText, headers });
  };
  return {
    fetch: recordingFetch,
    last: () => last,
    clear() {
      last = undefined;
    },
  };
}
