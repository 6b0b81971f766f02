/**
 * An overloaded spec (a const typed with an interface of call signatures) is
 * validated against that declared type: a candidate with one overload is
 * rejected with the compiler's words, one with every overload is accepted.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { generateModule } from "../../src/generation/generate-module.ts";
import type { GenerationEvent } from "../../src/generation/types.ts";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { createSpecProject, slugInput, testSettings, type SpecProject } from "../support/generation-project.ts";

const CLAMP_SPEC = `import * as jaunt from "@jaunt/runtime";

/** Numbers or bigints, never mixed. */
export interface ClampFn {
  (value: number, min: number, max: number): number;
  (value: bigint, min: bigint, max: bigint): bigint;
}

/** Clamp value into [min, max]. */
export const clamp: ClampFn = jaunt.magic(function clamp(value: number | bigint, min: number | bigint, max: number | bigint) {
  return jaunt.todo();
});
`;

const ONE_OVERLOAD = `export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
`;

const EVERY_OVERLOAD = `export function clamp(value: number, min: number, max: number): number;
export function clamp(value: bigint, min: bigint, max: bigint): bigint;
export function clamp(value: number | bigint, min: number | bigint, max: number | bigint): number | bigint {
  return value < min ? min : value > max ? max : value;
}
`;

let llm: FakeLlm;
let project: SpecProject;
beforeAll(() => {
  llm = startFakeLlm();
  project = createSpecProject({ "src/clamp.ts": CLAMP_SPEC });
});
afterAll(async () => {
  await llm.stop();
  project.cleanup();
});

test("the candidate is checked against the declared overloads", async () => {
  llm.script("src/clamp", [fence(ONE_OVERLOAD), fence(EVERY_OVERLOAD)]);
  const input = slugInput({
    module: "src/clamp",
    specFile: "src/clamp.ts",
    generatedFile: "src/__generated__/clamp.ts",
    specSource: CLAMP_SPEC,
    specs: [{ ref: "src/clamp:clamp", name: "clamp", kind: "function", text: CLAMP_SPEC.slice(CLAMP_SPEC.indexOf("/** Clamp")) }],
  });
  const events: GenerationEvent[] = [];
  const result = await generateModule(input, testSettings(project.root, llm.url, { noCache: true }), { onEvent: (e) => events.push(e) });
  expect(result.ok && result.attempts).toBe(2);
  const invalid = events.find((e) => e.type === "invalid");
  const messages = invalid?.type === "invalid" ? invalid.diagnostics.map((d) => d.message).join("\n") : "";
  expect(messages).toMatch(/`clamp` does not match the spec's declared signature: Type '\(value: number, min: number, max: number\) => number' is not assignable to type 'ClampFn'/);
});
