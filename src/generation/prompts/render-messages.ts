/** Render the system + user messages for one module from the templates in use. */
import path from "node:path";
import type { AttemptDiagnostics, ChatMessage, GenerationInput, PromptTexts } from "../types.ts";
import { renderTemplate } from "./render-template.ts";
import {
  allowedImports,
  dependencySection,
  extraInstructions,
  handwrittenSection,
  previousErrorsSection,
  requiredExports,
  testSpecList,
} from "./sections.ts";
import { propertiesSection, repairSection } from "./repair-sections.ts";

/**
 * The chat messages for `input`; `previous` (the last failed attempt) adds the
 * "previous output errors" section. Only the module's own specs, direct deps and
 * imports go in, so prompt size does not grow with the project.
 */
export function renderMessages(input: GenerationInput, prompts: PromptTexts, previous?: AttemptDiagnostics): ChatMessage[] {
  const generatedDir = path.posix.basename(path.posix.dirname(input.generatedFile));
  const common = {
    module: input.module,
    spec_file: input.specFile,
    generated_file: input.generatedFile,
    spec_source: input.specSource.trimEnd(),
    handwritten_imports: handwrittenSection(input.handwrittenImports),
    allowed_packages: allowedImports(input),
    extra_instructions: extraInstructions(input.specs),
    // A repair's failing tests, then (on a retry within it) the previous attempt's errors.
    previous_errors: repairSection(input.repair) + previousErrorsSection(previous),
  };
  if (input.kind === "build") {
    return [
      { role: "system", content: renderTemplate("build_system", prompts.build_system, { generated_dir: generatedDir }) },
      {
        role: "user",
        content: renderTemplate("build_module", prompts.build_module, {
          ...common,
          required_exports: requiredExports(input.specs),
          dependencies: dependencySection(input.dependencies, "(none)"),
        }),
      },
    ];
  }
  const underTest = (input.specsUnderTest ?? []).map((s) => ({ ref: s.ref, module: "", importFrom: s.importFrom, publicApi: s.publicApi }));
  return [
    { role: "system", content: renderTemplate("test_system", prompts.test_system, { generated_dir: generatedDir }) },
    {
      role: "user",
      content: renderTemplate("test_module", prompts.test_module, {
        ...common,
        extra_instructions: propertiesSection(input.properties),
        test_specs: testSpecList(input.specs),
        specs_under_test: dependencySection([...underTest, ...input.dependencies], "(none given; test only what the test specs describe)"),
      }),
    },
  ];
}
