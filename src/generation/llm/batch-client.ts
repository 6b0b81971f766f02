/**
 * The OpenAI Batch API through the `openai` SDK, at the same endpoint and with
 * the same key as chat requests: upload a JSONL file (`POST /files`, purpose
 * "batch"), create a batch over it (`POST /batches`), poll it
 * (`GET /batches/{id}`) and download its output and error files
 * (`GET /files/{id}/content`). Failures are `ProviderError`s in the
 * provider's words; a server without these routes gets
 * `generation.batch_unsupported`, quoting its answer. These few calls use
 * the SDK's own retries (429/5xx with the server's Retry-After, up to
 * `[llm] max_retries`): none of them costs tokens.
 * Reference: https://platform.openai.com/docs/guides/batch
 */
import type { ClientOptions } from "openai";
import type { LlmConfig } from "../../config/types.ts";
import { NO_USAGE } from "../cost.ts";
import type { Endpoint } from "./endpoint.ts";
import { errorOfBody } from "./error-words.ts";
import { ProviderError } from "./failure.ts";
import { classifyHttp, whereOf, type FailureContext, type OpenAIModule } from "./provider-errors.ts";
import { classifyThrown } from "./transport-errors.ts";
import { serverWait } from "./wait-time.ts";
import { redactText } from "./redact.ts";

/** What Jaunt reads of a batch object. */
export interface BatchState {
  readonly id: string;
  /** validating · in_progress · finalizing · completed · failed · expired · cancelling · cancelled */
  readonly status: string;
  readonly outputFileId: string | undefined;
  readonly errorFileId: string | undefined;
  readonly total: number;
  readonly completed: number;
  readonly failed: number;
  /** The provider's words when the batch as a whole failed (`errors.data[].message`). */
  readonly errors: readonly string[];
}

/** States after which a batch changes no more. */
export const FINAL_BATCH_STATES: ReadonlySet<string> = new Set(["completed", "failed", "expired", "cancelled"]);

export interface BatchClient {
  /** Upload `jsonl` and start a batch of chat completions over it, with a 24 h completion window. */
  submit(jsonl: string, signal?: AbortSignal): Promise<BatchState>;
  retrieve(id: string, signal?: AbortSignal): Promise<BatchState>;
  /** The text of a file (a batch's output or error file). */
  download(fileId: string, signal?: AbortSignal): Promise<string>;
  /** Ask the provider to stop a batch (`POST /batches/{id}/cancel`); its state after the request ("cancelling" at first). */
  cancel(id: string, signal?: AbortSignal): Promise<BatchState>;
}

type Fetch = NonNullable<ClientOptions["fetch"]>;

/** Status codes with which a server says it has no such route (or method). */
const NO_ROUTE = new Set([404, 405, 501]);

function toState(value: {
  id: string;
  status: string;
  output_file_id?: string | null;
  error_file_id?: string | null;
  request_counts?: { total: number; completed: number; failed: number } | null;
  errors?: { data?: Array<{ message?: string | null; code?: string | null }> | null } | null;
}): BatchState {
  const counts = value.request_counts;
  return {
    id: value.id,
    status: value.status,
    outputFileId: value.output_file_id ?? undefined,
    errorFileId: value.error_file_id ?? undefined,
    total: counts?.total ?? 0,
    completed: counts?.completed ?? 0,
    failed: counts?.failed ?? 0,
    errors: (value.errors?.data ?? []).map((e) => [e.code, e.message].filter(Boolean).join(": ")),
  };
}

/** A Batch API client for `llm` at `endpoint`. */
export function createBatchClient(llm: LlmConfig, endpoint: Endpoint): BatchClient {
  const ctx: FailureContext = { endpoint, model: llm.model, apiKeyEnv: llm.apiKeyEnv, timeoutSeconds: llm.timeoutSeconds };
  let errorBody: { readonly text: string; readonly contentType: string | null } | undefined;
  const keepErrorBody: Fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.ok) return response;
    const text = await response.text();
    errorBody = { text, contentType: response.headers.get("content-type") };
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  let client: Promise<{ sdk: OpenAIModule; openai: InstanceType<OpenAIModule["OpenAI"]> }> | undefined;
  const connect = () => {
    client ??= import("openai").then((sdk) => ({
      sdk,
      openai: new sdk.OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseUrl, timeout: llm.timeoutSeconds * 1000, maxRetries: llm.maxRetries, fetch: keepErrorBody }),
    }));
    return client;
  };

  /** Run one request; turn its failure into a ProviderError naming `route`. */
  const call = async <T>(route: string, request: (openai: InstanceType<OpenAIModule["OpenAI"]>) => Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
    const { sdk, openai } = await connect();
    errorBody = undefined;
    try {
      return await request(openai);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!(error instanceof sdk.APIError) || typeof error.status !== "number") {
        const failure = classifyThrown(sdk, error, ctx);
        throw new ProviderError(failure, NO_USAGE, 1);
      }
      const body = errorBody ?? { text: "", contentType: null };
      const parsed = errorOfBody(body.text, body.contentType);
      const words = redactText(parsed.words || error.message, endpoint.apiKey);
      if (NO_ROUTE.has(error.status)) {
        throw new ProviderError(
          {
            code: "generation.batch_unsupported",
            message: `${whereOf(ctx)} does not offer the Batch API: ${route} answered HTTP ${error.status}${words ? `: ${words}` : ""}`,
            hint: "run `jaunt build` without --batch (OpenAI and some gateways offer batches; most local servers do not)",
          },
          NO_USAGE,
          1,
        );
      }
      const wait = serverWait(error.headers ?? undefined, parsed.error ?? error.error, words);
      const failure = classifyHttp({ status: error.status, error: parsed.error ?? error.error, words, wait, sent: [], label: `HTTP ${error.status} to ${route}` }, ctx);
      throw new ProviderError(failure, NO_USAGE, 1);
    }
  };

  return {
    async submit(jsonl, signal) {
      const { sdk } = await connect();
      const file = await call("POST /files", async (openai) => openai.files.create({ file: await sdk.toFile(new Blob([jsonl]), "jaunt-batch.jsonl"), purpose: "batch" }, { signal }), signal);
      const batch = await call(
        "POST /batches",
        (openai) => openai.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h", metadata: { tool: "jaunt" } }, { signal }),
        signal,
      );
      return toState(batch);
    },
    async retrieve(id, signal) {
      return toState(await call(`GET /batches/${id}`, (openai) => openai.batches.retrieve(id, { signal }), signal));
    },
    async cancel(id, signal) {
      return toState(await call(`POST /batches/${id}/cancel`, (openai) => openai.batches.cancel(id, { signal }), signal));
    },
    async download(fileId, signal) {
      const response = await call(`GET /files/${fileId}/content`, (openai) => openai.files.content(fileId, { signal }), signal);
      return response.text();
    },
  };
}
