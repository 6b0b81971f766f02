/** The judge call of the repair loop: the pair's spec, test, failures and implementation to `judgeFailure`. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadPromptTemplates } from "../../assets/prompts.ts";
import type { JauntConfig } from "../../config/types.ts";
import { judgeFailure } from "../../generation/judge/judge.ts";
import type { GenerationSettings } from "../../generation/types.ts";
import type { JudgeCall } from "./decide-side.ts";
import { generatedBody } from "./failure-context.ts";

/** A JudgeCall for this project: the packaged prompts/judge.md or the `[prompts] judge` override. */
export async function judgeFor(config: JauntConfig, settings: GenerationSettings, signal?: AbortSignal): Promise<JudgeCall> {
  const template = (await loadPromptTemplates(config)).judge.text;
  const read = (file: string): Promise<string> => readFile(path.join(config.root, file), "utf8").catch(() => "");
  return async (pair) =>
    judgeFailure(
      {
        module: pair.implementation.id,
        specSource: await read(pair.implementation.file),
        testModule: pair.testModule.id,
        testSpecSource: await read(pair.testModule.file),
        failures: pair.failures,
        implementationFile: pair.implementation.generatedFile,
        implementation: (await generatedBody(config.root, pair.implementation.generatedFile)) ?? "",
      },
      template,
      settings,
      signal,
    );
}
