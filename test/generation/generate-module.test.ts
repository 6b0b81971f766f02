import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { generateModule } from "../../src/generation/generate-module.ts";
import type { GenerationEvent, GenerationSettings } from "../../src/generation/types.ts";
import { checkAlone } from "../../src/generation/validate/type-check.ts";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, testSettings, type SpecProject } from "../support/generation-project.ts";

let llm: FakeLlm;
let project: SpecProject;

beforeAll(() => {
  llm = startFakeLlm();
  project = createSpecProject({ "src/slug.ts": SLUG_SPEC, "src/text.ts": "export function squash(s: string): string { return s.replace(/\\s+/g, ' '); }\n" });
});
afterAll(async () => {
  await llm.stop();
  project.cleanup();
});

const settings = () => testSettings(project.root, llm.url, { noCache: true });
const settingsWith = (overrides: Partial<GenerationSettings>) => testSettings(project.root, llm.url, { noCache: true, ...overrides });

test("a correct answer is accepted on the first attempt, with usage and cost", async () => {
  llm.script("src/slug", [fence(SLUG_GOOD)]);
  const events: GenerationEvent[] = [];
  const result = await generateModule(slugInput(), settings(), { onEvent: (e) => events.push(e) });
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.code).toBe(SLUG_GOOD);
  expect(result.attempts).toBe(1);
  expect(result.cached).toBe(false);
  expect(result.usage.promptTokens).toBeGreaterThan(100);
  expect(result.usage.completionTokens).toBeGreaterThan(50);
  expect(result.costUsd).toBeGreaterThan(0);
  expect(events.map((e) => e.type)).toEqual(["attempt", "answered", "done"]);
  // the hidden type-check files are gone
  expect(readdirSync(path.join(project.root, "src/__generated__"))).toEqual([]);
});

test("the request slot is held only for model requests: released before validating, taken again for the retry", async () => {
  llm.script("src/slug", [fence(SLUG_GOOD.replace("export class LruCache", "class LruCache")), fence(SLUG_GOOD)]);
  const log: string[] = [];
  let held = true;
  const slot = {
    release: () => {
      held = false;
      log.push("release");
    },
    acquire: async () => {
      held = true;
      log.push("acquire");
    },
  };
  const checkSlot = {
    release: () => void log.push("check-"),
    acquire: async () => void log.push("check+"),
  };
  const requestsHeld: boolean[] = [];
  const before = llm.requests.length;
  const result = await generateModule(slugInput(), settings(), {
    slot,
    checkSlot,
    // The type check goes where the run sends it (a build shares `bun check` processes), holding no request slot.
    runCheck: (request) => {
      log.push(`type-check${held ? " (request slot held!)" : ""}`);
      return checkAlone(request);
    },
    onEvent: (e) => {
      log.push(e.type);
      if (e.type === "invalid" || e.type === "done") requestsHeld.push(held);
    },
  });
  expect(result.ok).toBe(true);
  expect(llm.requests.length - before).toBe(2);
  // Each request is preceded by taking the slot and followed by giving it back; validation ("invalid") runs without it.
  // "answered" (with the cost so far) comes before the release, so a cost cap sees it before another module starts.
  // Both candidates are type-checked without it; the check slot is the behaviour stage's, off here.
  expect(log).toEqual(["attempt", "acquire", "answered", "release", "type-check", "invalid", "attempt", "acquire", "answered", "release", "type-check", "done"]);
  expect(requestsHeld).toEqual([false, false]);
});

test("with the behaviour stage on, the check slot is held around it alone: after the type check, never with the request slot", async () => {
  llm.script("src/slug", [fence(SLUG_GOOD)]);
  const log: string[] = [];
  let requestHeld = true;
  let checkHeld = false;
  const slot = { release: () => void (requestHeld = false), acquire: async () => void (requestHeld = true) };
  const checkSlot = {
    release: () => void ((checkHeld = false), log.push("check-")),
    acquire: async () => void ((checkHeld = true), log.push("check+")),
  };
  const behaviour = { exampleTimeoutMs: 5000, verifyTests: true, secretEnvNames: [] };
  const result = await generateModule(slugInput(), settingsWith({ behaviour }), {
    slot,
    checkSlot,
    runCheck: (request) => {
      log.push(`type-check${checkHeld ? " (check slot held!)" : ""}${requestHeld ? " (request slot held!)" : ""}`);
      return checkAlone(request);
    },
  });
  expect(result.ok).toBe(true);
  expect(log).toEqual(["type-check", "check+", "check-"]);
  expect(requestHeld).toBe(false);
});

const WRONG_TYPE = SLUG_GOOD.replace("export function slugify(title: string): string", "export function slugify(title: number): string").replace("title.toLowerCase()", "String(title)");

