/**
 * Parses one file with the TypeScript compiler API (syntax only: no Program,
 * no user code runs) and extracts its specs, imports and problems.
 */
import ts from "typescript";
import { decoratorOrderProblem } from "./decorator-order.ts";
import { localTypeDeclarations, referencedTypeDeclarations, referencedTypesText } from "./local-types.ts";
import { syntaxFault } from "./syntax-gate.ts";
import { hasExportModifier, readModuleSyntax, runtimeApiOf, type ModuleSyntax, type RuntimeApi } from "./module-syntax.ts";
import { parseSpecOptions } from "./spec-options.ts";
import { collectReferences, commentMentions, specNameFilter, usedImportsOf } from "./spec-references.ts";
import { misplacedRuntimeCalls, runtimeTypo, specCall } from "./spec-sites.ts";
import { classApi, classMembers, declaredApi, fullText, functionApi, jsDocText } from "./spec-text.ts";
import type { FileLayout } from "./comment-patch.ts";
import { layoutOf, type SpecSite } from "./layout-of.ts";
import { type NodeWarning, plainAssertionSpec, todoOutsideSpecs } from "./spec-warnings.ts";
import { RUNTIME_PACKAGE } from "./runtime-package.ts";
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
  /** Local names bound by imports of other modules (the runtime excluded). */
  readonly imported: ReadonlySet<string>;
  readonly types: ReturnType<typeof localTypeDeclarations>;
  readonly problems: DiscoveryProblemData[];
  readonly warnings: DiscoveryProblemData[];
  readonly specs: SpecInfo[];
  /** Statements holding a spec (recorded or rejected). */
  readonly specStatements: Set<ts.Node>;
  readonly rejected: string[];
  /** Runtime calls and decorators that sit in an accepted spec position. */
  readonly accepted: Set<ts.Node>;
  /** Per recorded spec, what its layout needs (layout-of.ts). */
  readonly sites: SpecSite[];
}

function problemAt(ctx: Context, node: ts.Node, message: string, hint: string): DiscoveryProblemData {
  const { line, character } = ctx.source.getLineAndCharacterOfPosition(node.getStart(ctx.source));
  return { file: ctx.input.file, line: line + 1, column: character + 1, message, hint };
}

function report(ctx: Context, node: ts.Node, message: string, hint: string): void {
  ctx.problems.push(problemAt(ctx, node, message, hint));
}

