/**
 * A module's prompt holds only what the module needs: in a 1000-module project
 * the first modules render byte for byte the same prompts as in a 10-module
 * project generated from the same seed (the generator only draws dependencies
 * on earlier modules, so those modules are identical in both).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateProject } from "../../bench/synthetic-project.ts";
import { loadConfig } from "../../src/config/load.ts";
import { renderMessages } from "../../src/generation/prompts/render-messages.ts";
import { planProject } from "../../src/graph/plan.ts";
import { generationInputFor } from "../../src/orchestration/generation-input.ts";
import { promptTexts } from "../../src/orchestration/prepare-run.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "jaunt-scaling-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function promptsOf(modules: number): Promise<Map<string, string>> {
  const root = path.join(dir, `p${modules}`);
  await generateProject({ dir: root, modules, seed: 11, fresh: false });
  const config = await loadConfig({ root });
  const plan = await planProject({ config, cache: false });
  const texts = await promptTexts(config);
  const prompts = new Map<string, string>();
  for (const module of plan.modules.slice(0, 10)) {
    const messages = renderMessages(await generationInputFor(plan, module.id), texts);
    prompts.set(module.id, messages.map((m) => m.content).join("\n"));
  }
  return prompts;
}

test("prompts of the same modules are identical in a 10-module and a 1000-module project", async () => {
  const small = await promptsOf(10);
  const large = await promptsOf(1000);
  expect(small.size).toBe(10);
  for (const [id, prompt] of small) {
    expect(large.get(id)).toBe(prompt);
  }
  // And they stay small: no module's prompt carries the rest of the project.
  for (const prompt of large.values()) expect(prompt.length).toBeLessThan(12_000);
}, 60_000);
