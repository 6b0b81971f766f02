/**
 * All `@example` blocks of a spec module: each spec's JSDoc, a class spec's
 * members' JSDoc, and the interface or type alias that declares a function
 * spec's overloads (`export const clamp: ClampFn = jaunt.magic(…)`), each
 * extracted with its spec-file lines. Blocks that use a name the spec module
 * neither exports nor imports (module-scope.ts) (and that is no global) and examples that
 * contradict each other become unchecked with the reason.
 */
import type * as TS from "typescript";
import type { TypeScriptApi } from "../../validate/typescript-parser.ts";
import { extractExamples } from "./extract.ts";
import { moduleScope } from "./module-scope.ts";
import type { ExampleBlock } from "./types.ts";

export interface SpecExamplesInput {
  /** Project-relative spec file. */
  readonly specFile: string;
  /** The spec module's text, verbatim. */
  readonly specSource: string;
  readonly specs: readonly { readonly ref: string; readonly name: string }[];
}

/** Every example block of the module's specs, in source order. */
export function specExamples(ts: TypeScriptApi, input: SpecExamplesInput): ExampleBlock[] {
  const file = ts.createSourceFile(input.specFile, input.specSource, ts.ScriptTarget.Latest, true, input.specFile.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names = moduleScope(ts, file);
  const scope = new Set([...names.imported, ...names.exports]);
  const blocks: ExampleBlock[] = [];
  for (const spec of input.specs) {
    for (const node of documentedNodes(ts, file, spec.name)) {
      for (const range of ts.getLeadingCommentRanges(file.text, node.pos) ?? []) {
        if (!file.text.startsWith("/**", range.pos)) continue;
        const line = file.getLineAndCharacterOfPosition(range.pos).line + 1;
        const jsDoc = file.text.slice(range.pos, range.end);
        blocks.push(...extractExamples(ts, jsDoc, { spec: spec.ref, file: input.specFile, line }).map((b) => withinScope(b, scope)));
      }
    }
  }
  return markContradictions(blocks);
}

function withinScope(block: ExampleBlock, scope: ReadonlySet<string>): ExampleBlock {
  if (block.unchecked) return block;
  const unknown = block.freeNames.filter((n) => !scope.has(n) && !(n in globalThis) && n !== "expect" && n !== "assert");
  if (unknown.length === 0) return block;
  const list = unknown.map((n) => `\`${n}\``).join(", ");
  return { ...block, steps: [], unchecked: `it uses ${list}, which the spec module neither exports nor imports` };
}

/** Statements and members whose JSDoc documents the spec `name`. */
function documentedNodes(ts: TypeScriptApi, file: TS.SourceFile, name: string): TS.Node[] {
  const nodes: TS.Node[] = [];
  for (const statement of file.statements) {
    if (ts.isClassDeclaration(statement) && statement.name?.text === name) {
      nodes.push(statement, ...statement.members);
    }
    if (!ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (!declaration) continue;
    nodes.push(statement);
    const init = declaration.initializer;
    const typeNode = declaration.type ?? (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) ? init.type : undefined);
    if (typeNode && ts.isTypeReferenceNode(typeNode) && ts.isIdentifier(typeNode.typeName)) nodes.push(...typeDeclarations(ts, file, typeNode.typeName.text));
  }
  return nodes;
}

/** The interface or type alias `typeName` declared in the file, with its members (overload signatures carry their own JSDoc). */
function typeDeclarations(ts: TypeScriptApi, file: TS.SourceFile, typeName: string): TS.Node[] {
  const found: TS.Node[] = [];
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement) && statement.name.text === typeName) found.push(statement, ...statement.members);
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === typeName) {
      found.push(statement);
      if (ts.isTypeLiteralNode(statement.type)) found.push(...statement.type.members);
    }
  }
  return found;
}

/** Equality checks of the same expression, run without setup, that expect different values: both blocks become unchecked, naming each other's line. */
function markContradictions(blocks: readonly ExampleBlock[]): ExampleBlock[] {
  const seen = new Map<string, { expected: string; raw: string; line: number; index: number }>();
  const reasons = new Map<number, string>();
  blocks.forEach((block, index) => {
    if (block.unchecked) return;
    for (const step of block.steps) {
      if (step.kind === "setup") break; // state may differ after setup
      const e = step.check.expectation;
      const expected = e.kind === "equals" ? e.expected : e.kind === "compare" && e.operator === "===" ? e.right : undefined;
      if (expected === undefined) continue;
      const key = `${block.spec}\u0000${step.check.subject.replace(/\s+/g, "")}`;
      const earlier = seen.get(key);
      if (!earlier) {
        seen.set(key, { expected: expected.replace(/\s+/g, ""), raw: expected, line: step.check.line, index });
        continue;
      }
      if (earlier.expected === expected.replace(/\s+/g, "")) continue;
      const why = `examples contradict each other: \`${step.check.subject}\` is ${earlier.raw} at ${block.file}:${earlier.line} and ${expected} at ${block.file}:${step.check.line}`;
      reasons.set(index, why);
      reasons.set(earlier.index, why);
    }
  });
  return blocks.map((b, i) => {
    const why = reasons.get(i);
    return why ? { ...b, steps: [], unchecked: why } : b;
  });
}
