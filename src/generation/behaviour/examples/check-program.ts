/**
 * Example blocks → one runnable module. It sits (virtually, through the
 * overlay) next to the spec module, so the spec module's own import lines
 * work verbatim in it; it imports the spec module's exports, runs each block's
 * statements in one async function, in order, and appends one JSON line per
 * event to the file named by `JAUNT_EXAMPLE_RESULTS`:
 * `{"at":id}` before check `id`, `{"setup":line}` before a setup statement,
 * then `{"id","ok":true}` / `{"id","ok":false,"actual","expected"}` /
 * `{"id","skip":reason}`, or `{"setupError":line,"error"}` when a setup
 * statement throws. Errors carry `{name, message, frame, own}` where `own`
 * says the stack passes through the candidate's file.
 * Comparison: `Bun.deepEquals(actual, expected, true)` (strict, as
 * `toStrictEqual`); a promise is awaited when the expected value is not one.
 */
import type { ExampleBlock, ExampleCheck } from "./types.ts";

export interface ProgramScope {
  /** `./text`: the spec module from the program's folder. */
  readonly specSpecifier: string;
  /** The spec module's value import declarations, verbatim. */
  readonly imports: readonly string[];
  /** Names the spec module exports (values or types; unknown ones read as undefined). */
  readonly exports: readonly string[];
  /** Names the spec module's imports bind. */
  readonly imported: readonly string[];
  /** Absolute path of the candidate's file (its frames make a throw the candidate's own). */
  readonly candidateFile: string;
}

export interface CheckProgram {
  readonly source: string;
  /** Checks by id (the index). */
  readonly checks: readonly ExampleCheck[];
}

const HARNESS = String.raw`
import { appendFileSync as __jauntAppend } from "node:fs";
const __jauntOut = process.env.JAUNT_EXAMPLE_RESULTS ?? "";
function __jauntEmit(r) { __jauntAppend(__jauntOut, JSON.stringify(r) + "\n"); }
function __jauntShow(v) {
  let s;
  try { s = typeof v === "string" ? JSON.stringify(v) : typeof v === "bigint" ? v + "n" : Bun.inspect(v, { compact: true, depth: 4 }); } catch { s = String(v); }
  s = s.replace(/\s*\n\s*/g, " ");
  return s.length > 200 ? s.slice(0, 197) + "…" : s;
}
function __jauntError(e) {
  const o = e !== null && typeof e === "object";
  const name = o && typeof e.name === "string" ? e.name : typeof e;
  const message = (o && typeof e.message === "string" ? e.message : String(e)).replace(/\x1b\[[0-9;]*m/g, "").slice(0, 400);
  const stack = o && typeof e.stack === "string" ? e.stack : "";
  const line = stack.split("\n").find((l) => l.includes(__jauntCandidate));
  const at = line ? /(\/[^()]*?:\d+)(?::\d+)?\)?\s*$/.exec(line) : null;
  return { name, message, frame: at ? at[1] : undefined, own: Boolean(line) };
}
function __jauntThenable(v) { return v !== null && (typeof v === "object" || typeof v === "function") && typeof v.then === "function"; }
function __jauntIsA(e, cls) {
  const last = cls.split(".").pop();
  for (let p = e; p !== null && p !== undefined; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, "constructor") && p.constructor && p.constructor.name === last) return true;
  }
  return e !== null && typeof e === "object" && e.name === last;
}
async function __jauntEquals(id, actual, expected) {
  if (__jauntThenable(actual) && !__jauntThenable(expected)) actual = await actual;
  if (Bun.deepEquals(actual, expected, true)) __jauntEmit({ id, ok: true });
  else __jauntEmit({ id, ok: false, actual: __jauntShow(actual), expected: __jauntShow(expected) });
}
async function __jauntCompare(id, op, left, right) {
  if (__jauntThenable(left) && !__jauntThenable(right)) left = await left;
  const ok = op === "===" ? left === right : op === "!==" ? left !== right : op === "==" ? left == right : left != right;
  if (ok) __jauntEmit({ id, ok: true });
  else __jauntEmit({ id, ok: false, actual: __jauntShow(left), expected: (op === "===" ? "" : op + " ") + __jauntShow(right) });
}
function __jauntThrows(id, e, cls, msg) {
  const err = __jauntError(e);
  if (cls !== undefined && !__jauntIsA(e, cls)) return __jauntEmit({ id, ok: false, expected: "a thrown " + cls, actual: "threw " + err.name + ": " + err.message, error: err });
  if (msg !== undefined && !err.message.includes(msg)) return __jauntEmit({ id, ok: false, expected: "a thrown " + (cls ?? "error") + " with message containing " + JSON.stringify(msg), actual: "threw " + err.name + ": " + err.message, error: err });
  __jauntEmit({ id, ok: true });
}
function __jauntThrew(id, e) { __jauntEmit({ id, ok: false, threw: __jauntError(e) }); }
`;

