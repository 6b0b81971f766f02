/**
 * A fake OpenAI-compatible server for tests (DESIGN §10): real HTTP on
 * 127.0.0.1 (port 0), `POST /v1/chat/completions` and `GET /v1/models` (or
 * under another `basePath`), used through the real `openai` client via
 * base_url, and the Batch API (`/files`, `/batches`: fake-batch-api.ts). Answers are scripted per module (routed by "module `src/slug`" in
 * the user message) or come from a responder; faults are scripted the same
 * way, including what real servers send besides plain HTTP errors (see
 * FakeReply and FakeLlmOptions). Every request is recorded.
 */
import { isRecord } from "../../src/support/is-record.ts";
import { fakeBatchApi, type FakeBatch, type FakeBatchMode } from "./fake-batch-api.ts";

export type { FakeBatch, FakeBatchMode } from "./fake-batch-api.ts";

/** Token counts a reply reports; `null` leaves `usage` out of the body. */
export interface FakeUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

/**
 * One scripted reply. A plain string is an answer with finish_reason "stop".
 * Besides answers and plain faults, replies reproduce what real servers send:
 * an error object inside a 200 (`json`), any bytes with any content type (`raw`),
 * a completion whose message has other fields (`message`: refusal,
 * reasoning_content, content as an array of parts), a completion followed by a
 * `data: [DONE]` trailer (`trailer`), and a server-sent event stream (`sse`).
 */
export type FakeReply =
  | string
  | { readonly content: string; readonly finishReason?: string; readonly delayMs?: number; readonly usage?: FakeUsage | null; readonly trailer?: boolean }
  | {
      readonly status: number;
      readonly retryAfter?: string;
      readonly message?: string;
      /** The error object's `code` and `param` (OpenAI: "insufficient_quota", "unsupported_parameter"). */
      readonly code?: string | number | null;
      readonly param?: string;
      readonly usage?: FakeUsage;
      /** More response headers (`retry-after-ms`, `x-ratelimit-reset-tokens` …). */
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly hang: true }
  | { readonly malformed: true }
  | { readonly emptyChoices: true }
  /** Any JSON body (default status 200), with any extra headers. */
  | { readonly json: unknown; readonly status?: number; readonly headers?: Readonly<Record<string, string>> }
  /**
   * Any body text with any content type (default status 200, `text/plain`) and headers;
   * `gzip: true` compresses it and says so. A `content-encoding` header without `gzip`
   * reproduces a proxy that labels a plain body as compressed.
   */
  | { readonly raw: string; readonly status?: number; readonly contentType?: string; readonly headers?: Readonly<Record<string, string>>; readonly gzip?: boolean }
  /** The status line, headers and the start of the body, then the connection is reset (a server or proxy dropping mid-answer). */
  | { readonly resetAfter: string; readonly status?: number; readonly contentType?: string }
  /** A completion whose `message` is exactly this object (content may be null or an array of parts). */
  | { readonly message: Readonly<Record<string, unknown>>; readonly finishReason?: string; readonly usage?: FakeUsage | null }
  /** The answer as a `text/event-stream` of chat.completion.chunk events ending in `data: [DONE]`. */
  | { readonly sse: string; readonly finishReason?: string; readonly usage?: FakeUsage | null };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** When it arrived (`performance.now()`, ms): spacing between requests shows the waits honoured. */
  readonly at: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body text, exactly as received. */
  readonly rawBody: string;
  /** Routed module, when one was found in the prompt. */
  readonly module: string | undefined;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly model: string | undefined;
}

export type Responder = (request: RecordedRequest) => FakeReply | undefined;

export interface FakeLlmOptions {
  /** Delay every reply by this many ms (scheduling benchmarks). */
  readonly delayMs?: number;
  /** Answer 401 unless the bearer token equals this. */
  readonly requireKey?: string;
  /** Fallback answers: module → correct code (wrapped in a ```ts fence automatically). */
  readonly defaults?: Readonly<Record<string, string>>;
  /**
   * Answer HTTP 400 (OpenAI's `unsupported_parameter` shape, the message given
   * here) to any request whose body has one of these parameters — e.g. Azure
   * OpenAI's v1 endpoint rejecting `max_tokens` for o-series models.
   */
  readonly rejectParams?: Readonly<Record<string, string>>;
  /** Where the API lives (default `/v1`): Azure's `/openai/v1/`, Gemini's `/v1beta/openai/`, OpenRouter's `/api/v1`. */
  readonly basePath?: string;
  /** How to answer a path other than <basePath>/chat/completions and <basePath>/models (default: 404 with an error object). */
  readonly unknownRoute?: FakeReply;
  /** Stream server-sent events unless the request says `"stream": false` (some local servers do). */
  readonly streamUnlessDisabled?: boolean;
  /** `false`: no Batch API (`/files`, `/batches` answer 404 like most local servers). */
  readonly batchRoutes?: boolean;
}

