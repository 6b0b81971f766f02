/**
 * Choose the module among an answer's code blocks by content, never by size:
 * the block — or the definition blocks joined in order — that parses, exports
 * every required spec and does not import `@jaunt/runtime`. A block whose
 * heading or path comment names the generated file wins; among several
 * complete blocks the last (the model's final version) wins. When blocks
 * compete and none qualifies, the diagnostic says so.
 */
import path from "node:path";
import type * as TS from "typescript";
import type { Diagnostic, GenerationInput } from "../types.ts";
import { collectExports } from "./export-rules.ts";
import { finish, readAnswer, type CodeBlock } from "./extract-code.ts";
import { purityScope } from "./purity-scope.ts";
import { statementEffect } from "./statement-effects.ts";
import { syntaxDiagnostics } from "./syntax.ts";
import { isTsx, scriptKindOf, type TypeScriptApi } from "./typescript-parser.ts";

export interface ChosenCode {
  readonly code: string;
  /** True when the code sat in a closed fence (so a cut-off answer was cut only after it). */
  readonly complete: boolean;
  /** Set when the answer's shape is the problem (competing blocks, none a whole module). */
  readonly diagnostic?: Diagnostic;
}

interface Assessed {
  readonly block: CodeBlock;
  readonly parses: boolean;
  readonly missing: readonly string[];
  readonly importsRuntime: boolean;
  /** Only imports and declarations at top level (no usage examples, no statements). */
  readonly definesOnly: boolean;
  readonly declared: readonly string[];
  readonly namesFile: boolean;
}

/** The code to validate for `answer`. */
export function chooseCode(ts: TypeScriptApi, answer: string, input: GenerationInput): ChosenCode {
  const { text, blocks, fenceCount } = readAnswer(answer);
  // Unfenced code cannot show that it ended: it only counts as complete when the answer was not cut off.
  if (blocks.length === 0) return fenceCount > 0 ? { code: "", complete: false } : { code: unfencedCode(text, isTsx(input.generatedFile) ? "tsx" : "ts"), complete: false };
  if (blocks.length === 1) return fromBlock(blocks[0]);

  const assessed = blocks.map((block) => assess(ts, block, input));
  const qualifies = (a: Assessed) => a.parses && a.missing.length === 0 && !a.importsRuntime;
  const named = assessed.filter((a) => a.namesFile && qualifies(a));
  if (named.length > 0) return fromBlock(named.at(-1)?.block);

  // "First a helper, then the function": definition blocks that declare distinct names, joined in order.
  const definitions = assessed.filter((a) => a.parses && a.definesOnly && !a.importsRuntime);
  const names = definitions.flatMap((a) => a.declared);
  if (definitions.length > 1 && new Set(names).size === names.length) {
    const joined = joinBlocks(definitions.map((a) => a.block));
    const whole = assess(ts, { ...joined, lang: "ts", label: "" }, input);
    if (qualifies(whole)) return { code: joined.body, complete: joined.closed };
  }
  // The model's final version: never an earlier draft, even when the last block breaks a rule (the rules say so).
  const best = assessed.filter(qualifies).at(-1);
  if (best) return fromBlock(best.block);

  const reasons = assessed.map((a, i) => `block ${i + 1}: ${reason(a)}`).join("; ");
  return {
    code: blocks.at(-1)?.body ?? "",
    complete: blocks.at(-1)?.closed ?? true,
    diagnostic: {
      code: "jaunt/answer-shape",
      message: `your answer has ${blocks.length} code blocks and none of them, nor all of them joined, is the whole module (${reasons}); reply with the whole module in one \`\`\`ts block`,
    },
  };
}

