/**
 * The example extractor: a spec's JSDoc `@example` blocks → structured checks
 * with the spec-file line of each. Pure (no I/O, no user code runs).
 *
 * Forms read (docs/spec-guide.md "Examples"):
 * - `expr // => value`, or a statement followed by a line `// => value`; the same with
 *   `// Returns: value`, `// returns value`, `// Output: value`, `// result: value`, `// → value`;
 * - a bare trailing value `expr; // 'hello'`, `console.log(expr); // value` (also on the next
 *   line) — only when the whole comment is literal-like (expected-comment.ts);
 * - a comparison statement `a === b` / `a !== b` / `a == b` / `a != b`;
 * - `expr // throws RangeError` (optionally `: message`);
 * - `await expr // => value`; `expect(…)` / `assert(…)` statements run as written;
 * - every other statement is setup, run in order in the block's one scope.
 * A `const x = f(); // => v` checks `x` after the declaration runs.
 */
import type * as TS from "typescript";
import { syntaxDiagnostics } from "../../validate/syntax.ts";
import type { TypeScriptApi } from "../../validate/typescript-parser.ts";
import { commentBody, readExpectedComment, type CommentReading } from "./expected-comment.ts";
import { freeNames } from "./free-names.ts";
import { exampleSections, type ExampleSection } from "./jsdoc-sections.ts";
import type { ExampleBlock, ExampleCheck, ExampleStep, JsDocOrigin } from "./types.ts";

const COMPARISONS = new Map<TS.SyntaxKind, "===" | "!==" | "==" | "!=">();

function comparisonOf(ts: TypeScriptApi, kind: TS.SyntaxKind): "===" | "!==" | "==" | "!=" | undefined {
  if (COMPARISONS.size === 0) {
    COMPARISONS.set(ts.SyntaxKind.EqualsEqualsEqualsToken, "===");
    COMPARISONS.set(ts.SyntaxKind.ExclamationEqualsEqualsToken, "!==");
    COMPARISONS.set(ts.SyntaxKind.EqualsEqualsToken, "==");
    COMPARISONS.set(ts.SyntaxKind.ExclamationEqualsToken, "!=");
  }
  return COMPARISONS.get(kind);
}

/**
 * Extract the `@example` blocks of one JSDoc comment.
 * @param jsDoc the whole comment, `/** … *\/`, verbatim (one or more JSDoc comments joined by newlines also work).
 * @param origin the spec it documents and the spec-file line of the comment's first line.
 * @returns one `ExampleBlock` per `@example`, in order; a block that cannot run has `unchecked` set
 *   (does not parse, or has no expected value) and no steps. Free names are reported, not judged:
 *   the caller knows the spec module's scope (see `spec-examples.ts`).
 */
export function extractExamples(ts: TypeScriptApi, jsDoc: string, origin: JsDocOrigin): ExampleBlock[] {
  return exampleSections(jsDoc, origin.line).map((section) => extractBlock(ts, section, origin));
}

function extractBlock(ts: TypeScriptApi, section: ExampleSection, origin: JsDocOrigin): ExampleBlock {
  const code = section.lines.map((l) => l.text).join("\n");
  const base = { spec: origin.spec, file: origin.file, line: section.line, code };
  const lineAt = (index: number): number => section.lines[Math.min(index, section.lines.length - 1)]?.line ?? section.line;
  if (code.trim() === "") return { ...base, steps: [], freeNames: [], unchecked: "the example is empty" };
  const syntax = syntaxDiagnostics(code);
  if (syntax.length > 0) {
    const first = syntax[0];
    const where = first?.line === undefined ? "" : ` (line ${lineAt(first.line - 1)})`;
    return { ...base, steps: [], freeNames: [], unchecked: `it does not parse as TypeScript: ${first?.message ?? "syntax error"}${where}` };
  }
  const file = ts.createSourceFile("example.ts", code, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number): number => lineAt(file.getLineAndCharacterOfPosition(pos).line);
  const steps: ExampleStep[] = [];
  let proseReason: string | undefined;
  const statements = file.statements.filter((s) => !ts.isImportDeclaration(s));
  statements.forEach((statement, i) => {
    const next = statements[i + 1];
    const reading = attachedReading(ts, code, file, statement, next);
    const line = lineOf(statement.getStart(file));
    const text = statement.getText(file);
    const source = oneLine(reading ? `${text} // ${reading.comment}` : text);
    const check = (subject: string, expectation: ExampleCheck["expectation"]): void => {
      steps.push({ kind: "check", check: { line, source, subject, expectation } });
    };
    const value = reading?.value;
    if (value?.kind === "not-literal") proseReason ??= `its expected value \`${value.text}\` (line ${line}) is not a literal`;
    if (value && value.kind !== "not-literal") {
      const subject = subjectOf(ts, file, statement);
      if (subject?.setup) steps.push({ kind: "setup", line, code: text });
      if (subject) {
        check(subject.expression, value.kind === "value" ? { kind: "equals", expected: value.expected } : throwsOf(value));
        return;
      }
    }
    if (ts.isExpressionStatement(statement)) {
      const e = unparenthesized(ts, statement.expression);
      const operator = ts.isBinaryExpression(e) ? comparisonOf(ts, e.operatorToken.kind) : undefined;
      if (ts.isBinaryExpression(e) && operator) {
        check(e.left.getText(file), { kind: "compare", operator, right: e.right.getText(file) });
        return;
      }
      if (isAssertionCall(ts, e)) {
        check(text, { kind: "runs" });
        return;
      }
    }
    steps.push({ kind: "setup", line, code: text });
  });
  const names = freeNames(ts, file);
  if (!steps.some((s) => s.kind === "check")) {
    return { ...base, steps: [], freeNames: names, unchecked: proseReason ?? "it states no expected value (write `expr // => value`, `a === b` or `expr // throws Error`)" };
  }
  return { ...base, steps, freeNames: names };
}

