/**
 * The fake server's Batch API (`POST /files`, `GET /files/{id}/content`,
 * `POST /batches`, `GET /batches/{id}`), shaped like OpenAI's: files hold
 * JSONL; a batch runs its input file's lines through the same scripted
 * answers as chat requests when a status poll finds it due, and ends as
 * `FakeBatchMode` says (completed, with failed lines; expired; failed).
 */
import { isRecord } from "../../src/support/is-record.ts";
import type { FakeReply, RecordedRequest } from "./fake-llm.ts";

/** How the fake Batch API runs the next batches (see `FakeLlm.batchMode`). */
export interface FakeBatchMode {
  /** Status polls answered `in_progress` before the batch reaches its end (default 0). */
  readonly pollsBeforeDone?: number;
  /** The end state (default "completed"); "expired" puts every line in the error file with code batch_expired. */
  readonly outcome?: "completed" | "expired" | "failed";
  /** Modules whose line fails (error file: HTTP 500 with an error body). */
  readonly failModules?: readonly string[];
}

export interface FakeBatch {
  readonly id: string;
  readonly inputFileId: string;
  /** Requests of the input file: custom_id, module routed from the prompt, body. */
  readonly lines: readonly { readonly customId: string; readonly module: string | undefined; readonly body: unknown }[];
  /** Status polls (GET /batches/{id}) so far. */
  polls: number;
  /** Cancel requests (POST /batches/{id}/cancel) so far. */
  cancels: number;
}

export interface FakeBatchApi {
  readonly batches: FakeBatch[];
  setMode(mode: FakeBatchMode): void;
  /** The response for a request to `path` under the API root (`/files`, `/batches/…`); undefined when it is not a batch route. */
  route(method: string, path: string, rawBody: string, contentType: string | null, parsed: unknown): Promise<Response | undefined>;
}

interface Server {
  readonly apiRoot: string;
  readonly choose: (request: RecordedRequest) => FakeReply | undefined;
  readonly reply: (reply: FakeReply, request: RecordedRequest) => Promise<Response>;
  readonly json: (status: number, body: unknown) => Response;
  readonly parseMessages: (body: unknown) => { role: string; content: string }[];
  readonly moduleOf: (userText: string) => string | undefined;
}