const bad: { kind: string; code: string; diagnostic: RegExp; candidate: string }[] = [
  { kind: "syntax error", code: "syntax", diagnostic: /Expected/, candidate: SLUG_GOOD.replace("(title: string): string {", "(title: string: string {") },
  { kind: "missing export", code: "jaunt/missing-export", diagnostic: /missing export `LruCache`/, candidate: SLUG_GOOD.replace("export class LruCache", "class LruCache") },
  { kind: "wrong kind", code: "jaunt/wrong-kind", diagnostic: /`LruCache` must be exported as a class/, candidate: `${SLUG_GOOD.replace("export class LruCache", "class Lru")}\nexport function LruCache(): void {}\n` },
  { kind: "missing class member", code: "jaunt/missing-member", diagnostic: /lacks member\(s\) the spec declares: get/, candidate: SLUG_GOOD.replace("  get(key: K)", "  fetch(key: K)").replace("this.entries.get(key)", "this.entries.get(key)") },
  { kind: "self-import", code: "jaunt/self-import", diagnostic: /do not import values from the spec module "\.\.\/slug"/, candidate: `import { slugify as s } from "../slug";\n${SLUG_GOOD}` },
  { kind: "generated import", code: "jaunt/generated-import", diagnostic: /inside a __generated__ folder/, candidate: `import { squash } from "./text";\n${SLUG_GOOD}` },
  { kind: "top-level side effect", code: "jaunt/top-level-side-effect", diagnostic: /console\.log/, candidate: `console.log("loaded");\n${SLUG_GOOD}` },
  { kind: "top-level await", code: "jaunt/top-level-await", diagnostic: /top-level await/, candidate: `const ready = await Promise.resolve(1);\n${SLUG_GOOD}` },
  { kind: "wrong type", code: "TS2322", diagnostic: /`slugify` does not match the spec's declared signature: Type '\(title: number\) => string' is not assignable/, candidate: WRONG_TYPE },
];

describe("bad candidates are rejected with the right diagnostic and fixed by the retry", () => {
  for (const c of bad) {
    test(c.kind, async () => {
      llm.script("src/slug", [fence(c.candidate), fence(SLUG_GOOD)]);
      const before = llm.requests.length;
      const events: GenerationEvent[] = [];
      const result = await generateModule(slugInput(), settings(), { onEvent: (e) => events.push(e) });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.attempts).toBe(2);
      const invalid = events.find((e) => e.type === "invalid");
      if (invalid?.type !== "invalid") throw new Error("no invalid event");
      const diag = invalid.diagnostics.find((d) => d.code === c.code);
      expect(diag?.message).toMatch(c.diagnostic);
      // the retry prompt carries the diagnostic and the previous candidate
      const retry = llm.requests[before + 1];
      const user = retry?.messages.find((m) => m.role === "user")?.content ?? "";
      expect(user).toContain("## Previous output errors");
      expect(user).toContain(`error ${c.code}:`);
      expect(user).toContain(c.candidate.trim().split("\n")[0] ?? "");
      const first = llm.requests[before]?.messages.find((m) => m.role === "user")?.content ?? "";
      expect(first).not.toContain("Previous output errors");
    });
  }
});

test("a module that never validates fails with every attempt's diagnostics", async () => {
  llm.script("src/slug", [fence(WRONG_TYPE), "no code here, sorry", fence(WRONG_TYPE)]);
  const result = await generateModule(slugInput(), { ...settings(), attempts: 3 });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe("generation.validation_failed");
  expect(result.error.fatal).toBe(false);
  expect(result.error.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
  expect(result.error.attempts[0]?.diagnostics[0]?.code).toBe("TS2322");
  expect(result.error.message).toContain("src/slug: no valid module after 3 attempt(s)");
  expect(result.usage.completionTokens).toBeGreaterThan(0);
});

test("truncated output (finish_reason length) costs a validation attempt with a clear diagnostic", async () => {
  llm.script("src/slug", [{ content: fence(SLUG_GOOD).slice(0, 120), finishReason: "length" }, fence(SLUG_GOOD)]);
  const events: GenerationEvent[] = [];
  const result = await generateModule(slugInput(), settings(), { onEvent: (e) => events.push(e) });
  expect(result.ok && result.attempts).toBe(2);
  const invalid = events.find((e) => e.type === "invalid");
  expect(invalid?.type === "invalid" && invalid.diagnostics[0]?.code).toBe("jaunt/truncated-output");
});

test("finish_reason length after a complete, closed block (only the prose was cut) is accepted first try", async () => {
  llm.script("src/slug", [{ content: `${fence(SLUG_GOOD)}\nThe cache evicts the least recently used entry when the capa`, finishReason: "length" }]);
  const result = await generateModule(slugInput(), settings());
  expect(result.ok && result.attempts).toBe(1);
  expect(result.ok && result.code).toBe(SLUG_GOOD);
});

test("the failure hint names the real cause: a structural rule, the signature, the answer's shape", async () => {
  const hintFor = async (answers: string[]) => {
    llm.script("src/slug", answers);
    const result = await generateModule(slugInput(), settings());
    return result.ok ? "" : (result.error.hint ?? "");
  };
  expect(await hintFor([fence(`console.log(1);\n${SLUG_GOOD}`), fence(`console.log(2);\n${SLUG_GOOD}`)])).toContain("breaks the rule jaunt/top-level-side-effect");
  expect(await hintFor([fence(WRONG_TYPE), fence(WRONG_TYPE)])).toContain("does not fit the spec's declared signature");
  const blocks = "```ts\nconst a = 1;\n```\n```ts\nconst b = 2;\n```\n";
  expect(await hintFor([blocks, blocks])).toContain("did not answer with one complete module");
});

test("the temp check files never stay behind, even when the generated folder exists", async () => {
  project.write("src/__generated__/keep.txt", "x");
  llm.script("src/slug", [fence(WRONG_TYPE), fence(SLUG_GOOD)]);
  await generateModule(slugInput(), settings());
  expect(readdirSync(path.join(project.root, "src/__generated__"))).toEqual(["keep.txt"]);
  expect(existsSync(path.join(project.root, "src/__generated__/keep.txt"))).toBe(true);
});
