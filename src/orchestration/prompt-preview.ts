/**
 * `jaunt prompt <module|SpecRef>`: the exact messages a build (or, for a test
 * module, a test generation) would send for one module on its first attempt —
 * the same planner, generation input and templates, and the same messages the
 * response cache is keyed by. No model call, no API key, no lock.
 */
import { renderMessages } from "../generation/prompts/render-messages.ts";
import type { ChatMessage } from "../generation/types.ts";
import { loadPlan, type BuildOptions } from "./build.ts";
import { generationInputFor } from "./generation-input.ts";
import { promptTexts } from "./prepare-run.ts";
import { targetModule } from "./select-modules.ts";

export interface PromptOptions extends Pick<BuildOptions, "cwd" | "root" | "inferDeps"> {
  /** A module (`src/slug`, `src/slug.ts`) or a SpecRef (`src/slug:slugify`). */
  readonly target: string;
}

/** The `jaunt prompt --json` document. */
export interface PromptPreview {
  /** Rendering that gets this far succeeded (an unknown target is an error, exit 2). */
  readonly ok: true;
  /** Absolute project root; every other path is relative to it. */
  readonly root: string;
  readonly module: string;
  readonly kind: "build" | "test";
  /** The spec module's file, as `file` in build and status reports. */
  readonly file: string;
  readonly generatedFile: string;
  /** The model the messages would go to (`[llm] model`). */
  readonly model: string;
  readonly messages: readonly ChatMessage[];
}

/** Render the first-attempt messages of the target's module. Throws `build.unknown_target` (exit 2). */
export async function promptPreview(options: PromptOptions): Promise<PromptPreview> {
  const { config, plan } = await loadPlan(options);
  const module = targetModule(plan, options.target, options.cwd ?? process.cwd());
  const input = await generationInputFor(plan, module.id, { propertyRuns: config.test.propertyRuns });
  const messages = renderMessages(input, await promptTexts(config));
  return { ok: true, root: plan.root, module: module.id, kind: module.kind, file: module.file, generatedFile: module.generatedFile, model: config.llm.model, messages };
}

/** Plain text: each message under a `=== role ===` line, content verbatim. */
export function formatPrompt(preview: PromptPreview): string {
  const parts = preview.messages.map((message) => `=== ${message.role} ===\n${message.content.trimEnd()}\n`);
  return `${parts.join("\n")}`;
}
