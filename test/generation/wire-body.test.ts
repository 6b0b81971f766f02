import { expect, test } from "bun:test";
import { readWireBody, usageOf } from "../../src/generation/llm/wire-body.ts";

const completion = { choices: [{ index: 0, message: { role: "assistant", content: 'const s = "}\\ndata: x";' }, finish_reason: "stop" }], usage: { prompt_tokens: 3, completion_tokens: 4 } };
const json = JSON.stringify(completion);

test("a JSON answer with `data: [DONE]` trailers, even when its own text contains `data:`", () => {
  for (const body of [json, `${json}\n\ndata: [DONE]\n\n`, `${json}data: [DONE]`, `${json}\ndata: [DONE]\ndata: [DONE]`]) {
    const wire = readWireBody(body, "application/json");
    expect(wire.kind === "completion" && wire.completion).toEqual(completion);
  }
  expect(readWireBody(`${json.slice(0, 30)}\ndata: [DONE]`, "application/json").kind).toBe("malformed");
});

test("an event stream is assembled: content, reasoning, finish reason, usage; an error event wins", () => {
  const events = [
    { choices: [{ delta: { role: "assistant", reasoning_content: "think " } }] },
    { choices: [{ delta: { content: "export " } }] },
    { choices: [{ delta: { content: [{ type: "text", text: "const a = 1;" }] }, finish_reason: "stop" }] },
    { choices: [], usage: { input_tokens: 10, output_tokens: 2 } },
  ];
  const stream = `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("")}data: [DONE]\n\n`;
  const wire = readWireBody(stream, "text/event-stream");
  expect(wire.kind === "completion" && wire.completion).toEqual({
    choices: [{ index: 0, message: { role: "assistant", content: "export const a = 1;", reasoning_content: "think " }, finish_reason: "stop" }],
    usage: { input_tokens: 10, output_tokens: 2 },
  });
  expect(wire.kind === "completion" && usageOf(wire.completion)).toEqual({ promptTokens: 10, completionTokens: 2 });
  const failing = `data: ${JSON.stringify(events[1])}\n\nevent: error\ndata: {"error":{"message":"overloaded","code":529}}\n\n`;
  expect(readWireBody(failing, "text/event-stream")).toEqual({ kind: "error", error: { message: "overloaded", code: 529 } });
});

test("errors and non-completions are told apart", () => {
  expect(readWireBody('{"error":"Unexpected endpoint or method"}', "application/json")).toEqual({ kind: "error", error: "Unexpected endpoint or method" });
  expect(readWireBody('{"object":"error","message":"bad","code":400}', "application/json").kind).toBe("error");
  const other = readWireBody('{"status":"ok"}', "application/json");
  expect(other.kind === "other" && other.detail).toBe('content-type application/json, 15 bytes: {"status":"ok"}');
  const page = readWireBody(`<html>${"x".repeat(500)}</html>`, "text/html");
  expect(page.kind === "other" && page.detail).toMatch(/^an HTML page "x{160}…" \(content-type text\/html, 513 bytes\)$/);
  const titled = readWireBody('<!DOCTYPE html>\n<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->\n<html><head><title>Just a moment...</title><script>var x = "<title>no</title>";</script></head><body><h1>Checking</h1></body></html>', null);
  expect(titled.kind === "other" && titled.detail).toStartWith('an HTML page "Just a moment..." (content-type (none), ');
});