function checkCode(id: number, check: ExampleCheck): string {
  const e = check.expectation;
  const subject = `(${check.subject}\n)`;
  const start = `__jauntEmit({ at: ${id} });`;
  switch (e.kind) {
    case "equals":
      return `${start}\n{ let __e, __ready = true; try { __e = (${e.expected}\n); } catch (err) { __ready = false; __jauntEmit({ id: ${id}, skip: "its expected value threw " + __jauntError(err).message }); }\n  if (__ready) try { await __jauntEquals(${id}, ${subject}, __e); } catch (err) { __jauntThrew(${id}, err); } }`;
    case "compare":
      return `${start}\ntry { const __l = ${subject}; await __jauntCompare(${id}, ${JSON.stringify(e.operator)}, __l, (${e.right}\n)); } catch (err) { __jauntThrew(${id}, err); }`;
    case "throws": {
      const cls = e.errorClass === undefined ? "undefined" : JSON.stringify(e.errorClass);
      const msg = e.message === undefined ? "undefined" : JSON.stringify(e.message);
      return `${start}\ntry { let __a = ${subject}; if (__jauntThenable(__a)) __a = await __a; __jauntEmit({ id: ${id}, ok: false, expected: "a thrown " + (${cls} ?? "error"), actual: "returned " + __jauntShow(__a) }); } catch (err) { __jauntThrows(${id}, err, ${cls}, ${msg}); }`;
    }
    case "runs":
      return `${start}\ntry { ${check.subject.replace(/;\s*$/, "")};\n __jauntEmit({ id: ${id}, ok: true }); } catch (err) { __jauntThrew(${id}, err); }`;
  }
}

/** The program for `blocks` (runnable ones only; unchecked blocks are skipped). */
export function checkProgram(blocks: readonly ExampleBlock[], scope: ProgramScope): CheckProgram {
  const checks: ExampleCheck[] = [];
  const runnable = blocks.filter((b) => !b.unchecked && b.steps.length > 0);
  const uses = (name: string) => runnable.some((b) => b.freeNames.includes(name));
  const bound = new Set(scope.imported);
  const exported = scope.exports.filter((n) => !bound.has(n));
  const lines = [...scope.imports, HARNESS, `const __jauntCandidate = ${JSON.stringify(scope.candidateFile)};`];
  lines.push(`import * as __jauntSpec from ${JSON.stringify(scope.specSpecifier)};`);
  if (exported.length > 0) lines.push(`const { ${exported.join(", ")} } = __jauntSpec;`);
  if (uses("expect") && !bound.has("expect") && !exported.includes("expect")) lines.push(`import { expect } from "bun:test";`);
  if (uses("assert") && !bound.has("assert") && !exported.includes("assert")) lines.push(`import assert from "node:assert";`);
  lines.push("export async function __jauntRun() {");
  for (const block of runnable) {
    const body: string[] = [];
    for (const step of block.steps) {
      if (step.kind === "setup") {
        body.push(`__jauntLine = ${step.line}; __jauntEmit({ setup: ${step.line} });`, step.code.endsWith(";") || step.code.endsWith("}") ? step.code : `${step.code};`);
      } else {
        body.push(checkCode(checks.length, step.check));
        checks.push(step.check);
      }
    }
    lines.push(`  await (async () => {\n    let __jauntLine = ${block.line};\n    try {\n${body.join("\n")}\n    } catch (err) { __jauntEmit({ setupError: __jauntLine, error: __jauntError(err) }); }\n  })();`);
  }
  lines.push("}");
  return { source: lines.join("\n"), checks };
}
