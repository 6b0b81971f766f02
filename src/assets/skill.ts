/**
 * The skill docs for AI assistants (DESIGN §9), embedded at build time so the
 * source tree and the compiled binary behave the same (DESIGN §11).
 */
import skillMd from "../../skill/SKILL.md" with { type: "text" };
import cursorRules from "../../skill/cursorrules.md" with { type: "text" };
import exampleToml from "../../skill/examples/jaunt.toml" with { type: "text" };
// `.ts` files resolve to real modules for the type checker, so a default
// import would not type-check; the namespace's `default` holds the text.
import * as basicFunctionSpec from "../../skill/examples/basic_function_spec.ts" with { type: "text" };
import * as classSpec from "../../skill/examples/class_spec.ts" with { type: "text" };
import * as testSpec from "../../skill/examples/test_spec.ts" with { type: "text" };

export interface SkillFile {
  /** Path inside the skill folder, `/`-separated (e.g. `examples/class_spec.ts`). */
  readonly path: string;
  readonly text: string;
}

function embeddedText(namespace: object, path: string): string {
  const text: unknown = Reflect.get(namespace, "default");
  if (typeof text !== "string") throw new Error(`skill file ${path} was not embedded as text`);
  return text;
}

/** Every skill file, in the order they are written. */
export const SKILL_FILES: readonly SkillFile[] = [
  { path: "SKILL.md", text: skillMd },
  { path: "cursorrules.md", text: cursorRules },
  { path: "examples/basic_function_spec.ts", text: embeddedText(basicFunctionSpec, "examples/basic_function_spec.ts") },
  { path: "examples/class_spec.ts", text: embeddedText(classSpec, "examples/class_spec.ts") },
  { path: "examples/test_spec.ts", text: embeddedText(testSpec, "examples/test_spec.ts") },
  { path: "examples/jaunt.toml", text: exampleToml },
];