export function fakeBatchApi(server: Server): FakeBatchApi {
  const { apiRoot, choose, reply, json, parseMessages } = server;
  const files = new Map<string, { readonly text: string; readonly purpose: string; readonly filename: string }>();
  const batches: FakeBatch[] = [];
  let mode: FakeBatchMode = {};
  const batchObjects = new Map<string, Record<string, unknown>>();
  const addFile = (text: string, purpose: string, filename: string): string => {
    const id = `file-fake-${files.size + 1}`;
    files.set(id, { text, purpose, filename });
    return id;
  };
  const fileObject = (id: string) => {
    const file = files.get(id);
    return { id, object: "file", bytes: file?.text.length ?? 0, created_at: Math.floor(Date.now() / 1000), filename: file?.filename ?? "", purpose: file?.purpose ?? "" };
  };
  const runBatch = async (batch: FakeBatch): Promise<Record<string, unknown>> => {
    const outcome = mode.outcome ?? "completed";
    if (outcome === "failed") return { status: "failed", errors: { object: "list", data: [{ code: "invalid_request", message: "fake-llm: the batch failed validation", line: 1 }] } };
    const out: string[] = [];
    const errors: string[] = [];
    for (const [index, line] of batch.lines.entries()) {
      const id = `batch_req_${index + 1}`;
      if (outcome === "expired") {
        errors.push(JSON.stringify({ id, custom_id: line.customId, response: null, error: { code: "batch_expired", message: "This request could not be executed before the completion window expired." } }));
        continue;
      }
      if (line.module !== undefined && mode.failModules?.includes(line.module)) {
        errors.push(JSON.stringify({ id, custom_id: line.customId, response: { status_code: 500, request_id: id, body: { error: { message: "fake-llm: the server had an error processing this request", type: "server_error" } } }, error: null }));
        continue;
      }
      const request: RecordedRequest = { method: "POST", path: `${apiRoot}/chat/completions`, headers: {}, at: performance.now(), rawBody: JSON.stringify(line.body), module: line.module, messages: parseMessages(line.body), model: isRecord(line.body) && typeof line.body.model === "string" ? line.body.model : undefined };
      const chosen = choose(request);
      const response = chosen === undefined ? json(418, { error: { message: `fake-llm: nothing scripted for module ${line.module ?? "(unknown)"}` } }) : await reply(chosen, request);
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      out.push(JSON.stringify({ id, custom_id: line.customId, response: { status_code: response.status, request_id: id, body }, error: null }));
    }
    const total = batch.lines.length;
    return {
      status: outcome,
      ...(out.length > 0 ? { output_file_id: addFile(`${out.join("\n")}\n`, "batch_output", "batch_output.jsonl") } : {}),
      ...(errors.length > 0 ? { error_file_id: addFile(`${errors.join("\n")}\n`, "batch_output", "batch_errors.jsonl") } : {}),
      request_counts: { total, completed: out.length, failed: errors.length },
    };
  };
  const route = async (method: string, path: string, rawBody: string, contentType: string | null, parsed: unknown): Promise<Response | undefined> => {
    if (method === "POST" && path === "/files") {
      const form = await new Response(rawBody, { headers: { "content-type": contentType ?? "" } }).formData();
      const file = form.get("file");
      const purpose = form.get("purpose");
      if (!(file instanceof Blob) || typeof purpose !== "string") return json(400, { error: { message: "fake-llm: file and purpose are required" } });
      return json(200, fileObject(addFile(await file.text(), purpose, file instanceof File ? file.name : "upload.jsonl")));
    }
    const content = /^\/files\/([^/]+)\/content$/.exec(path)?.[1];
    if (method === "GET" && content !== undefined) {
      const file = files.get(content);
      return file ? new Response(file.text, { headers: { "content-type": "application/octet-stream" } }) : json(404, { error: { message: `No such File object: ${content}` } });
    }
    if (method === "POST" && path === "/batches") {
      const inputFileId = isRecord(parsed) && typeof parsed.input_file_id === "string" ? parsed.input_file_id : "";
      const input = files.get(inputFileId);
      if (!input) return json(400, { error: { message: `fake-llm: no input file ${inputFileId}` } });
      const lines = input.text.split("\n").filter((line) => line.trim() !== "").map((line) => {
        const entry: unknown = JSON.parse(line);
        const body = isRecord(entry) ? entry.body : undefined;
        const userText = parseMessages(body).filter((m) => m.role === "user").map((m) => m.content).join("\n");
        return { customId: isRecord(entry) && typeof entry.custom_id === "string" ? entry.custom_id : "", module: server.moduleOf(userText), body };
      });
      const batch: FakeBatch = { id: `batch_fake_${batches.length + 1}`, inputFileId, lines, polls: 0, cancels: 0 };
      batches.push(batch);
      const object = { id: batch.id, object: "batch", endpoint: "/v1/chat/completions", input_file_id: inputFileId, completion_window: "24h", status: "validating", created_at: Math.floor(Date.now() / 1000), request_counts: { total: lines.length, completed: 0, failed: 0 } };
      batchObjects.set(batch.id, object);
      return json(200, object);
    }
    const cancelled = /^\/batches\/([^/]+)\/cancel$/.exec(path)?.[1];
    if (method === "POST" && cancelled !== undefined) {
      const batch = batches.find((b) => b.id === cancelled);
      const object = batchObjects.get(cancelled);
      if (!batch || !object) return json(404, { error: { message: `No batch found with id '${cancelled}'.` } });
      batch.cancels += 1;
      // As OpenAI does: a batch still running goes to "cancelling" (then "cancelled"); a finished one refuses.
      if (["completed", "expired", "failed", "cancelled"].includes(String(object.status))) return json(400, { error: { message: `Cannot cancel a batch with status '${String(object.status)}'.` } });
      batchObjects.set(cancelled, { ...object, status: "cancelled" });
      return json(200, { ...object, status: "cancelling" });
    }
    const batchId = /^\/batches\/([^/]+)$/.exec(path)?.[1];
    if (method === "GET" && batchId !== undefined) {
      const batch = batches.find((b) => b.id === batchId);
      const object = batchObjects.get(batchId);
      if (!batch || !object) return json(404, { error: { message: `No batch found with id '${batchId}'.` } });
      batch.polls += 1;
      if (["completed", "expired", "failed", "cancelled"].includes(String(object.status))) return json(200, object);
      if (batch.polls <= (mode.pollsBeforeDone ?? 0)) return json(200, { ...object, status: "in_progress" });
      const done = { ...object, ...(await runBatch(batch)) };
      batchObjects.set(batchId, done);
      return json(200, done);
    }
    return undefined;
  };

  return { batches, setMode: (next) => (mode = next), route };
}
