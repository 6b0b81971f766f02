/**
 * Plan → GenerationInput: what the generation backend needs to write one
 * module, as plain data. Import specifiers are rebased from the spec file to
 * the generated file (it lives one folder deeper, in `__generated__/`), and
 * other specs are always imported through their spec modules, spelled in the
 * project's specifier style (`.js` endings under NodeNext).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { resolveSpecifier } from "../discovery/resolve-specifier.ts";
import { projectSpecifierStyle } from "../generation/prompts/project-specifier-style.ts";
import { HANDWRITTEN_SOURCE_LIMIT } from "../generation/prompts/sections.ts";
import { spellSpecifier, type SpecifierStyle } from "../generation/prompts/specifier.ts";
import type { DependencyInput, GenerationInput, HandwrittenImport, SpecInput } from "../generation/types.ts";
import { dependencyApiOf, moduleById, specsOf } from "../graph/plan-queries.ts";
import type { Plan, PlannedModule } from "../graph/plan-types.ts";

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

function dependencyInputs(plan: Plan, module: PlannedModule, style: SpecifierStyle): DependencyInput[] {
  return dependencyApiOf(plan, module.id).flatMap((dep) => {
    const target = moduleById(plan, dep.module);
    if (!target) return [];
    return [{ ref: dep.ref, module: dep.module, importFrom: importSpecifier(module.generatedFile, target.file, style), publicApi: dep.publicApi }];
  });
}

/** Imports the module's specs use that are neither spec modules nor the runtime. */
async function handwrittenImports(plan: Plan, module: PlannedModule, style: SpecifierStyle): Promise<HandwrittenImport[]> {
  const specFiles = new Set(plan.modules.map((m) => m.file));
  const seen = new Map<string, HandwrittenImport>();
  for (const spec of specsOf(plan, module.id)) {
    for (const used of spec.info.usedImports) {
      if (used.specifier === RUNTIME_PACKAGE || seen.has(used.specifier)) continue;
      const file = resolveSpecifier(plan.root, module.file, used.specifier, specFiles);
      if (file !== undefined && specFiles.has(file)) continue; // another spec module: a dependency, not handwritten
      if (file === undefined) {
        const relative = used.specifier.startsWith(".");
        seen.set(used.specifier, { specifier: relative ? importSpecifier(module.generatedFile, path.posix.join(path.posix.dirname(module.file), used.specifier), style) : used.specifier });
        continue;
      }
      const source = await readFile(path.join(plan.root, file), "utf8").catch(() => undefined);
      seen.set(used.specifier, {
        specifier: importSpecifier(module.generatedFile, file, style),
        file,
        ...(source !== undefined && source.length <= HANDWRITTEN_SOURCE_LIMIT ? { source } : {}),
      });
    }
  }
  return [...seen.values()];
}

/** The generation input for planned module `id`. */
export async function generationInputFor(plan: Plan, id: string): Promise<GenerationInput> {
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
  return {
    ...base,
    dependencies: [],
    specsUnderTest: dependencies.map((dep) => ({ ref: dep.ref, importFrom: dep.importFrom, publicApi: dep.publicApi })),
  };
}
