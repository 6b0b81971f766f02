/**
 * `{{placeholder}}` substitution for prompt templates (DESIGN §9). One pass
 * over the template only, so `{{` inside substituted spec source is left alone.
 */
import { JauntConfigError } from "@jaunt/runtime";
import type { PromptName } from "../../assets/prompts.ts";

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]*)\s*\}\}/g;

/** Placeholders each template may use. */
export const TEMPLATE_PLACEHOLDERS: Readonly<Record<PromptName, readonly string[]>> = {
  build_system: ["generated_dir"],
  test_system: ["generated_dir"],
  build_module: [
    "module",
    "spec_file",
    "generated_file",
    "spec_source",
    "required_exports",
    "dependencies",
    "handwritten_imports",
    "allowed_packages",
    "extra_instructions",
    "previous_errors",
  ],
  test_module: [
    "module",
    "spec_file",
    "generated_file",
    "spec_source",
    "test_specs",
    "specs_under_test",
    "handwritten_imports",
    "allowed_packages",
    "extra_instructions",
    "previous_errors",
  ],
  judge: ["module", "test_module", "spec_source", "test_spec_source", "failures", "implementation", "implementation_file"],
};

/** Placeholders a template must contain, or the generation loses essential input. */
const REQUIRED: Readonly<Record<PromptName, readonly string[]>> = {
  build_system: [],
  test_system: [],
  build_module: ["spec_source", "previous_errors"],
  test_module: ["spec_source", "previous_errors"],
  judge: ["failures"],
};

/** Names of the placeholders used in `text`, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] ?? ""))];
}

/**
 * Substitute `values` into template `name`.
 * @throws {JauntConfigError} `config.prompt_placeholder` naming the template and placeholder when the
 * template uses an unknown placeholder, lacks a required one, or a value is missing.
 */
export function renderTemplate(name: PromptName, text: string, values: Readonly<Record<string, string | undefined>>): string {
  const allowed = TEMPLATE_PLACEHOLDERS[name];
  const used = placeholdersIn(text);
  const unknown = used.find((p) => !allowed.includes(p));
  if (unknown !== undefined) {
    throw placeholderError(name, `unknown placeholder {{${unknown}}}`, `use one of: ${allowed.map((p) => `{{${p}}}`).join(", ")}`);
  }
  const missing = REQUIRED[name].find((p) => !used.includes(p));
  if (missing !== undefined) throw placeholderError(name, `missing required placeholder {{${missing}}}`, `add {{${missing}}} to the template`);
  const valueless = used.find((p) => values[p] === undefined);
  if (valueless !== undefined) throw placeholderError(name, `no value for placeholder {{${valueless}}}`, "this is a bug in jaunt; please report it");
  return text.replace(PLACEHOLDER, (_match, placeholder: string) => values[placeholder] ?? "");
}

function placeholderError(name: PromptName, what: string, hint: string): JauntConfigError {
  return new JauntConfigError(`prompt template ${name}: ${what}`, "config.prompt_placeholder", { hint });
}
