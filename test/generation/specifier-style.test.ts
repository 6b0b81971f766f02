import { afterAll, describe, expect, test } from "bun:test";
import { projectSpecifierStyle } from "../../src/generation/prompts/project-specifier-style.ts";
import { allowedImports } from "../../src/generation/prompts/sections.ts";
import { DEFAULT_SPECIFIER_STYLE, spellSpecifier, type SpecifierStyle } from "../../src/generation/prompts/specifier.ts";
import { validateCandidate } from "../../src/generation/validate/validate-candidate.ts";
import { createSpecProject, slugInput, type SpecProject } from "../support/generation-project.ts";

const projects: SpecProject[] = [];
afterAll(() => {
  for (const p of projects) p.cleanup();
});

/** A project whose tsconfig.json is `compilerOptions` (plus `files`), and the style for src/__generated__/b.ts. */
async function styleOf(compilerOptions: Record<string, unknown>, files: Record<string, string> = {}, specSource = ""): Promise<SpecifierStyle> {
  const p = createSpecProject({ "tsconfig.json": JSON.stringify({ compilerOptions }), ...files });
  projects.push(p);
  return projectSpecifierStyle(p.root, "src/__generated__/b.ts", specSource);
}

const ESM = { "package.json": '{ "type": "module" }' };
const NODENEXT = { module: "NodeNext", moduleResolution: "NodeNext" };

describe("spelling", () => {
  const js: SpecifierStyle = { extension: "js", required: true, allowTsExtension: false, reason: "" };
  const ts: SpecifierStyle = { extension: "ts", required: true, allowTsExtension: true, reason: "" };
  test("TypeScript targets get the style's extension; other files keep theirs", () => {
    expect(spellSpecifier("src/__generated__/b.ts", "src/duration.ts")).toBe("../duration");
    expect(spellSpecifier("src/__generated__/b.ts", "src/duration.ts", js)).toBe("../duration.js");
    expect(spellSpecifier("src/__generated__/b.ts", "src/lib/index.ts", js)).toBe("../lib/index.js");
    expect(spellSpecifier("src/__generated__/b.ts", "src/view.tsx", js)).toBe("../view.js");
    expect(spellSpecifier("src/__generated__/b.mts", "src/esm.mts", js)).toBe("../esm.mjs");
    expect(spellSpecifier("src/__generated__/b.ts", "src/duration.ts", ts)).toBe("../duration.ts");
    expect(spellSpecifier("src/__generated__/b.ts", "src/data.json", js)).toBe("../data.json");
    expect(spellSpecifier("tests/__generated__/x.test.ts", "src/slug.ts", js)).toBe("../../src/slug.js");
  });
  test("a dot-file sibling is still relative (`./.x`, never a bare `.x`)", () => {
    expect(spellSpecifier("src/__generated__/b.ts", "src/__generated__/.jaunt-check-1.ts")).toBe("./.jaunt-check-1");
  });
});

describe("the project's style from its tsconfig", () => {
  test("NodeNext + ESM package: .js required", async () => {
    const style = await styleOf(NODENEXT, ESM);
    expect(style).toMatchObject({ extension: "js", required: true, allowTsExtension: false });
    expect(style.reason).toBe('tsconfig.json: moduleResolution "nodenext", package.json "type": "module"');
  });
  test("module Node16 implies node16 resolution, also through `extends`", async () => {
    const style = await styleOf({}, { ...ESM, "tsconfig.json": JSON.stringify({ extends: "./base.json" }), "base.json": JSON.stringify({ compilerOptions: { module: "Node16" } }) });
    expect(style).toMatchObject({ extension: "js", required: true });
    expect(style.reason).toContain('moduleResolution "node16"');
  });
  test("NodeNext + CommonJS package: .js preferred, extensionless also resolves", async () => {
    expect(await styleOf(NODENEXT, { "package.json": "{}" })).toMatchObject({ extension: "js", required: false });
  });
  test("NodeNext + allowImportingTsExtensions: .ts, unless the spec module writes .js", async () => {
    const options = { ...NODENEXT, allowImportingTsExtensions: true, noEmit: true };
    expect(await styleOf(options, ESM)).toMatchObject({ extension: "ts", required: true, allowTsExtension: true });
    expect(await styleOf(options, ESM, 'import { a } from "./a.js";\nimport { b } from "./b.js";\n')).toMatchObject({ extension: "js", required: true });
  });
  test("bundler: extensionless unless the spec module's own imports say otherwise; .ts only when allowed", async () => {
    const bundler = { module: "Preserve", moduleResolution: "bundler" };
    expect(await styleOf(bundler)).toMatchObject({ extension: "none", required: false });
    expect(await styleOf(bundler, {}, 'import { a } from "./a.js";\n')).toMatchObject({ extension: "js", required: false });
    expect(await styleOf(bundler, {}, 'import { a } from "./a.ts";\n')).toMatchObject({ extension: "none", allowTsExtension: false });
    expect(await styleOf({ ...bundler, allowImportingTsExtensions: true, noEmit: true }, {}, 'import { a } from "./a.ts";\n')).toMatchObject({ extension: "ts" });
  });
  test("no tsconfig: the default", async () => {
    const p = createSpecProject({}, { tsconfig: false });
    projects.push(p);
    expect(await projectSpecifierStyle(p.root, "src/__generated__/b.ts", "")).toEqual(DEFAULT_SPECIFIER_STYLE);
  });
});

