/** Import rules: no self-import of the spec module, no `__generated__` imports, no `@jaunt/runtime`. */
import path from "node:path";
import type * as TS from "typescript";
import type { Diagnostic, GenerationInput } from "../types.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

const EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/** Every module specifier the file imports or re-exports from, with its node. */
function moduleSpecifiers(ts: TypeScriptApi, file: TS.SourceFile): { specifier: string; node: TS.Node }[] {
  const found: { specifier: string; node: TS.Node }[] = [];
  for (const statement of file.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({ specifier: statement.moduleSpecifier.text, node: statement });
    }
  }
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) found.push({ specifier: arg.text, node });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Diagnostics for forbidden imports in the candidate. */
export function importDiagnostics(ts: TypeScriptApi, file: TS.SourceFile, input: GenerationInput): Diagnostic[] {
  const generatedDir = path.posix.dirname(input.generatedFile);
  const generatedName = path.posix.basename(generatedDir);
  const selfModule = input.specFile.replace(EXTENSION, "");
  const diagnostics: Diagnostic[] = [];
  for (const { specifier, node } of moduleSpecifiers(ts, file)) {
    const at = positionOf(ts, file, node);
    const relative = specifier.startsWith(".");
    const resolved = relative ? path.posix.normalize(path.posix.join(generatedDir, specifier)).replace(EXTENSION, "") : specifier;
    if (relative && (resolved === selfModule || resolved === input.module)) {
      diagnostics.push({ ...at, code: "jaunt/self-import", message: `do not import the spec module "${specifier}" (${input.specFile}) you are implementing; implement and call its specs directly` });
    } else if (resolved.split("/").includes(generatedName)) {
      diagnostics.push({ ...at, code: "jaunt/generated-import", message: `do not import "${specifier}": it is inside a ${generatedName} folder; import other specs through their spec module instead` });
    } else if (specifier === "@jaunt/runtime" || specifier.startsWith("@jaunt/runtime/")) {
      diagnostics.push({ ...at, code: "jaunt/runtime-import", message: `do not import "${specifier}": export plain implementations, not jaunt.magic/jaunt.test wrappers` });
    }
  }
  return diagnostics;
}
