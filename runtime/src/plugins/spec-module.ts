/**
 * What the bundler plugins need to know about a file that imports
 * `@jaunt/runtime`: is it a spec module, which specs does it declare, where
 * is its generated sibling, and is that sibling built. Read from the source
 * text (the runtime has no parser): specs are top-level exported
 * declarations, the only form discovery accepts.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import { JauntNotBuiltError } from "../errors.ts";
import { projectOf } from "../project-root.ts";
import { DEFAULT_GENERATED_DIR, moduleIdOf } from "../spec-location.ts";

/** A spec module as the plugins link it. */
export interface SpecModule {
  readonly specFile: string;
  /** `src/slug` */
  readonly module: string;
  readonly generatedDir: string;
  /** Absolute path of the generated sibling, when it exists. */
  readonly generatedFile: string | undefined;
  /** Declared spec names in source order. */
  readonly functionNames: readonly string[];
  readonly classNames: readonly string[];
}

const FUNCTION_SPEC = /\bexport\s+const\s+([A-Za-z_$][\w$]*)\s*(?::[^=;]*)?=\s*(?:[\w$]+\s*\.\s*)?magic\s*[(<]/g;
const CLASS_SPEC = /@(?:[\w$]+\s*\.\s*)?magic\s*\([\s\S]*?\bclass\s+([A-Za-z_$][\w$]*)/g;
const RUNTIME_IMPORT = /\bfrom\s*["']@jaunt\/runtime["']/;

/** Drops comments (JSDoc examples often show spec declarations); keeps strings' `//` when preceded by a quote-free `:`. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

function namesOf(pattern: RegExp, source: string): string[] {
  return Array.from(source.matchAll(pattern), (match) => match[1] ?? "").filter((name) => name !== "");
}

function generatedFileOf(specFile: string, generatedDir: string): string | undefined {
  const ext = extname(specFile);
  const base = join(dirname(specFile), generatedDir, basename(specFile, ext));
  return [ext, ".ts", ".tsx", ".mts", ".js", ".mjs"].map((candidate) => base + candidate).find((file) => existsSync(file));
}

/** The spec module in `specFile` (its text is `source`), or `undefined` when it declares no spec. */
export function readSpecModule(specFile: string, source: string): SpecModule | undefined {
  if (!RUNTIME_IMPORT.test(source)) return undefined;
  const code = withoutComments(source);
  const functionNames = namesOf(FUNCTION_SPEC, code);
  const classNames = namesOf(CLASS_SPEC, code);
  if (functionNames.length === 0 && classNames.length === 0) return undefined;
  const project = projectOf(specFile);
  const generatedDir = project.generatedDir ?? DEFAULT_GENERATED_DIR;
  return {
    specFile,
    module: moduleIdOf(project.root, specFile),
    generatedDir,
    generatedFile: generatedFileOf(specFile, generatedDir),
    functionNames,
    classNames,
  };
}

/** Spec names listed in a generated file's `// jaunt:spec_refs=[…]` header, if it has one. */
export function headerSpecNames(generatedSource: string): string[] | undefined {
  const line = /^\/\/ jaunt:spec_refs=(.*)$/m.exec(generatedSource.slice(0, 4096))?.[1];
  if (line === undefined) return undefined;
  try {
    const refs: unknown = JSON.parse(line);
    if (!Array.isArray(refs)) return undefined;
    return refs.filter((ref) => typeof ref === "string").map((ref) => ref.slice(ref.lastIndexOf(":") + 1));
  } catch {
    return undefined;
  }
}

function displayPath(file: string): string {
  const fromCwd = relative(process.cwd(), file);
  return fromCwd.startsWith("..") ? file : fromCwd.split(sep).join("/");
}

/**
 * Throws when the bundle could not carry the spec module's implementation:
 * no generated sibling, or one generated before a spec was added.
 */
export function assertLinkable(spec: SpecModule): string {
  const refs = [...spec.functionNames, ...spec.classNames].map((name) => `${spec.module}:${name}`);
  const expected = join(dirname(spec.specFile), spec.generatedDir, basename(spec.specFile));
  const hint = `run \`jaunt build\` before bundling: the bundle links ${displayPath(expected)} into ${displayPath(spec.specFile)}`;
  const first = refs[0] ?? spec.module;
  if (spec.generatedFile === undefined) {
    const others = refs.length > 1 ? ` (nor ${refs.slice(1).join(", ")})` : "";
    throw new JauntNotBuiltError(first, `no generated module ${displayPath(expected)}${others}`, { location: { file: spec.specFile }, hint });
  }
  const listed = headerSpecNames(readFileSync(spec.generatedFile, "utf8"));
  if (listed !== undefined) {
    const missing = [...spec.functionNames, ...spec.classNames].filter((name) => !listed.includes(name));
    const name = missing[0];
    if (name !== undefined) {
      const detail = `${displayPath(spec.generatedFile)} was generated before ${missing.map((n) => `\`${n}\``).join(", ")} existed`;
      throw new JauntNotBuiltError(`${spec.module}:${name}`, detail, { location: { file: spec.specFile }, hint });
    }
  }
  return spec.generatedFile;
}

/** Source of the module a linked spec module imports instead of `@jaunt/runtime`. */
export function linkModuleSource(spec: SpecModule, generatedFile: string, specifiers: { readonly runtime: string; readonly link: string }): string {
  const link = {
    module: spec.module,
    specFile: spec.specFile,
    generatedDir: spec.generatedDir,
    functionNames: spec.functionNames,
    classNames: spec.classNames,
  };
  return [
    `export * from ${JSON.stringify(specifiers.runtime)};`,
    `import { linkSpecModule } from ${JSON.stringify(specifiers.link)};`,
    `import * as generated from ${JSON.stringify(generatedFile)};`,
    `export const { magic } = linkSpecModule({ ...${JSON.stringify(link)}, generated });`,
    "",
  ].join("\n");
}