export interface FakeLlm {
  /** Base URL to configure: `http://127.0.0.1:<port>` + basePath (default `/v1`). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Queue replies for a module (in order; once used up, defaults/responder apply). */
  script(module: string, replies: readonly FakeReply[]): void;
  /** Consulted after the module's script is empty, before `defaults`. */
  respond(responder: Responder): void;
  setDefault(module: string, code: string): void;
  /** Requests routed to `module`. */
  requestsFor(module: string): RecordedRequest[];
  /** Batches created through `POST /batches`, in order. */
  readonly batches: FakeBatch[];
  /** How batches created from now on (and those still running) finish. */
  batchMode(mode: FakeBatchMode): void;
  stop(): Promise<void>;
}

const MODULE_IN_PROMPT = /(?:Implement module|Write tests for) `([^`]+)`/;
/** A repair round's judge call is routed as `judge:<test module>`. */
const JUDGE_IN_PROMPT = /^# Judge failing tests of `([^`]+)`/m;

function routeOf(userText: string): string | undefined {
  const judged = JUDGE_IN_PROMPT.exec(userText)?.[1];
  return judged === undefined ? MODULE_IN_PROMPT.exec(userText)?.[1] : `judge:${judged}`;
}

export function fence(code: string): string {
  return `Here is the module.\n\n\`\`\`ts\n${code.trim()}\n\`\`\`\n`;
}

function parseMessages(value: unknown): { role: string; content: string }[] {
  if (typeof value !== "object" || value === null || !("messages" in value) || !Array.isArray(value.messages)) return [];
  return value.messages.map((m: unknown) => {
    const role = typeof m === "object" && m !== null && "role" in m && typeof m.role === "string" ? m.role : "";
    const content = typeof m === "object" && m !== null && "content" in m && typeof m.content === "string" ? m.content : "";
    return { role, content };
  });
}

export function startFakeLlm(options: FakeLlmOptions = {}): FakeLlm {
  const scripts = new Map<string, FakeReply[]>();
  const defaults = new Map(Object.entries(options.defaults ?? {}));
  const requests: RecordedRequest[] = [];
  let responder: Responder | undefined;
  const hanging = new Set<() => void>();

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

  const estimatedUsage = (content: string, request: RecordedRequest) => ({
    prompt_tokens: Math.ceil(request.messages.reduce((n, m) => n + m.content.length, 0) / 4),
    completion_tokens: Math.ceil(content.length / 4),
    total_tokens: 0,
  });
  const usageField = (usage: FakeUsage | null | undefined, content: string, request: RecordedRequest) =>
    usage === null ? {} : { usage: usage === undefined ? estimatedUsage(content, request) : { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } };
  const completionBody = (message: Readonly<Record<string, unknown>>, finishReason: string, usage: FakeUsage | null | undefined, request: RecordedRequest) => ({
    id: `chatcmpl-fake-${requests.length}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model ?? "fake",
    choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
    ...usageField(usage, typeof message.content === "string" ? message.content : JSON.stringify(message.content ?? ""), request),
  });
  const completion = (content: string, finishReason: string, request: RecordedRequest, usage?: FakeUsage | null) =>
    json(200, completionBody({ content }, finishReason, usage, request));
  const sse = (content: string, finishReason: string, usage: FakeUsage | null | undefined, request: RecordedRequest) => {
    const base = { id: `chatcmpl-fake-${requests.length}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: request.model ?? "fake" };
    const pieces = content.match(/[\s\S]{1,40}/g) ?? [];
    const events = [
      { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
      ...pieces.map((piece) => ({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] },
      { ...base, choices: [], ...usageField(usage, content, request) },
    ];
    const text = `${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join("")}data: [DONE]\n\n`;
    return new Response(text, { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8" } });
  };

  const reply = async (r: FakeReply, request: RecordedRequest): Promise<Response> => {
    if (options.delayMs) await Bun.sleep(options.delayMs);
    if (typeof r === "string") return completion(r, "stop", request);
    if ("content" in r) {
      if (r.delayMs) await Bun.sleep(r.delayMs);
      if (r.trailer) {
        const body = JSON.stringify(completionBody({ content: r.content }, r.finishReason ?? "stop", r.usage, request));
        return new Response(`${body}\n\ndata: [DONE]\n\n`, { status: 200, headers: { "content-type": "application/json" } });
      }
      return completion(r.content, r.finishReason ?? "stop", request, r.usage);
    }
    if ("json" in r) return json(r.status ?? 200, r.json, { ...r.headers });
    if ("raw" in r) {
      const headers = { "content-type": r.contentType ?? "text/plain", ...(r.gzip ? { "content-encoding": "gzip" } : {}), ...r.headers };
      return new Response(r.gzip ? Bun.gzipSync(r.raw) : r.raw, { status: r.status ?? 200, headers });
    }
    if ("resetAfter" in r) {
      const start = new TextEncoder().encode(r.resetAfter);
      // Erroring the stream after its first chunk makes Bun close the socket mid-body (the client sees ECONNRESET).
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(start);
          setTimeout(() => controller.error(), 20);
        },
      });
      return new Response(body, { status: r.status ?? 200, headers: { "content-type": r.contentType ?? "application/json" } });
    }
    if ("sse" in r) return sse(r.sse, r.finishReason ?? "stop", r.usage, request);
    if ("status" in r) {
      const headers: Record<string, string> = { ...(r.retryAfter === undefined ? {} : { "retry-after": r.retryAfter }), ...r.headers };
      const error = { message: r.message ?? `fake error ${r.status}`, type: "fake", code: r.code ?? null, ...(r.param === undefined ? {} : { param: r.param }) };
      return json(r.status, { error, ...(r.usage ? { usage: r.usage } : {}) }, headers);
    }
    if ("message" in r) return json(200, completionBody(r.message, r.finishReason ?? "stop", r.usage, request));
    if ("hang" in r) {
      // Never answers; released on stop() so the server can close.
      return new Promise<Response>((resolve) => hanging.add(() => resolve(json(503, { error: { message: "stopped" } }))));
    }
    if ("malformed" in r) return new Response('{"id": "x", "choices": [ {"message": ', { status: 200, headers: { "content-type": "application/json" } });
    return json(200, { id: "x", object: "chat.completion", created: 0, model: request.model, choices: [] });
  };

  const choose = (request: RecordedRequest): FakeReply | undefined => {
    const queued = request.module === undefined ? undefined : scripts.get(request.module)?.shift();
    return queued ?? responder?.(request) ?? (request.module !== undefined && defaults.has(request.module) ? fence(defaults.get(request.module) ?? "") : undefined);
  };

  const apiRoot = (options.basePath ?? "/v1").replace(/\/+$/, "");
  const batchApi = fakeBatchApi({ apiRoot, choose, reply, json, parseMessages, moduleOf: (text) => MODULE_IN_PROMPT.exec(text)?.[1] });
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const rawBody = await req.text();
      let parsed: unknown;
      try {
        parsed = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        parsed = undefined;
      }
      const messages = parseMessages(parsed);
      const userText = messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
      const model = typeof parsed === "object" && parsed !== null && "model" in parsed && typeof parsed.model === "string" ? parsed.model : undefined;
      const request: RecordedRequest = {
        at: performance.now(),
        method: req.method,
        path: url.pathname,
        headers: Object.fromEntries(req.headers.entries()),
        rawBody,
        module: routeOf(userText),
        messages,
        model,
      };
      requests.push(request);
      if (options.batchRoutes !== false) {
        const routed = await batchApi.route(req.method, url.pathname.slice(apiRoot.length), rawBody, req.headers.get("content-type"), parsed);
        if (routed) return routed;
      }
      if (req.method === "GET" && url.pathname === `${apiRoot}/models`) return json(200, { object: "list", data: [{ id: "fake-model", object: "model", owned_by: "jaunt" }] });
      if (req.method !== "POST" || url.pathname !== `${apiRoot}/chat/completions`) {
        if (options.unknownRoute !== undefined) return reply(options.unknownRoute, request);
        return json(404, { error: { message: `no route ${req.method} ${url.pathname}` } });
      }
      if (options.requireKey !== undefined && req.headers.get("authorization") !== `Bearer ${options.requireKey}`) {
        return json(401, { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } });
      }
      const rejected = Object.entries(options.rejectParams ?? {}).find(([param]) => isRecord(parsed) && param in parsed);
      if (rejected) {
        const [param, message] = rejected;
        return json(400, { error: { message, type: "invalid_request_error", param, code: "unsupported_parameter" } });
      }
      const chosen = choose(request);
      if (chosen === undefined) return json(418, { error: { message: `fake-llm: nothing scripted for module ${request.module ?? "(unknown)"}` } });
      if (options.streamUnlessDisabled && typeof chosen === "string" && !(isRecord(parsed) && parsed.stream === false)) return sse(chosen, "stop", undefined, request);
      return reply(chosen, request);
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}${options.basePath ?? "/v1"}`,
    requests,
    script(module, replies) {
      scripts.set(module, [...(scripts.get(module) ?? []), ...replies]);
    },
    respond(fn) {
      responder = fn;
    },
    setDefault(module, code) {
      defaults.set(module, code);
    },
    requestsFor(module) {
      return requests.filter((r) => r.module === module);
    },
    batches: batchApi.batches,
    batchMode: (next) => batchApi.setMode(next),
    async stop() {
      for (const release of hanging) release();
      await server.stop(true);
    },
  };
}
