/**
 * The prompt templates, embedded at build time so the source tree and the
 * compiled binary behave the same (DESIGN §11), plus project overrides from
 * `[prompts]` in jaunt.toml.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import type { JauntConfig, PromptsConfig } from "../config/types.ts";
import buildSystem from "../../prompts/build_system.md" with { type: "text" };
import buildModule from "../../prompts/build_module.md" with { type: "text" };
import testSystem from "../../prompts/test_system.md" with { type: "text" };
import testModule from "../../prompts/test_module.md" with { type: "text" };
import judge from "../../prompts/judge.md" with { type: "text" };

export type PromptName = "build_system" | "build_module" | "test_system" | "test_module" | "judge";

export const PROMPT_NAMES: readonly PromptName[] = ["build_system", "build_module", "test_system", "test_module", "judge"];

const PACKAGED: Readonly<Record<PromptName, string>> = {
  build_system: buildSystem,
  build_module: buildModule,
  test_system: testSystem,
  test_module: testModule,
  judge,
};

const OVERRIDE_KEY: Readonly<Record<PromptName, keyof PromptsConfig>> = {
  build_system: "buildSystem",
  build_module: "buildModule",
  test_system: "testSystem",
  test_module: "testModule",
  judge: "judge",
};

export interface PromptTemplate {
  readonly name: PromptName;
  readonly text: string;
  /** "packaged" or the project-relative path of the override. */
  readonly source: string;
}

/** The packaged template text, as shipped. */
export function packagedPrompt(name: PromptName): string {
  return PACKAGED[name];
}

/** Every template in use for this project: overrides from `[prompts]` win over packaged ones. */
export async function loadPromptTemplates(config: JauntConfig): Promise<Readonly<Record<PromptName, PromptTemplate>>> {
  const [build_system, build_module, test_system, test_module, judge] = await Promise.all(
    PROMPT_NAMES.map((name) => loadPromptTemplate(config, name)),
  );
  if (!build_system || !build_module || !test_system || !test_module || !judge) throw new Error("unreachable: five prompt names");
  return { build_system, build_module, test_system, test_module, judge };
}

async function loadPromptTemplate(config: JauntConfig, name: PromptName): Promise<PromptTemplate> {
  const override = config.prompts[OVERRIDE_KEY[name]];
  if (!override) return { name, text: PACKAGED[name], source: "packaged" };
  const file = path.resolve(config.root, override);
  try {
    return { name, text: await readFile(file, "utf8"), source: override };
  } catch (cause) {
    throw new JauntConfigError(`cannot read prompt override prompts.${name} = "${override}"`, "config.prompt_unreadable", {
      location: { file: config.configFile },
      hint: "fix the path (relative to the project root) or remove the key to use the packaged template",
      cause,
    });
  }
}
