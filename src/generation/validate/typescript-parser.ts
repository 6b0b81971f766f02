/** Lazy access to the TypeScript parser (heavy: ~0.3 s to import, once per process/Worker). */
import type * as TS from "typescript";

export type TypeScriptApi = typeof TS;

let loaded: Promise<TypeScriptApi> | undefined;

export function loadTypeScript(): Promise<TypeScriptApi> {
  loaded ??= import("typescript").then((m) => ("default" in m && m.default ? m.default : m));
  return loaded;
}

/** 1-based line/column of a node's start. */
export function positionOf(ts: TypeScriptApi, file: TS.SourceFile, node: TS.Node): { line: number; column: number } {
  const { line, character } = ts.getLineAndCharacterOfPosition(file, node.getStart(file));
  return { line: line + 1, column: character + 1 };
}

/** `.tsx` files hold JSX (and no `<T>expr` casts): parse, transpile and check them as TSX, like the user's toolchain does. */
export function isTsx(file: string): boolean {
  return file.endsWith(".tsx");
}

export function scriptKindOf(ts: TypeScriptApi, file: string): TS.ScriptKind {
  return isTsx(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}