const CODE_START = /^(?:import|export|function|async|const|let|var|class|interface|type|enum|declare|abstract|\/\/|\/\*|@)\b|^\/[/*]/;
const CODE_END = /[;})\]]\s*(?:\/\/.*)?$/;

/** An answer without fences: the whole text, or — when prose around the code keeps it from parsing — the lines from the first code-like line to the last. */
function unfencedCode(text: string, loader: "ts" | "tsx"): string {
  const whole = finish(text);
  if (syntaxDiagnostics(whole, loader).length === 0) return whole;
  const lines = whole.split("\n");
  const first = lines.findIndex((line) => CODE_START.test(line));
  const last = lines.findLastIndex((line) => CODE_END.test(line));
  if (first === -1 || last < first) return whole;
  const code = finish(lines.slice(first, last + 1).join("\n"));
  return syntaxDiagnostics(code, loader).length === 0 ? code : whole;
}

function fromBlock(block: CodeBlock | undefined): ChosenCode {
  return block ? { code: block.body, complete: block.closed } : { code: "", complete: true };
}

function reason(a: Assessed): string {
  if (!a.parses) return "does not parse";
  if (a.importsRuntime) return "imports @jaunt/runtime";
  if (a.missing.length > 0) return `does not export ${a.missing.map((n) => `\`${n}\``).join(", ")}`;
  return "not a module";
}

/** Blocks joined in order; an import repeated verbatim by a later block is dropped. */
function joinBlocks(blocks: readonly CodeBlock[]): { body: string; closed: boolean } {
  const seen = new Set<string>();
  const parts = blocks.map((b) =>
    b.body
      .split("\n")
      .filter((line) => {
        if (!/^import\s/.test(line)) return true;
        if (seen.has(line.trim())) return false;
        seen.add(line.trim());
        return true;
      })
      .join("\n"),
  );
  return { body: finish(parts.join("\n")), closed: blocks.every((b) => b.closed) };
}

function assess(ts: TypeScriptApi, block: CodeBlock, input: GenerationInput): Assessed {
  const parses = syntaxDiagnostics(block.body, isTsx(input.generatedFile) ? "tsx" : "ts").length === 0;
  const file = ts.createSourceFile("block.ts", block.body, ts.ScriptTarget.Latest, true, scriptKindOf(ts, input.generatedFile));
  const exports = collectExports(ts, file);
  const missing =
    input.kind === "test"
      ? /\b(?:test|it)(?:\.\w+)*\s*\(/.test(block.body) ? [] : ["test(…)"]
      : input.specs.filter((s) => s.kind !== "test" && !exports.has(s.name)).map((s) => s.name);
  const importsRuntime = file.statements.some(
    (s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text.startsWith("@jaunt/runtime"),
  );
  // A loop or block that only fills the block's own data (`for (…) TABLE[n] = …`) defines, like a declaration; a call of anything else (a usage example) does not.
  const scope = purityScope(ts, file, () => false);
  const definesOnly = file.statements.every((s) => !isStatementLike(ts, s) || (input.kind === "test" && ts.isExpressionStatement(s)) || (!ts.isExpressionStatement(s) && !statementEffect(scope, s)));
  return { block, parses, missing, importsRuntime, definesOnly, declared: declaredNames(ts, file), namesFile: namesFile(block, input) };
}

function isStatementLike(ts: TypeScriptApi, s: TS.Statement): boolean {
  return ts.isExpressionStatement(s) || ts.isIfStatement(s) || ts.isIterationStatement(s, false) || ts.isTryStatement(s) || ts.isBlock(s);
}

function declaredNames(ts: TypeScriptApi, file: TS.SourceFile): string[] {
  const names: string[] = [];
  for (const s of file.statements) {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
      // Overloads repeat a function's name within one block; count it once.
      if (!names.includes(s.name.text)) names.push(s.name.text);
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    }
  }
  return names;
}

/** The fence's heading or info string, or a leading path comment, names the generated file. */
function namesFile(block: CodeBlock, input: GenerationInput): boolean {
  const base = path.posix.basename(input.generatedFile);
  const firstLine = block.body.split("\n", 1)[0] ?? "";
  const where = `${block.label}\n${/^\s*(?:\/\/|\/\*)/.test(firstLine) ? firstLine : ""}`;
  return where.includes(input.generatedFile) || where.includes(base) || where.includes(`${input.module}.ts`);
}
