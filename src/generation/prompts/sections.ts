/** Markdown sections substituted into the module templates. Pure functions of plain input. */
import type { AttemptDiagnostics, DependencyInput, GenerationInput, HandwrittenImport, SpecInput } from "../types.ts";
import { formatDiagnostics } from "../validate/diagnostics.ts";
import { EXAMPLE_CODES, TEST_CODES } from "../behaviour/codes.ts";
import { importSpecifiers, spellSpecifier } from "./specifier.ts";

/** Handwritten sources longer than this (chars) are not pasted into prompts; the lead may omit them earlier. */
export const HANDWRITTEN_SOURCE_LIMIT = 6000;
/** The failed candidate shown in the retry section is cut to this many chars. */
const PREVIOUS_CANDIDATE_LIMIT = 12_000;

export function requiredExports(specs: readonly SpecInput[]): string {
  return specs
    .map((spec) => {
      if (spec.kind === "class") {
        const members = spec.members && spec.members.length > 0 ? ` with members ${spec.members.map((m) => `\`${m}\``).join(", ")}` : "";
        return `- \`${spec.name}\` — class (\`export class ${spec.name}\`)${members}, same constructor signature (${spec.ref})`;
      }
      return `- \`${spec.name}\` — function (\`export function ${spec.name}\`), same signature (${spec.ref})`;
    })
    .join("\n");
}

export function testSpecList(specs: readonly SpecInput[]): string {
  return specs.map((spec) => `- \`${spec.name}\` (${spec.ref})${spec.prompt ? ` — extra instructions: ${spec.prompt}` : ""}`).join("\n");
}

export function extraInstructions(specs: readonly SpecInput[]): string {
  const lines = specs.filter((s) => s.prompt && s.prompt.trim()).map((s) => `- \`${s.name}\`: ${s.prompt?.trim()}`);
  return lines.length === 0 ? "" : `\n## Extra instructions\n${lines.join("\n")}\n`;
}

export function dependencySection(deps: readonly DependencyInput[], none: string): string {
  if (deps.length === 0) return none;
  return deps
    .map((dep) => `### \`${dep.ref}\` — import from \`"${dep.importFrom}"\`\n\`\`\`ts\n${dep.publicApi.trim()}\n\`\`\``)
    .join("\n\n");
}

export function handwrittenSection(imports: readonly HandwrittenImport[]): string {
  if (imports.length === 0) return "(none)";
  return imports
    .map((imp) => {
      const title = `### \`"${imp.specifier}"\`${imp.file ? ` (${imp.file})` : ""}`;
      if (imp.source === undefined) return `${title}\n(source not shown; use only what the spec module imports from it)`;
      if (imp.source.length > HANDWRITTEN_SOURCE_LIMIT) return `${title}\n(source too long to show: ${imp.source.length} chars; use only what the spec module imports from it)`;
      return `${title}\n\`\`\`ts\n${imp.source.trim()}\n\`\`\``;
    })
    .join("\n\n");
}

/** Bare package specifiers the spec module imports (not relative, not the Jaunt runtime). */
export function importedPackages(specSource: string): string[] {
  const bare = importSpecifiers(specSource).filter((p) => !p.startsWith(".") && !p.startsWith("/") && p !== "@jaunt/runtime");
  return [...new Set(bare)];
}

export function allowedImports(input: GenerationInput): string {
  const specifiers = [
    ...input.dependencies.map((d) => d.importFrom),
    ...(input.specsUnderTest ?? []).map((s) => s.importFrom),
    ...input.handwrittenImports.map((h) => h.specifier),
    ...importedPackages(input.specSource),
    ...(input.properties && input.properties.length > 0 ? ["fast-check"] : []),
  ];
  const unique = [...new Set(specifiers)].filter((s) => s !== "@jaunt/runtime");
  const base = input.kind === "test" ? "`bun:test`, `node:` built-ins" : "`node:` built-ins";
  const list = unique.length === 0 ? `${base} only.` : `${base}, and: ${unique.map((s) => `\`"${s}"\``).join(", ")}.`;
  return `${list}${styleNote(input)}${ownTypesNote(input)}`;
}

/** Outside the default (extensionless) style, say how relative imports are spelled and why. */
function styleNote(input: GenerationInput): string {
  const style = input.specifierStyle;
  if (!style || style.extension === "none") return "";
  const ending = style.extension === "js" ? "`.js`" : "`.ts`";
  return `\nRelative imports in this project ${style.required ? "must end" : "end"} in ${ending} (${style.reason}): copy the specifiers above exactly.`;
}

/** Types the spec module exports may be imported type-only (erased, so no cycle). */
function ownTypesNote(input: GenerationInput): string {
  if (input.kind !== "build" || !/^\s*export\s+(?:declare\s+)?(?:interface|type|enum)\s/m.test(input.specSource)) return "";
  const specifier = spellSpecifier(input.generatedFile, input.specFile, input.specifierStyle);
  return `\nTypes the spec module exports: \`import type { … } from "${specifier}"\` (type-only; never import its values).`;
}

/** The "previous output errors" section of a retry; empty on the first attempt. */
/** Why behaviour errors matter: they are the user's own words about what the code must do. */
function behaviourNote(previous: AttemptDiagnostics): string[] {
  const codes = previous.diagnostics.map((d) => d.code);
  const notes: string[] = [];
  if (codes.some((code) => EXAMPLE_CODES.has(code))) {
    notes.push("The `jaunt/example` errors are the user's own examples from the spec's JSDoc (`@example`), run against your module: each names the example's line in the spec file, what it expected and what your code gave. They state what the code must do — fix the behaviour they describe for every input, do not special-case the example's values.");
  }
  if (codes.some((code) => TEST_CODES.has(code))) {
    notes.push("The `jaunt/test` errors are the project's tests that import this module (the user's own, or generated tests that passed against the previous implementation), run against your module: fix the behaviour they expect, consistently with the spec; do not special-case the tests.");
  }
  return notes.length > 0 ? ["", ...notes] : [];
}

export function previousErrorsSection(previous: AttemptDiagnostics | undefined): string {
  if (!previous) return "";
  const candidate = previous.candidate ?? "";
  const shown = candidate.length > PREVIOUS_CANDIDATE_LIMIT ? `${candidate.slice(0, PREVIOUS_CANDIDATE_LIMIT)}\n// … (cut)` : candidate;
  return [
    "",
    "## Previous output errors",
    `Your previous answer (attempt ${previous.attempt}) was rejected. Fix every error below and return the complete corrected module.`,
    "",
    formatDiagnostics(previous.diagnostics),
    ...behaviourNote(previous),
    "",
    "Previous answer (line numbers in the errors refer to it):",
    "```ts",
    shown,
    "```",
    "",
  ].join("\n");
}
