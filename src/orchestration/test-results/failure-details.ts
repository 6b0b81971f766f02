/**
 * The parts of a failing test the repair prompts need, read from bun's
 * failure text: expected and received values (`Expected: "ab"` /
 * `Received: "AB"`, `Expected constructor: RangeError`), a fast-check
 * counterexample (`Counterexample: ["  "]`), and the stack frames
 * (`at g (src/__generated__/text.ts:2:50)`, `at tests/x.test.ts:4:46`).
 */
import type { StackFrame, TestCaseResult } from "./types.ts";

type Details = Pick<TestCaseResult, "message" | "expected" | "received" | "counterexample" | "stack">;

/** Longest expected/received value kept (a huge object diff stays in `message`). */
const VALUE_LIMIT = 2000;
const MESSAGE_LIMIT = 4000;

const FRAME = /^\s*at (?:(.+?) \()?((?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?\s*$/;

function bounded(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)} … (cut)` : text;
}

/** Stack frames in `text`, outermost last; frames of bun's internals (`native`, `bun:`) are dropped. */
export function stackFrames(text: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of text.split("\n")) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const [, fn, file = "", lineText = "0", column = "0"] = match;
    if (file.startsWith("bun:") || file === "native") continue;
    frames.push({ ...(fn && fn !== "<anonymous>" ? { fn } : {}), file: file.trim(), line: Number(lineText), column: Number(column) });
  }
  return frames;
}

function valueAfter(message: string, label: "Expected" | "Received"): string | undefined {
  // "Expected: x", "Expected constructor: X", "Received value: x"; bun's own labels have lowercase words between.
  const match = new RegExp(`^${label}(?: [a-z ]+)?: (.*)$`, "m").exec(message);
  if (match?.[1] !== undefined) return bounded(match[1].trim(), VALUE_LIMIT);
  if (label === "Received") {
    const sentence = /^(Received (?:function did not throw|promise resolved instead of rejected|value must be [^\n]*))$/m.exec(message);
    if (sentence?.[1]) return sentence[1];
  }
  return undefined;
}

/** Details of a failure with error class `type`, message `message` and full text `body` (message + stack). */
export function failureDetails(type: string, message: string, body: string): Details {
  const text = message.trim() || body.split("\n      at ")[0]?.trim() || "";
  const shown = type === "AssertionError" || type === "" || text.startsWith(`${type}:`) ? text : `${type}: ${text}`;
  const expected = valueAfter(text, "Expected");
  const received = valueAfter(text, "Received");
  const counterexample = /^Counterexample: (.*)$/m.exec(text)?.[1]?.trim();
  const stack = stackFrames(body);
  return {
    message: bounded(shown, MESSAGE_LIMIT),
    ...(expected === undefined ? {} : { expected }),
    ...(received === undefined ? {} : { received }),
    ...(counterexample === undefined ? {} : { counterexample: bounded(counterexample, VALUE_LIMIT) }),
    ...(stack.length === 0 ? {} : { stack }),
  };
}
