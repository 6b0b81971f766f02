/**
 * What static discovery learns about spec modules (DESIGN §4). Everything here
 * is plain, JSON-serialisable data: it is cached on disk by content hash and
 * handed to the graph, digests, prompts and validation stages.
 */

/** A 1-based position in a file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A range in a file, 1-based, end exclusive-ish (the position after the last character). */
export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

export type SpecKind = "function" | "class" | "test";
export type ModuleKind = "build" | "test";

/** Literal options of `magic(options, fn)`, `@magic(options)` or `test(options, fn)`. */
export interface SpecOptions {
  /**
   * Entries of `deps: [a, "src/c:second"]`: identifier texts (a `ns.a` member
   * access is kept as `ns.a`) and SpecRef strings, which always contain `:`.
   */
  readonly deps: readonly string[];
  readonly prompt: string | undefined;
}

/** One name bound by an import declaration. */
export interface ImportBinding {
  /** The name used in this module. */
  readonly local: string;
  /** The exported name in the imported module; "default" or "*" (namespace import). */
  readonly imported: string;
  readonly typeOnly: boolean;
}

export interface ImportDecl {
  readonly specifier: string;
  readonly bindings: readonly ImportBinding[];
  /** Project-relative path (`/`-separated) of the file it resolves to; undefined for packages or unresolved. */
  readonly resolvedFile: string | undefined;
  readonly line: number;
}

/** `export { a as b } from "./x"` or `export * from "./x"`: how re-exports are followed for inference. */
export interface ReExportDecl {
  readonly specifier: string;
  /** undefined for `export * from`; otherwise exported name → name in the target module. */
  readonly names: readonly { readonly exported: string; readonly imported: string }[] | undefined;
  readonly resolvedFile: string | undefined;
}

/** An import a spec uses: a binding of one of its module's imports that the spec's text references. */
export interface UsedImport {
  readonly specifier: string;
  readonly local: string;
  readonly imported: string;
  /** For namespace imports (`ns.x`), the member names used. */
  readonly members: readonly string[];
}

export type ClassMemberKind = "constructor" | "method" | "property" | "getter" | "setter" | "parameter-property";

/** A member declared by a class spec, checked later against the generated class. */
export interface ClassMember {
  readonly name: string;
  readonly kind: ClassMemberKind;
  readonly isStatic: boolean;
  readonly optional: boolean;
}

export interface SpecInfo {
  /** `<module>:<name>`. */
  readonly ref: string;
  readonly name: string;
  readonly kind: SpecKind;
  readonly range: SourceRange;
  /** Full source: leading comments/JSDoc and the whole statement (signature and stub body). */
  readonly text: string;
  /** JSDoc and signature without bodies: what dependents' prompts show. */
  readonly publicApi: string;
  readonly options: SpecOptions;
  readonly usedImports: readonly UsedImport[];
  /**
   * Names that may stand for other specs: imported bindings (`x`, `ns.x`) and
   * this module's spec names that the spec's code references, plus imported
   * names its comments and JSDoc mention (sorted, unique, own name excluded).
   */
  readonly references: readonly string[];
  /** Only for classes. */
  readonly members: readonly ClassMember[] | undefined;
}

export interface DiscoveryProblemData {
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly hint: string;
}

/** One parsed project file. Files with specs become modules of the plan; others only matter for re-exports. */
export interface ModuleInfo {
  /** Project-relative, `/`-separated. */
  readonly file: string;
  /** The file's path without extension: the module part of SpecRefs. */
  readonly module: string;
  readonly kind: ModuleKind;
  /** `sha256:<hex>` of the file's bytes. */
  readonly contentHash: string;
  readonly specs: readonly SpecInfo[];
  readonly imports: readonly ImportDecl[];
  readonly reExports: readonly ReExportDecl[];
  /** Names this module exports locally (`export const/function/class`, `export { x }`). */
  readonly exportedNames: readonly string[];
  /** Exported name → local name of `export { a as b }` clauses without `from`. */
  readonly localExports: Readonly<Record<string, string>>;
  /** Problems found in this file alone (collected, thrown together later). */
  readonly problems: readonly DiscoveryProblemData[];
  /** Things that work but silently do nothing or break callers (printed, fatal only under `--strict`). */
  readonly warnings: readonly DiscoveryProblemData[];
  /** Names of spec candidates rejected by a problem: deps naming them add no second error. */
  readonly rejected: readonly string[];
}

/** Result of discovering a whole project. */
export interface DiscoveryResult {
  /** Every parsed file by project-relative path, spec modules and re-export hubs alike. */
  readonly files: ReadonlyMap<string, ModuleInfo>;
  /** Files with at least one spec, in path order. */
  readonly modules: readonly ModuleInfo[];
  /** Project-relative paths of files found inside generated dirs (for orphan detection). */
  readonly generatedFiles: readonly string[];
}