describe("prompt and validation", () => {
  const style: SpecifierStyle = { extension: "js", required: true, allowTsExtension: false, reason: 'tsconfig.json: moduleResolution "nodenext", package.json "type": "module"' };
  const input = slugInput({
    specs: [{ ref: "src/slug:slugify", name: "slugify", kind: "function", text: "" }],
    dependencies: [{ ref: "src/text:clean", module: "src/text", importFrom: "../text.js", publicApi: "export function clean(s: string): string" }],
    specifierStyle: style,
  });
  const check = async (code: string, given = input) => (await validateCandidate(code, given, { root: "/nonexistent", skipTypeCheck: true })).diagnostics;

  test("Allowed imports lists the spelled specifiers and says why", () => {
    const text = allowedImports(input);
    expect(text).toContain('`"../text.js"`');
    expect(text).toContain("must end in `.js`");
    expect(text).toContain(style.reason);
    expect(allowedImports({ ...input, specifierStyle: DEFAULT_SPECIFIER_STYLE })).not.toContain("Relative imports");
    // The spec module's own types are offered in the same spelling.
    const withTypes = { ...input, specSource: "export interface Options { strict: boolean }\n" };
    expect(allowedImports(withTypes)).toContain('import type { … } from "../slug.js"');
    expect(allowedImports({ ...withTypes, specifierStyle: DEFAULT_SPECIFIER_STYLE })).toContain('import type { … } from "../slug"');
  });

  test("the wrong spelling under NodeNext ESM is a named diagnostic with the fix", async () => {
    const diags = await check('import { clean } from "../text";\nimport type { X } from "../other";\nexport function slugify(t: string): string { return clean(t); }\n');
    expect(diags.map((d) => d.code)).toEqual(["jaunt/specifier-style", "jaunt/specifier-style"]);
    expect(diags[0]?.message).toContain('write "../text.js"');
    expect(diags[0]?.message).toContain(style.reason);
    expect(diags[0]).toMatchObject({ line: 1, column: 23 });
    expect(diags[1]?.message).toContain('write "../other.js"');
    expect(await check('import { clean } from "../text.js";\nexport function slugify(t: string): string { return clean(t); }\n')).toEqual([]);
  });

  test("a .ts ending without allowImportingTsExtensions is named (TS5097) in any resolution", async () => {
    const loose = { ...input, specifierStyle: { ...DEFAULT_SPECIFIER_STYLE, reason: "tsconfig.json: moduleResolution \"bundler\"" } };
    const diags = await check('import { clean } from "../text.ts";\nexport function slugify(t: string): string { return clean(t); }\n', loose);
    expect(diags).toHaveLength(1);
    expect(diags[0]?.message).toContain("TS5097");
    // Bundler resolution accepts both extensionless and .js.
    expect(await check('import { clean } from "../text";\nimport { x } from "../x.js";\nexport function slugify(t: string): string { return clean(t) + x; }\n', loose)).toEqual([]);
  });
});
