/**
 * A module's examples, extracted once per spec module text (every candidate
 * and retry of the module reuses them): the runnable blocks, the module's
 * scope for the example program, the unchecked blocks with their reasons,
 * and warnings for examples that contradict each other.
 */
import type { GenerationInput } from "../types.ts";
import type { TypeScriptApi } from "../validate/typescript-parser.ts";
import { scriptKindOf } from "../validate/typescript-parser.ts";
import { moduleScope, type ModuleScope } from "./examples/module-scope.ts";
import { specExamples } from "./examples/spec-examples.ts";
import type { ExampleBlock } from "./examples/types.ts";

export interface UncheckedExample {
  readonly file: string;
  readonly line: number;
  readonly spec: string;
  readonly reason: string;
}

export interface ModuleExamples {
  readonly blocks: readonly ExampleBlock[];
  readonly scope: ModuleScope;
  readonly unchecked: readonly UncheckedExample[];
  readonly warnings: readonly string[];
}

const memo = new Map<string, ModuleExamples>();
const MEMO_LIMIT = 200;

export function moduleExamples(ts: TypeScriptApi, input: GenerationInput): ModuleExamples {
  const key = `${input.specFile}\u0000${input.specs.map((s) => s.ref).join(",")}\u0000${input.specSource}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const file = ts.createSourceFile(input.specFile, input.specSource, ts.ScriptTarget.Latest, true, scriptKindOf(ts, input.specFile));
  const blocks = specExamples(ts, { specFile: input.specFile, specSource: input.specSource, specs: input.specs.map((s) => ({ ref: s.ref, name: s.name })) });
  const unchecked = blocks.flatMap((b) => (b.unchecked ? [{ file: b.file, line: b.line, spec: b.spec, reason: b.unchecked }] : []));
  const warnings = [...new Set(unchecked.filter((u) => u.reason.startsWith("examples contradict")).map((u) => u.reason))];
  const value: ModuleExamples = { blocks, scope: moduleScope(ts, file), unchecked, warnings };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}