function throwsOf(value: Extract<CommentReading, { kind: "throws" }>): ExampleCheck["expectation"] {
  return { kind: "throws", ...(value.errorClass ? { errorClass: value.errorClass } : {}), ...(value.message ? { message: value.message } : {}) };
}

function unparenthesized(ts: TypeScriptApi, e: TS.Expression): TS.Expression {
  return ts.isParenthesizedExpression(e) ? unparenthesized(ts, e.expression) : e;
}

/** The expression a commented statement's value is; `setup` when the statement must run first (a declaration). */
function subjectOf(ts: TypeScriptApi, file: TS.SourceFile, statement: TS.Statement): { expression: string; setup: boolean } | undefined {
  if (ts.isExpressionStatement(statement)) {
    const e = statement.expression;
    if (ts.isCallExpression(e) && e.arguments.length === 1 && e.arguments[0] && e.expression.getText(file) === "console.log") {
      return { expression: e.arguments[0].getText(file), setup: false };
    }
    return { expression: e.getText(file), setup: false };
  }
  if (ts.isVariableStatement(statement)) {
    const declarations = statement.declarationList.declarations;
    const only = declarations[0];
    if (declarations.length === 1 && only && ts.isIdentifier(only.name) && only.initializer) return { expression: only.name.text, setup: true };
  }
  return undefined;
}

/** `expect(…)…`, `assert(…)`, `assert.equal(…)`, `assert.strictEqual(…)`. */
function isAssertionCall(ts: TypeScriptApi, e: TS.Expression): boolean {
  let node: TS.Expression = e;
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node)) {
    node = node.expression;
  }
  return ts.isIdentifier(node) && (node.text === "expect" || node.text === "assert") && ts.isCallExpression(e);
}

interface AttachedReading {
  readonly value: CommentReading;
  readonly comment: string;
}

/**
 * The expected-outcome comment that belongs to `statement`: on its last line, else on the lines right
 * after it (before the next statement, no blank line between). Prose comments are skipped.
 */
function attachedReading(ts: TypeScriptApi, code: string, file: TS.SourceFile, statement: TS.Statement, next: TS.Statement | undefined): AttachedReading | undefined {
  const endLine = file.getLineAndCharacterOfPosition(statement.end).line;
  const limit = next ? next.getStart(file) : code.length;
  let lastLine = endLine;
  const ranges = [...(ts.getTrailingCommentRanges(code, statement.end) ?? []), ...(ts.getLeadingCommentRanges(code, statement.end) ?? [])];
  for (const range of ranges) {
    if (range.pos >= limit) break;
    const line = file.getLineAndCharacterOfPosition(range.pos).line;
    if (line > lastLine + 1) break; // a blank line ends what belongs to this statement
    lastLine = file.getLineAndCharacterOfPosition(range.end).line;
    const comment = code.slice(range.pos, range.end);
    const value = readExpectedComment(ts, commentBody(comment));
    if (value && (value.kind !== "not-literal" || line === endLine)) return { value, comment: commentBody(comment) };
  }
  return undefined;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, " ").trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
