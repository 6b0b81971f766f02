/**
 * Parses one file with the TypeScript compiler API (syntax only: no Program,
 * no user code runs) and extracts its specs, imports and problems.
 */
import ts from "typescript";
import { hasExportModifier, readModuleSyntax, runtimeApiOf, type ModuleSyntax, type RuntimeApi } from "./module-syntax.ts";
import { parseSpecOptions } from "./spec-options.ts";
import { collectReferences, usedImportsOf } from "./spec-references.ts";
import { classApi, classMembers, fullText, functionApi } from "./spec-text.ts";
import type { DiscoveryProblemData, ModuleInfo, ModuleKind, SourceRange, SpecInfo, SpecKind, SpecOptions } from "./types.ts";

export interface ParseInput {
  /** Project-relative path. */
  readonly file: string;
  readonly module: string;
  readonly kind: ModuleKind;
  readonly text: string;
  readonly contentHash: string;
}

interface Context {
  readonly input: ParseInput;
  readonly source: ts.SourceFile;
  readonly syntax: ModuleSyntax;
  readonly namespaces: ReadonlySet<string>;
  readonly problems: DiscoveryProblemData[];
  readonly specs: SpecInfo[];
  /** Runtime calls and decorators that sit in an accepted spec position. */
  readonly accepted: Set<ts.Node>;
}

function report(ctx: Context, node: ts.Node, message: string, hint: string): void {
  const { line, character } = ctx.source.getLineAndCharacterOfPosition(node.getStart(ctx.source));
  ctx.problems.push({ file: ctx.input.file, line: line + 1, column: character + 1, message, hint });
}

function rangeOf(source: ts.SourceFile, node: ts.Node): SourceRange {
  const start = source.getLineAndCharacterOfPosition(node.getStart(source));
  const end = source.getLineAndCharacterOfPosition(node.end);
  return { start: { line: start.line + 1, column: start.character + 1 }, end: { line: end.line + 1, column: end.character + 1 } };
}

/** Checks shared by both spec forms; false when the spec cannot be recorded. */
function checkPlacement(ctx: Context, statement: ts.Statement, nameNode: ts.Node, name: string, api: RuntimeApi): boolean {
  const wrongRoot = api === "magic" ? ctx.input.kind === "test" : ctx.input.kind === "build";
  if (wrongRoot) {
    const where = api === "magic" ? "source_roots" : "test_roots";
    report(ctx, nameNode, `${api}() spec \`${name}\` is outside ${where}`, `move it to a module under ${where} in jaunt.toml`);
    return false;
  }
  const exportedAs = ctx.syntax.exportClause.get(name);
  if (exportedAs !== undefined && exportedAs !== name) {
    report(ctx, nameNode, `spec \`${name}\` is exported as \`${exportedAs}\`; its name differs from its export`, `export it under its own name: export { ${name} }`);
    return false;
  }
  if (!hasExportModifier(statement) && exportedAs === undefined) {
    report(ctx, nameNode, `spec \`${name}\` is not exported`, `add \`export\`: specs must be top-level named exports`);
    return false;
  }
  if (ctx.specs.some((spec) => spec.name === name)) {
    report(ctx, nameNode, `duplicate spec name \`${name}\``, "give each spec of a module its own name");
    return false;
  }
  return true;
}

function record(ctx: Context, statement: ts.Statement, name: string, kind: SpecKind, options: SpecOptions, publicApi: string): void {
  const references = collectReferences(statement, ctx.namespaces, name);
  ctx.specs.push({
    ref: `${ctx.input.module}:${name}`,
    name,
    kind,
    range: rangeOf(ctx.source, statement),
    text: fullText(ctx.source, statement),
    publicApi,
    options,
    usedImports: usedImportsOf(references, ctx.syntax.imports),
    references,
    members: ts.isClassDeclaration(statement) ? classMembers(ctx.source, statement) : undefined,
  });
}

