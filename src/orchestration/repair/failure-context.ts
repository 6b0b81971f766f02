/**
 * Turn a failing test result into what the repair prompts and the judge
 * show: the test's own code (the `test(…)` call at the line bun reports), the
 * failure, and the first stack frame inside an implementation with its source
 * line. Files are read from the project; nothing here runs code.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseHeader } from "../../generated/header.ts";
import type { RepairFailure } from "../../generation/types.ts";
import { loadTypeScript } from "../../generation/validate/typescript-parser.ts";
import type { StackFrame, TestCaseResult } from "../test-results/types.ts";

/** Longest test code shown per failing test. */
const TEST_CODE_LIMIT = 3000;

/** A generated file's code without its Jaunt header (the whole text when it has none); undefined when unreadable. */
export async function generatedBody(root: string, file: string): Promise<string | undefined> {
  const text = await readFile(path.join(root, file), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const header = parseHeader(text);
  return header.status === "ok" ? text.slice(header.bodyStart) : text;
}

/** The source of the test/it call that starts on 1-based `line` of `source` (the line's next 20 lines when none does). */
export async function testCodeAt(source: string, line: number): Promise<string> {
  const ts = await loadTypeScript();
  const file = ts.createSourceFile("test.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let found: string | undefined;
  const visit = (node: import("typescript").Node): void => {
    if (found !== undefined) return;
    if (ts.isCallExpression(node) && file.getLineAndCharacterOfPosition(node.getStart(file)).line === line - 1) {
      const callee = node.expression.getText(file);
      if (/^(?:test|it)\b/.test(callee)) {
        found = node.getText(file);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const code = found ?? source.split("\n").slice(line - 1, line + 19).join("\n");
  return code.length > TEST_CODE_LIMIT ? `${code.slice(0, TEST_CODE_LIMIT)}\n// … (cut)` : code;
}

/** `frame.file` relative to `root` (bun prints project files relative to the cwd, others absolute). */
export function frameFile(root: string, frame: StackFrame): string {
  return path.isAbsolute(frame.file) ? path.relative(root, frame.file).split(path.sep).join("/") : frame.file.split(path.sep).join("/");
}

/** The first frame of `result` inside one of `implementationFiles` (project-relative), if any. */
export function implementationFrame(root: string, result: TestCaseResult, implementationFiles: ReadonlySet<string>): { readonly file: string; readonly frame: StackFrame } | undefined {
  for (const frame of result.stack ?? []) {
    const file = frameFile(root, frame);
    if (implementationFiles.has(file)) return { file, frame };
  }
  return undefined;
}

/** The repair view of failing test `result`; `implementationFiles` are the generated implementation files of the project. */
export async function repairFailure(root: string, result: TestCaseResult, implementationFiles: ReadonlySet<string>): Promise<RepairFailure> {
  const source = await readFile(path.join(root, result.file), "utf8").catch(() => undefined);
  const code = source !== undefined && result.line !== undefined ? await testCodeAt(source, result.line) : undefined;
  const inside = implementationFrame(root, result, implementationFiles);
  let frame: string | undefined;
  if (inside) {
    const text = await readFile(path.join(root, inside.file), "utf8").catch(() => "");
    const sourceLine = text.split("\n")[inside.frame.line - 1]?.trim();
    frame = `${inside.file}:${inside.frame.line}:${inside.frame.column}${inside.frame.fn ? ` (in ${inside.frame.fn})` : ""}${sourceLine ? `: \`${sourceLine}\`` : ""}`;
  }
  return {
    test: result.name,
    file: result.file,
    ...(result.line === undefined ? {} : { line: result.line }),
    ...(code === undefined ? {} : { code }),
    message: result.message ?? "failed",
    ...(result.expected === undefined ? {} : { expected: result.expected }),
    ...(result.received === undefined ? {} : { received: result.received }),
    ...(result.counterexample === undefined ? {} : { counterexample: result.counterexample }),
    ...(frame === undefined ? {} : { frame }),
  };
}
