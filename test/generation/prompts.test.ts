import { afterAll, beforeAll, expect, test } from "bun:test";
import { JauntConfigError } from "@jaunt/runtime";
import { packagedPrompt, PROMPT_NAMES } from "../../src/assets/prompts.ts";
import { generateModule } from "../../src/generation/generate-module.ts";
import { renderMessages } from "../../src/generation/prompts/render-messages.ts";
import { importedPackages } from "../../src/generation/prompts/sections.ts";
import { placeholdersIn, renderTemplate, TEMPLATE_PLACEHOLDERS } from "../../src/generation/prompts/render-template.ts";
import type { GenerationInput } from "../../src/generation/types.ts";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { createSpecProject, SLUG_SPEC, slugInput, testSettings, type SpecProject } from "../support/generation-project.ts";

test("packaged templates use only known placeholders and render without leftovers", () => {
  for (const name of PROMPT_NAMES) {
    const used = placeholdersIn(packagedPrompt(name));
    expect(used.every((p) => TEMPLATE_PLACEHOLDERS[name].includes(p))).toBe(true);
  }
  const [system, user] = renderMessages(slugInput(), testSettings("/x", "http://127.0.0.1:1/v1").prompts);
  expect(system?.content).toContain("__generated__/");
  expect(user?.content).toContain(SLUG_SPEC.trimEnd());
  expect(user?.content).toContain("`LruCache` — class (`export class LruCache`) with members `capacity`, `get`, `set`");
  expect(`${system?.content}${user?.content}`).not.toMatch(/\{\{/);
});

test("unknown, valueless and missing required placeholders are JauntConfigErrors naming template and placeholder", () => {
  const attempt = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return undefined;
  };
  const unknown = attempt(() => renderTemplate("build_module", "{{spec_source}} {{previous_errors}} {{nope}}", {}));
  expect(unknown).toBeInstanceOf(JauntConfigError);
  expect(unknown instanceof Error && unknown.message).toBe("prompt template build_module: unknown placeholder {{nope}}");
  const missing = attempt(() => renderTemplate("test_module", "{{spec_source}}", { spec_source: "x" }));
  expect(missing instanceof Error && missing.message).toBe("prompt template test_module: missing required placeholder {{previous_errors}}");
  const valueless = attempt(() => renderTemplate("build_system", "{{generated_dir}}", {}));
  expect(valueless instanceof Error && valueless.message).toContain("no value for placeholder {{generated_dir}}");
  // substituted text containing {{…}} is not expanded again
  expect(renderTemplate("build_system", "a {{ generated_dir }} b", { generated_dir: "{{nope}}" })).toBe("a {{nope}} b");
});

/** A chain project of `n` modules: m0 <- m1 <- … ; the leaf m0 depends on nothing, the last on its predecessor. */
function chainInput(n: number, index: number): GenerationInput {
  const name = (i: number) => `f${i}`;
  const source = `import * as jaunt from "@jaunt/runtime";\n${index > 0 ? `import { ${name(index - 1)} } from "./m${index - 1}";\n` : ""}/** Adds ${index}. */\nexport const ${name(index)} = jaunt.magic(function ${name(index)}(x: number): number { return jaunt.todo(); });\n`;
  return {
    kind: "build",
    module: `src/m${index}`,
    specFile: `src/m${index}.ts`,
    generatedFile: `src/__generated__/m${index}.ts`,
    specSource: source,
    specs: [{ ref: `src/m${index}:${name(index)}`, name: name(index), kind: "function", text: source }],
    dependencies: index > 0 ? [{ ref: `src/m${index - 1}:${name(index - 1)}`, module: `src/m${index - 1}`, importFrom: `../m${index - 1}`, publicApi: `/** Adds ${index - 1}. */\nexport function ${name(index - 1)}(x: number): number;` }] : [],
    handwrittenImports: [],
  };
}

test("a leaf module's prompt is the same size in a 1000-module project as in a 10-module one", () => {
  const prompts = testSettings("/x", "http://127.0.0.1:1/v1").prompts;
  const size = (input: GenerationInput) => renderMessages(input, prompts).reduce((n, m) => n + m.content.length, 0);
  // In both projects the leaf (m0) and a mid module (m5) carry only their own direct deps.
  expect(size(chainInput(1000, 0))).toBe(size(chainInput(10, 0)));
  expect(size(chainInput(1000, 5))).toBe(size(chainInput(10, 5)));
  const user = renderMessages(chainInput(1000, 5), prompts)[1]?.content ?? "";
  expect(user).toContain('import from `"../m4"`');
  expect(user).not.toContain("f3");
});

let llm: FakeLlm;
let project: SpecProject;
beforeAll(() => {
  llm = startFakeLlm();
  project = createSpecProject({
    "src/slug.ts": SLUG_SPEC,
    "tests/slug.ts": TEST_SPEC,
  });
});
afterAll(async () => {
  await llm.stop();
  project.cleanup();
});

const TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { slugify } from "../src/slug";

/** slugify("Hello, World!") is "hello-world"; "" throws RangeError. */
export const slugifyBasics = jaunt.test(function slugifyBasics() {});
`;

const TEST_INPUT: GenerationInput = {
  kind: "test",
  module: "tests/slug",
  specFile: "tests/slug.ts",
  generatedFile: "tests/__generated__/slug.test.ts",
  specSource: TEST_SPEC,
  specs: [{ ref: "tests/slug:slugifyBasics", name: "slugifyBasics", kind: "test", text: TEST_SPEC.slice(TEST_SPEC.indexOf("/**")) }],
  dependencies: [],
  handwrittenImports: [],
  specsUnderTest: [
    {
      ref: "src/slug:slugify",
      importFrom: "../../src/slug",
      publicApi: `/**\n * Turn a title into a URL slug.\n * - lowercase ASCII; every run of other characters becomes one "-"\n * - no leading or trailing "-"\n * @throws {RangeError} when nothing is left of the title\n */\nexport function slugify(title: string): string;`,
    },
  ],
};

const GOOD_TEST = `import { test, expect, describe } from "bun:test";
import { slugify } from "../../src/slug";

describe("slugifyBasics", () => {
  test("punctuation collapses", () => {
    expect(slugify("Hello, World!")).toBe("hello-world");
  });
  test("empty throws", () => {
    expect(() => slugify("")).toThrow(RangeError);
  });
});
`;

test("a test module: prompt shows public API only; the answer is type-checked; a self-import is fixed by the retry", async () => {
  const [system, user] = renderMessages(TEST_INPUT, testSettings(project.root, llm.url).prompts);
  expect(system?.content).toContain('import { test, expect, describe } from "bun:test"');
  expect(user?.content).toContain('import from `"../../src/slug"`');
  expect(user?.content).toContain("export function slugify(title: string): string;");
  expect(user?.content).not.toContain("replace(/[^a-z0-9]+/g"); // never an implementation

  llm.script("tests/slug", [fence(`import { slugifyBasics } from "../slug";\n${GOOD_TEST}`), fence(GOOD_TEST.replace('toBe("hello-world")', "toBe(42 + slugify)"))]);
  const failed = await generateModule(TEST_INPUT, testSettings(project.root, llm.url, { noCache: true }));
  expect(failed.ok).toBe(false);
  if (failed.ok) return;
  expect(failed.error.attempts[0]?.diagnostics.map((d) => d.code)).toContain("jaunt/self-import");
  expect(failed.error.attempts[1]?.diagnostics[0]?.code).toMatch(/^TS\d+$/);

  llm.script("tests/slug", [fence(GOOD_TEST)]);
  const ok = await generateModule(TEST_INPUT, testSettings(project.root, llm.url, { noCache: true }));
  expect(ok.ok && ok.code).toBe(GOOD_TEST);
}, 30_000);

test("the build prompt for a module with deps and handwritten imports shows their public faces and specifiers", () => {
  const input = slugInput({
    dependencies: [{ ref: "src/text:squash", module: "src/text", importFrom: "../text", publicApi: "/** Collapse whitespace. */\nexport function squash(s: string): string;" }],
    handwrittenImports: [{ specifier: "../util/ascii", file: "src/util/ascii.ts", source: "export const ASCII = /^[\\x00-\\x7f]*$/;" }],
  });
  const user = renderMessages(input, testSettings("/x", "http://127.0.0.1:1/v1").prompts)[1]?.content ?? "";
  expect(user).toContain('### `src/text:squash` — import from `"../text"`');
  expect(user).toContain('### `"../util/ascii"` (src/util/ascii.ts)');
  expect(user).toContain('`node:` built-ins, and: `"../text"`, `"../util/ascii"`.');
  expect(user).not.toContain("@jaunt/runtime\"`");

});

