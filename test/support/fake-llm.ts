/**
 * A fake OpenAI-compatible server for tests (DESIGN §10): real HTTP on
 * 127.0.0.1 (port 0), `POST /v1/chat/completions` and `GET /v1/models`, used
 * through the real `openai` client via base_url. Answers are scripted per
 * module (routed by "module `src/slug`" in the user message) or come from a
 * responder; faults are scripted the same way. Every request is recorded.
 */

/** One scripted reply. A plain string is an answer with finish_reason "stop". */
export type FakeReply =
  | string
  | { readonly content: string; readonly finishReason?: "stop" | "length"; readonly delayMs?: number }
  | { readonly status: number; readonly retryAfter?: string; readonly message?: string }
  | { readonly hang: true }
  | { readonly malformed: true }
  | { readonly emptyChoices: true };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
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
}

export interface FakeLlm {
  /** Base URL to configure, ending in `/v1`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Queue replies for a module (in order; once used up, defaults/responder apply). */
  script(module: string, replies: readonly FakeReply[]): void;
  /** Consulted after the module's script is empty, before `defaults`. */
  respond(responder: Responder): void;
  setDefault(module: string, code: string): void;
  /** Requests routed to `module`. */
  requestsFor(module: string): RecordedRequest[];
  stop(): Promise<void>;
}

const MODULE_IN_PROMPT = /(?:Implement module|Write tests for) `([^`]+)`/;

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

  const completion = (content: string, finishReason: string, request: RecordedRequest) =>
    json(200, {
      id: `chatcmpl-fake-${requests.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: request.model ?? "fake",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
      usage: {
        prompt_tokens: Math.ceil(request.messages.reduce((n, m) => n + m.content.length, 0) / 4),
        completion_tokens: Math.ceil(content.length / 4),
        total_tokens: 0,
      },
    });

  const reply = async (r: FakeReply, request: RecordedRequest): Promise<Response> => {
    if (options.delayMs) await Bun.sleep(options.delayMs);
    if (typeof r === "string") return completion(r, "stop", request);
    if ("content" in r) {
      if (r.delayMs) await Bun.sleep(r.delayMs);
      return completion(r.content, r.finishReason ?? "stop", request);
    }
    if ("status" in r) {
      const headers: Record<string, string> = r.retryAfter === undefined ? {} : { "retry-after": r.retryAfter };
      return json(r.status, { error: { message: r.message ?? `fake error ${r.status}`, type: "fake", code: null } }, headers);
    }
    if ("hang" in r) {
      // Never answers; released on stop() so the server can close.
      return new Promise<Response>((resolve) => hanging.add(() => resolve(json(503, { error: { message: "stopped" } }))));
    }
    if ("malformed" in r) return new Response('{"id": "x", "choices": [ {"message": ', { status: 200, headers: { "content-type": "application/json" } });
    return json(200, { id: "x", object: "chat.completion", created: 0, model: request.model, choices: [] });
  };

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
        method: req.method,
        path: url.pathname,
        headers: Object.fromEntries(req.headers.entries()),
        rawBody,
        module: MODULE_IN_PROMPT.exec(userText)?.[1],
        messages,
        model,
      };
      requests.push(request);
      if (req.method === "GET" && url.pathname === "/v1/models") return json(200, { object: "list", data: [{ id: "fake-model", object: "model", owned_by: "jaunt" }] });
      if (req.method !== "POST" || url.pathname !== "/v1/chat/completions") return json(404, { error: { message: `no route ${req.method} ${url.pathname}` } });
      if (options.requireKey !== undefined && req.headers.get("authorization") !== `Bearer ${options.requireKey}`) {
        return json(401, { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } });
      }
      const queued = request.module === undefined ? undefined : scripts.get(request.module)?.shift();
      const chosen = queued ?? responder?.(request) ?? (request.module !== undefined && defaults.has(request.module) ? fence(defaults.get(request.module) ?? "") : undefined);
      if (chosen === undefined) return json(418, { error: { message: `fake-llm: nothing scripted for module ${request.module ?? "(unknown)"}` } });
      return reply(chosen, request);
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}/v1`,
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
    async stop() {
      for (const release of hanging) release();
      await server.stop(true);
    },
  };
}
