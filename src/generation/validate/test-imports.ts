/**
 * Generated tests run under `bun test`, which runs vitest- and jest-style
 * files too, but the type checker only knows `bun:test`. Instead of spending
 * a retry, imports from "vitest" / "@jest/globals" are rewritten to
 * "bun:test", and a file that uses the test globals without importing them
 * gets the import it needs. `jest.mock(path, factory)`, which bun's types
 * lack, becomes `mock.module(path, factory)` (what bun runs it as).
 */
import type * as TS from "typescript";
import type { TypeScriptApi } from "./typescript-parser.ts";

const FOREIGN = new Set(["vitest", "@jest/globals"]);
const GLOBALS = ["describe", "test", "it", "expect", "beforeAll", "beforeEach", "afterAll", "afterEach", "mock", "spyOn", "jest", "vi"];

/** `code` with its test imports pointing at bun:test (unchanged when nothing needs rewriting). */
export function normalizeTestImports(ts: TypeScriptApi, source: string, kind: TS.ScriptKind = ts.ScriptKind.TS): string {
  const mocks = rewriteJestMocks(ts, source, kind);
  const code = mocks.code;
  const file = ts.createSourceFile("test.ts", code, ts.ScriptTarget.Latest, true, kind);
  let out = code;
  let importsBunTest = false;
  let mockImported = false;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    if (FOREIGN.has(s.moduleSpecifier.text)) edits.push({ start: s.moduleSpecifier.getStart(file), end: s.moduleSpecifier.getEnd(), text: '"bun:test"' });
    if (FOREIGN.has(s.moduleSpecifier.text) || s.moduleSpecifier.text === "bun:test") {
      importsBunTest = true;
      const named = s.importClause?.namedBindings;
      // The rewritten `mock.module(…)` needs `mock` from the import the file already has.
      if (mocks.rewrote && !mockImported && named && ts.isNamedImports(named) && !named.elements.some((el) => el.name.text === "mock") && !s.importClause?.isTypeOnly) {
        const at = named.elements.at(-1)?.getEnd() ?? named.getStart(file) + 1;
        edits.push({ start: at, end: at, text: named.elements.length > 0 ? ", mock" : " mock " });
      }
      if (named && ts.isNamedImports(named) && !s.importClause?.isTypeOnly) mockImported ||= mocks.rewrote;
    }
  }
  edits.sort((a, b) => a.start - b.start);
  for (const edit of edits.reverse()) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  if (importsBunTest) return out;
  const used = usedGlobals(ts, file);
  return used.length === 0 ? out : `import { ${used.join(", ")} } from "bun:test";\n${out}`;
}

/** Test globals referenced but not declared or imported by the file. */
function usedGlobals(ts: TypeScriptApi, file: TS.SourceFile): string[] {
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (node: TS.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportClause(node)) && node.name && ts.isIdentifier(node.name)) declared.add(node.name.text);
    if (ts.isIdentifier(node) && GLOBALS.includes(node.text)) {
      const p = node.parent;
      const isName = ts.isPropertyAccessExpression(p) && p.name === node;
      if (!isName) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return GLOBALS.filter((g) => used.has(g) && !declared.has(g));
}

/** `jest.mock(path, factory)` → `mock.module(path, factory)`; a call without a factory stays (the gate names it). */
function rewriteJestMocks(ts: TypeScriptApi, code: string, kind: TS.ScriptKind): { code: string; rewrote: boolean } {
  const file = ts.createSourceFile("test.ts", code, ts.ScriptTarget.Latest, true, kind);
  const edits: { start: number; end: number }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 2 && ts.isPropertyAccessExpression(node.expression)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee.expression) && callee.expression.text === "jest" && callee.name.text === "mock") edits.push({ start: callee.getStart(file), end: callee.getEnd() });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const edit of edits.reverse()) out = `${out.slice(0, edit.start)}mock.module${out.slice(edit.end)}`;
  return { code: out, rewrote: edits.length > 0 };
}