function warn(ctx: Context, warning: NodeWarning): void {
  ctx.warnings.push(problemAt(ctx, warning.node, warning.message, warning.hint));
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

function record(ctx: Context, statement: ts.Statement, name: string, kind: SpecKind, options: SpecOptions, api: string, body: ts.Node | undefined): void {
  const text = fullText(ctx.source, statement);
  // The spec's declared type (an overload interface, `: T`, `satisfies T`) is part of what it says.
  const own = collectReferences(statement, ctx.namespaces, name);
  const declared = referencedTypeDeclarations(ctx.types, own).flatMap((decl) => collectReferences(decl, ctx.namespaces, name));
  const code = declared.length === 0 ? own : [...new Set([...own, ...declared])].sort();
  const mentioned = commentMentions(text, ctx.imported, ctx.namespaces).filter((n) => n !== name);
  const references = mentioned.length === 0 ? code : [...new Set([...code, ...mentioned])].sort();
  const types = referencedTypesText(ctx.source, ctx.types, code);
  const doc = jsDocText(ctx.source, statement);
  ctx.sites.push({ statement, body, rest: doc === "" ? api : api.slice(doc.length + 1), types, codeRefs: code });
  ctx.specs.push({
    ref: `${ctx.input.module}:${name}`,
    name,
    kind,
    range: rangeOf(ctx.source, statement),
    text,
    publicApi: types === "" ? api : `${types}\n${api}`,
    options,
    usedImports: usedImportsOf(references, ctx.syntax.imports),
    references,
    members: ts.isClassDeclaration(statement) ? classMembers(ctx.source, statement) : undefined,
  });
}

function functionSpec(ctx: Context, statement: ts.VariableStatement, decl: ts.VariableDeclaration, call: ts.CallExpression, api: RuntimeApi, declaredType: ts.TypeNode | undefined): void {
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
  const assertion = plainAssertionSpec(decl, fn, name, ctx.source);
  if (assertion && declaredType === undefined) warn(ctx, assertion);
  const type = decl.type ?? declaredType;
  const publicApi = type ? declaredApi(ctx.source, statement, name, type) : functionApi(ctx.source, statement, name, fn);
  record(ctx, statement, name, kind, parsed.options, publicApi, fn.body);
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
  record(ctx, statement, name, "class", parsed.options, classApi(ctx.source, statement, name), undefined);
}

function topLevel(ctx: Context, statement: ts.Statement): void {
  const runtime = ctx.syntax.runtime;
  if (ts.isVariableStatement(statement)) {
    for (const decl of statement.declarationList.declarations) {
      const found = decl.initializer && specCall(decl.initializer);
      const api = found && runtimeApiOf(found.call.expression, runtime);
      const typo = found && api === undefined ? runtimeTypo(found.call.expression, runtime) : undefined;
      if (typo) report(ctx, typo.node, typo.message, typo.hint);
      if (!found || api === undefined) continue;
      ctx.accepted.add(found.call);
      ctx.specStatements.add(statement);
      const before = ctx.specs.length;
      functionSpec(ctx, statement, decl, found.call, api, found.declaredType);
      if (ctx.specs.length === before && ts.isIdentifier(decl.name)) ctx.rejected.push(decl.name.text);
    }
  } else if (ts.isClassDeclaration(statement)) {
    for (const decorator of ts.getDecorators(statement) ?? []) {
      const expr = decorator.expression;
      const typo = runtimeTypo(ts.isCallExpression(expr) ? expr.expression : expr, runtime);
      if (typo) report(ctx, typo.node, typo.message, typo.hint);
      if (ts.isCallExpression(expr) && runtimeApiOf(expr.expression, runtime) === "magic") {
        ctx.accepted.add(expr);
        ctx.specStatements.add(statement);
        const order = decoratorOrderProblem(ctx.source, statement, decorator);
        if (order) {
          report(ctx, order.node, order.message, order.hint);
          if (statement.name) ctx.rejected.push(statement.name.text);
          continue;
        }
        const before = ctx.specs.length;
        classSpec(ctx, statement, expr);
        if (ctx.specs.length === before && statement.name) ctx.rejected.push(statement.name.text);
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

/** Parse one file. Problems are returned, not thrown, so one run reports them all. */
export function parseModule(input: ParseInput): ModuleInfo {
  return parseModuleWithLayout(input).info;
}

/**
 * Parse one file and record its layout for comment-only re-plans
 * (comment-patch.ts); the layout is undefined for a file with problems or
 * warnings, or one the patch could not redo exactly.
 */
export function parseModuleWithLayout(input: ParseInput): { readonly info: ModuleInfo; readonly layout: FileLayout | undefined } {
  const scriptKind = input.file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(input.file, input.text, ts.ScriptTarget.Latest, true, scriptKind);
  const syntax = readModuleSyntax(source);
  const namespaces = new Set(syntax.imports.flatMap((d) => d.bindings.filter((b) => b.imported === "*").map((b) => b.local)));
  const imported = new Set(syntax.imports.filter((d) => d.specifier !== RUNTIME_PACKAGE).flatMap((d) => d.bindings.map((b) => b.local)));
  const ctx: Context = {
    input, source, syntax, namespaces, imported, types: localTypeDeclarations(source),
    problems: [], warnings: [], specs: [], specStatements: new Set(), rejected: [], accepted: new Set(), sites: [],
  };
  const runtime = syntax.runtime;
  const fault = runtime.namespaces.size > 0 || runtime.named.size > 0 || runtime.todo.size > 0 ? syntaxFault(input.file, input.text) : undefined;
  if (fault) {
    // TypeScript's tree of a file that does not parse is a guess: report the error alone, plan nothing from it.
    const at = source.getLineAndCharacterOfPosition(Math.min(fault.offset ?? 0, input.text.length));
    ctx.problems.push({
      file: input.file,
      line: at.line + 1,
      column: at.character + 1,
      message: `syntax error: ${fault.message}`,
      hint: "fix the syntax at the line shown (Bun cannot load the file as it is; `bun check` shows TypeScript's view)",
    });
  } else if (runtime.namespaces.size > 0 || runtime.named.size > 0 || runtime.todo.size > 0) {
    for (const statement of source.statements) topLevel(ctx, statement);
    for (const m of misplacedRuntimeCalls(source, runtime, ctx.accepted)) report(ctx, m.node, m.message, m.hint);
    for (const warning of todoOutsideSpecs(source, runtime, ctx.specStatements)) warn(ctx, warning);
  }
  // Only names that can stand for specs are kept: the parse cache stores them, and planning reads them on every run.
  const mayBeSpec = specNameFilter(imported, [...ctx.specs.map((s) => s.name), ...ctx.rejected]);
  const specs = ctx.specs.map((spec): SpecInfo => ({ ...spec, references: spec.references.filter(mayBeSpec) }));
  const plain = fault === undefined && ctx.problems.length === 0 && ctx.warnings.length === 0 && ctx.sites.length === specs.length;
  const layout = plain ? layoutOf(source, ctx.sites, [...ctx.types.values()].flat()) : undefined;
  const info: ModuleInfo = {
    file: input.file,
    module: input.module,
    kind: input.kind,
    contentHash: input.contentHash,
    specs,
    imports: syntax.imports,
    reExports: syntax.reExports,
    exportedNames: syntax.exportedNames,
    localExports: syntax.localExports,
    problems: ctx.problems,
    warnings: ctx.warnings,
    rejected: ctx.rejected,
  };
  return { info, layout };
}
