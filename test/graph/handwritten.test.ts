/**
 * Handwritten code reached through handwritten code: a spec module's digest
 * covers the helpers it imports and what those import in turn (relative
 * paths and aliases, transitively, cycle-safe, bounded), while the prompt
 * keeps offering only the direct imports.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { MAX_REACHED } from "../../src/graph/handwritten.ts";
import { importSpecifiers } from "../../src/graph/import-scan.ts";
import type { Plan } from "../../src/graph/plan-types.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, type TempProject } from "../discovery/temp-project.ts";
import { mod, plan } from "./plan-helpers.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function digests(p: Plan): Record<string, string> {
  return Object.fromEntries(p.modules.map((m) => [m.id, m.digest]));
}

const A = `${RUNTIME_IMPORT}import { twice } from "./helper";\n` + fnSpec("a", "Does a with twice().");
const B = `${RUNTIME_IMPORT}import { a } from "./a";\n` + fnSpec("b", "Does b.", "return a(x);");
const FILES = {
  "src/a.ts": A,
  "src/b.ts": B,
  "src/other.ts": RUNTIME_IMPORT + fnSpec("o"),
  // helper → lib/pad (outside the roots) → lib/width (type-only) and back to helper (a cycle); → @/util/case (tsconfig alias)
  "src/helper.ts": `import { pad } from "../lib/pad";\nimport { upper } from "@/util/case";\nexport function twice(x: string): string {\n  return upper(pad(x) + pad(x));\n}\n`,
  "lib/pad.ts": `import type { Width } from "./width";\nimport { twice } from "../src/helper";\nexport const pad = (x: string, w: Width = 4): string => x.padStart(w);\nvoid twice;\n`,
  "lib/width.ts": `export type Width = number;\n`,
  "src/util/case.ts": `export const upper = (s: string): string => s.toUpperCase();\n`,
  "tsconfig.json": `{ "compilerOptions": { "paths": { "@/*": ["src/*"] } } }`,
};

describe("nested handwritten imports", () => {
  test("editing a helper's helper (relative, type-only, aliased) restales the importer and its dependents; formatting does not", async () => {
    project = tempProject(FILES);
    const first = await plan(project);
    expect(first.handwrittenFiles).toEqual(["lib/pad.ts", "lib/width.ts", "src/helper.ts", "src/util/case.ts"]);
    const before = digests(first);
    project.write("lib/width.ts", "export type Width = number;   \r\n\n\n");
    expect(digests(await plan(project))).toEqual(before);
    // A formatter run over a helper: quotes, semicolons, wrapping, trailing commas.
    project.write("src/helper.ts", "import { pad } from '../lib/pad'\nimport { upper } from '@/util/case'\nexport function twice(\n  x: string,\n): string {\n  return upper(\n    pad(x) + pad(x),\n  )\n}\n");
    expect(digests(await plan(project))).toEqual(before);
    project.write("src/helper.ts", FILES["src/helper.ts"]);
    for (const [file, edit] of [
      ["lib/width.ts", "export type Width = 1 | 2 | 4;\n"],
      ["lib/pad.ts", FILES["lib/pad.ts"].replace("padStart", "padEnd")],
      ["src/util/case.ts", FILES["src/util/case.ts"].replace("toUpperCase", "toLocaleUpperCase")],
    ] as const) {
      const was = digests(await plan(project));
      project.write(file, edit);
      const after = digests(await plan(project));
      expect({ file, a: after["src/a"] === was["src/a"], b: after["src/b"] === was["src/b"], other: after["src/other"] === was["src/other"] }).toEqual({ file, a: false, b: false, other: true });
    }
  });

  test("meaning digests of helpers are kept by content in .jaunt/cache/meaning.json and reused", async () => {
    project = tempProject(FILES);
    const { planProject } = await import("../../src/graph/plan.ts");
    const first = await planProject({ config: project.config() });
    const stored: { digests: Record<string, string> } = JSON.parse(project.read(".jaunt/cache/meaning.json"));
    const key = Bun.CryptoHasher.hash("sha256", FILES["src/util/case.ts"], "hex");
    expect(Object.keys(stored.digests)).toContain(key);
    // A planted digest for case.ts's bytes is used as is: proof the file was not lexed again.
    stored.digests[key] = `sha256:${"0".repeat(64)}`;
    project.write(".jaunt/cache/meaning.json", JSON.stringify({ format: 1, digests: stored.digests }));
    const again = await planProject({ config: project.config() });
    expect(digests(again)["src/a"]).not.toBe(digests(first)["src/a"]);
  });

  test("the prompt still offers only the direct imports", async () => {
    project = tempProject(FILES);
    const p = await plan(project);
    expect(mod(p, "src/a").handwrittenImports.map((h) => h.specifier)).toEqual(["./helper"]);
  });

  test("spec modules and generated files a helper imports are not followed as handwritten code", async () => {
    project = tempProject({
      ...FILES,
      "src/helper.ts": `import { o } from "./other";\nimport { o as g } from "./__generated__/other";\nexport function twice(x: string): string {\n  return o(x) + g(x);\n}\n`,
      "src/__generated__/other.ts": "export const o = (x: string): string => x;\n",
    });
    const p = await plan(project);
    expect(p.handwrittenFiles).toEqual(["src/helper.ts"]);
  });

  test(`at most ${MAX_REACHED} files per module, nearest first`, async () => {
    const chain: Record<string, string> = { "src/a.ts": `${RUNTIME_IMPORT}import { h0 } from "./chain/h0";\n` + fnSpec("a") };
    for (let i = 0; i <= MAX_REACHED + 2; i++) chain[`src/chain/h${i}.ts`] = `import { h${i + 1} } from "./h${i + 1}";\nexport const h${i} = ${i};\nvoid h${i + 1};\n`;
    project = tempProject(chain);
    const p = await plan(project);
    expect(p.handwrittenFiles.length).toBe(MAX_REACHED);
    expect(p.handwrittenFiles).toContain(`src/chain/h${MAX_REACHED - 1}.ts`);
    expect(p.handwrittenFiles).not.toContain(`src/chain/h${MAX_REACHED}.ts`);
  });
});

describe("importSpecifiers", () => {
  test("every import form, type-only ones too; not those in comments", () => {
    const text = [
      `import type { A } from "./a";`,
      `import { b, type C } from './b';`,
      `import {\n  d,\n} from "./d";`,
      `export * from "./e";`,
      `export type { F } from "./f";`,
      `import "./g";`,
      `const h = await import("./h");`,
      `const i = require("./i");`,
      `// import { x } from "./x";`,
      `/* import y from "./y"; */`,
      `export function f(): void {}`,
    ].join("\n");
    expect(importSpecifiers(text).sort()).toEqual(["./a", "./b", "./d", "./e", "./f", "./g", "./h", "./i"]);
  });
});