test("a spec module that exports types tells the model how to import them type-only", () => {
  const prompts = testSettings("/x", "http://127.0.0.1:1/v1").prompts;
  const withTypes = slugInput({ specSource: `export interface SlugOptions { readonly max: number }\n${SLUG_SPEC}` });
  const [, user] = renderMessages(withTypes, prompts);
  expect(user?.content).toContain('`import type { … } from "../slug"` (type-only; never import its values)');
  const [, plain] = renderMessages(slugInput(), prompts);
  expect(plain?.content).not.toContain("import type");
  const nested = slugInput({ module: "src/a/index", specFile: "src/a/index.ts", generatedFile: "src/a/__generated__/index.ts", specSource: `export type Id = string;\n${SLUG_SPEC}` });
  expect(renderMessages(nested, prompts)[1]?.content).toContain('from "../index"');
});

test("the packages a .tsx spec module with JSX imports are read (TS first, then TSX), while a .ts spec with a <T> cast still reads as TS", () => {
  const tsx = `import * as jaunt from "@jaunt/runtime";\nimport { z } from "zod";\nimport { clsx } from "clsx";\n\nexport const Icon = () => <i class={clsx("icon")} />;\nexport const Badge = jaunt.magic(function Badge(props: { label: string }): JSX.Element {\n  return jaunt.todo();\n});\nvoid z;\n`;
  expect(importedPackages(tsx)).toEqual(["zod", "clsx"]);
  const cast = `import { z } from "zod";\nexport const n = <number>(z as unknown);\n`;
  expect(importedPackages(cast)).toEqual(["zod"]);
});
