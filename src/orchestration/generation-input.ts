/**
 * Plan → GenerationInput: what the generation backend needs to write one
 * module, as plain data. Import specifiers are rebased from the spec file to
 * the generated file (it lives one folder deeper, in `__generated__/`), and
 * other specs are always imported through their spec modules, spelled in the
 * project's specifier style (`.js` endings under NodeNext).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { projectSpecifierStyle } from "../generation/prompts/project-specifier-style.ts";
import { HANDWRITTEN_SOURCE_LIMIT } from "../generation/prompts/sections.ts";
import { spellSpecifier, type SpecifierStyle } from "../generation/prompts/specifier.ts";
import type { DependencyInput, GenerationInput, HandwrittenImport, SpecInput } from "../generation/types.ts";
import { dependencyApiOf, moduleById, specFilesOf, specsOf } from "../graph/plan-queries.ts";
import type { Plan, PlannedModule } from "../graph/plan-types.ts";
import { CONFIG_DEFAULTS } from "../config/defaults.ts";
import { propertiesOf } from "../generation/properties/extract.ts";

const RUNTIME_PACKAGE = "@jaunt/runtime";

/** Relative import specifier of project file `target` from project file `fromFile`, in the project's style. */
export function importSpecifier(fromFile: string, target: string, style?: SpecifierStyle): string {
  return spellSpecifier(fromFile, target, style);
}

function specInputs(plan: Plan, module: PlannedModule): SpecInput[] {
  return specsOf(plan, module.id).map((spec) => ({
    ref: spec.ref,
    name: spec.name,
    kind: spec.kind,
    text: spec.info.text,
    ...(spec.info.options.prompt ? { prompt: spec.info.options.prompt } : {}),
    ...(spec.info.members ? { members: [...new Set(spec.info.members.map((member) => member.name))] } : {}),
  }));
}

/**
 * How generated file `generatedFile` spells an import written as `specifier`
 * in spec file `writtenIn`: relative specifiers are rebased (through the file
 * they resolve to, when known); aliases (`@/x`, `#x`, workspace packages)
 * and packages mean the same from anywhere and are kept as written.
 */
function specifierFrom(generatedFile: string, writtenIn: string, specifier: string, resolvedFile: string | undefined, style: SpecifierStyle): string {
  if (!specifier.startsWith(".")) return specifier;
  return importSpecifier(generatedFile, resolvedFile ?? path.posix.join(path.posix.dirname(writtenIn), specifier), style);
}

/** True when `name` occurs in `text` as a whole identifier. */
function mentions(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(text);
}

/**
 * `import type` lines for the names a dependency's API borrows from its own
 * module's handwritten imports (`options: ParseOptions` from "./types"), so
 * the dependent can name those types too.
 */
function typeImportsOf(plan: Plan, dependent: PlannedModule, ref: string, publicApi: string, style: SpecifierStyle): string {
  const spec = plan.specs[ref];
  const home = spec && moduleById(plan, spec.module);
  if (!spec || !home) return "";
  const lines: string[] = [];
  const named = new Map<string, string[]>();
  for (const used of spec.info.usedImports) {
    const hand = home.handwrittenImports.find((h) => h.specifier === used.specifier);
    if (!hand || !mentions(publicApi, used.local)) continue;
    const from = specifierFrom(dependent.generatedFile, home.file, used.specifier, hand.resolvedFile, style);
    if (used.imported === "*") {
      lines.push(`import type * as ${used.local} from "${from}";`);
    } else {
      named.set(from, [...(named.get(from) ?? []), used.imported === used.local ? used.local : `${used.imported} as ${used.local}`]);
    }
  }
  for (const [from, names] of named) lines.push(`import type { ${names.join(", ")} } from "${from}";`);
  return lines.map((line) => `${line}\n`).join("");
}

function dependencyInputs(plan: Plan, module: PlannedModule, style: SpecifierStyle): DependencyInput[] {
  return dependencyApiOf(plan, module.id).flatMap((dep) => {
    const target = moduleById(plan, dep.module);
    if (!target) return [];
    const publicApi = typeImportsOf(plan, module, dep.ref, dep.publicApi, style) + dep.publicApi;
    return [{ ref: dep.ref, module: dep.module, importFrom: importSpecifier(module.generatedFile, target.file, style), publicApi }];
  });
}

/**
 * Every import of the spec module that brings in no spec (handwritten code,
 * packages): offered whether or not a spec's text names it. Another spec
 * module imported for its types only is not handwritten code.
 */
async function handwrittenImports(plan: Plan, module: PlannedModule, style: SpecifierStyle): Promise<HandwrittenImport[]> {
  const specFiles = specFilesOf(plan);
  const seen = new Map<string, HandwrittenImport>();
  for (const imported of module.handwrittenImports) {
    if (imported.specifier === RUNTIME_PACKAGE || seen.has(imported.specifier)) continue;
    const file = imported.resolvedFile;
    if (file !== undefined && specFiles.has(file)) continue; // types of a spec module: never its source
    const specifier = specifierFrom(module.generatedFile, module.file, imported.specifier, file, style);
    if (file === undefined) {
      seen.set(imported.specifier, { specifier });
      continue;
    }
    const source = await readFile(path.join(plan.root, file), "utf8").catch(() => undefined);
    seen.set(imported.specifier, {
      specifier,
      file,
      ...(source !== undefined && source.length <= HANDWRITTEN_SOURCE_LIMIT ? { source } : {}),
    });
  }
  return [...seen.values()];
}

/** What a run's settings add to generation inputs. */
export interface InputOptions {
  /** `[test] property_runs` (default 100): fast-check runs per `@property`. */
  readonly propertyRuns?: number;
}

/** The generation input for planned module `id`. */
export async function generationInputFor(plan: Plan, id: string, options: InputOptions = {}): Promise<GenerationInput> {
  const module = moduleById(plan, id);
  if (!module) throw new Error(`module ${id} is not in the plan`);
  const specSource = await readFile(path.join(plan.root, module.file), "utf8");
  const specifierStyle = await projectSpecifierStyle(plan.root, module.generatedFile, specSource);
  const dependencies = dependencyInputs(plan, module, specifierStyle);
  const base = {
    kind: module.kind,
    module: module.id,
    specFile: module.file,
    generatedFile: module.generatedFile,
    specSource,
    specs: specInputs(plan, module),
    handwrittenImports: await handwrittenImports(plan, module, specifierStyle),
    specifierStyle,
  };
  if (module.kind === "build") return { ...base, dependencies };
  // Tests see only the public API of the specs they exercise, never implementations.
  const sources = [...base.specs.map((s) => ({ ref: s.ref, text: s.text })), ...dependencies.map((d) => ({ ref: d.ref, text: d.publicApi }))];
  const properties = propertiesOf(sources, options.propertyRuns ?? CONFIG_DEFAULTS.test.property_runs);
  return {
    ...base,
    dependencies: [],
    specsUnderTest: dependencies.map((dep) => ({ ref: dep.ref, importFrom: dep.importFrom, publicApi: dep.publicApi })),
    ...(properties.length > 0 ? { properties } : {}),
  };
}