function functionSpec(ctx: Context, statement: ts.VariableStatement, decl: ts.VariableDeclaration, call: ts.CallExpression, api: RuntimeApi): void {
  if (!ts.isIdentifier(decl.name)) {
    report(ctx, decl.name, `${api}() spec must be bound to a single name`, `write export const name = ${api}(function name(…) { … })`);
    return;
  }
  const name = decl.name.text;
  if (!checkPlacement(ctx, statement, decl.name, name, api)) return;
  const args = call.arguments;
  if (args.length < 1 || args.length > 2) {
    report(ctx, call, `${api}() takes a function, or options and a function`, `write ${api}(function ${name}(…) { … })`);
    return;
  }
  const fn = args[args.length - 1];
  if (fn === undefined || !(ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) {
    report(ctx, fn ?? call, `${api}() must wrap a function written inline`, `write ${api}(function ${name}(…) { … }) so Jaunt can read its signature`);
    return;
  }
  if (ts.isFunctionExpression(fn) && fn.name && fn.name.text !== name) {
    report(ctx, fn.name, `function \`${fn.name.text}\` is exported as \`${name}\`; its name differs from its export`, `rename one of them so both read \`${name}\``);
    return;
  }
  const parsed = parseSpecOptions(args.length === 2 ? args[0] : undefined, api);
  for (const problem of parsed.problems) report(ctx, problem.node, problem.message, problem.hint);
  if (parsed.problems.length > 0) return;
  const kind: SpecKind = api === "test" ? "test" : "function";
  record(ctx, statement, name, kind, parsed.options, functionApi(ctx.source, statement, name, fn));
}

function classSpec(ctx: Context, statement: ts.ClassDeclaration, call: ts.CallExpression): void {
  const isDefault = (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if (!statement.name || isDefault) {
    report(ctx, statement.name ?? statement, "a spec must be a named export, not a default or anonymous class", "write @magic() export class Name { … }");
    return;
  }
  const name = statement.name.text;
  if (!checkPlacement(ctx, statement, statement.name, name, "magic")) return;
  if (call.arguments.length > 1) {
    report(ctx, call, "@magic() takes at most one options object", "write @magic() or @magic({ deps: [a] })");
    return;
  }
  const parsed = parseSpecOptions(call.arguments[0], "magic");
  for (const problem of parsed.problems) report(ctx, problem.node, problem.message, problem.hint);
  if (parsed.problems.length > 0) return;
  record(ctx, statement, name, "class", parsed.options, classApi(ctx.source, statement, name));
}

function topLevel(ctx: Context, statement: ts.Statement): void {
  const runtime = ctx.syntax.runtime;
  if (ts.isVariableStatement(statement)) {
    for (const decl of statement.declarationList.declarations) {
      const init = decl.initializer;
      const api = init && ts.isCallExpression(init) ? runtimeApiOf(init.expression, runtime) : undefined;
      if (!init || !ts.isCallExpression(init) || api === undefined) continue;
      ctx.accepted.add(init);
      functionSpec(ctx, statement, decl, init, api);
    }
  } else if (ts.isClassDeclaration(statement)) {
    for (const decorator of ts.getDecorators(statement) ?? []) {
      const expr = decorator.expression;
      if (ts.isCallExpression(expr) && runtimeApiOf(expr.expression, runtime) === "magic") {
        ctx.accepted.add(expr);
        classSpec(ctx, statement, expr);
      } else if (runtimeApiOf(expr, runtime) === "magic") {
        ctx.accepted.add(expr);
        report(ctx, decorator, "@magic needs parentheses", "write @magic() (or @magic(options)) above the class");
      }
    }
  } else if (ts.isExportAssignment(statement) && ts.isCallExpression(statement.expression)) {
    if (runtimeApiOf(statement.expression.expression, runtime) !== undefined) {
      ctx.accepted.add(statement.expression);
      report(ctx, statement, "a spec must be a named export, not `export default`", "write export const name = magic(function name(…) { … })");
    }
  }
}

/** Every runtime call or decorator not in an accepted position is misplaced. */
function reportMisplaced(ctx: Context): void {
  const runtime = ctx.syntax.runtime;
  const visit = (node: ts.Node): void => {
    if (ts.isDecorator(node)) {
      const expr = node.expression;
      const target = expr;
      const api = runtimeApiOf(ts.isCallExpression(expr) ? expr.expression : expr, runtime);
      if (api !== undefined && !ctx.accepted.has(target)) {
        ctx.accepted.add(target);
        report(ctx, node, `@${api}() must decorate a top-level exported class`, "specs cannot be methods, nested or local classes; move it to the top level of the module");
      }
    } else if (ts.isCallExpression(node) && !ctx.accepted.has(node)) {
      const api = runtimeApiOf(node.expression, runtime);
      if (api !== undefined) {
        report(ctx, node, `${api}() must be the initializer of a top-level \`export const\``, `write export const name = ${api}(function name(…) { … }) at the top level of the module`);
      }
    }
    node.forEachChild(visit);
  };
  visit(ctx.source);
}

/** Parse one file. Problems are returned, not thrown, so one run reports them all. */
export function parseModule(input: ParseInput): ModuleInfo {
  const scriptKind = input.file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(input.file, input.text, ts.ScriptTarget.Latest, true, scriptKind);
  const syntax = readModuleSyntax(source);
  const namespaces = new Set(syntax.imports.flatMap((d) => d.bindings.filter((b) => b.imported === "*").map((b) => b.local)));
  const ctx: Context = { input, source, syntax, namespaces, problems: [], specs: [], accepted: new Set() };
  if (syntax.runtime.namespaces.size > 0 || syntax.runtime.named.size > 0) {
    for (const statement of source.statements) topLevel(ctx, statement);
    reportMisplaced(ctx);
  }
  return {
    file: input.file,
    module: input.module,
    kind: input.kind,
    contentHash: input.contentHash,
    specs: ctx.specs,
    imports: syntax.imports,
    reExports: syntax.reExports,
    exportedNames: syntax.exportedNames,
    problems: ctx.problems,
  };
}
