/**
 * The hidden check copies keep the generated file's extension, so the
 * module format the user's toolchain gives an `.mts` module (ESM even in a
 * CommonJS package) is the one it is checked with.
 */
import { expect, test } from "bun:test";
import type { GenerationInput } from "../../src/generation/types.ts";
import { validateCandidate } from "../../src/generation/validate/validate-candidate.ts";
import { createSpecProject, TSCONFIG } from "../support/generation-project.ts";

const SPEC = `import * as jaunt from "@jaunt/runtime";

/** Twice n, plus one when the module has a URL. */
export const double = jaunt.magic(function double(n: number): number {
  return jaunt.todo();
});

/** A box with hidden state. */
export class Box {
  private v = 0;
  get(): number { return jaunt.todo(); }
}
`;

const input: GenerationInput = {
  kind: "build",
  module: "src/calc",
  specFile: "src/calc.mts",
  generatedFile: "src/__generated__/calc.mts",
  specSource: SPEC,
  specs: [
    { ref: "src/calc:double", name: "double", kind: "function", text: SPEC },
    { ref: "src/calc:Box", name: "Box", kind: "class", text: SPEC, members: ["v", "get"] },
  ],
  dependencies: [],
  handwrittenImports: [],
};

test("an .mts module in a CommonJS package under NodeNext is checked as ESM (import.meta allowed), and its signature still against the spec", async () => {
  const project = createSpecProject({
    "package.json": JSON.stringify({ name: "cjs-app", type: "commonjs" }),
    "tsconfig.json": JSON.stringify({ compilerOptions: { ...TSCONFIG.compilerOptions, module: "NodeNext", moduleResolution: "NodeNext" } }),
    "src/calc.mts": SPEC,
  });
  try {
    const good = "export function double(n: number): number {\n  return n * 2 + Number(import.meta.url.length > 0);\n}\nexport class Box {\n  #v = 0;\n  get(): number {\n    return this.#v;\n  }\n}\n";
    expect((await validateCandidate(good, input, { root: project.root })).diagnostics).toEqual([]);
    const wrong = good.replace("double(n: number)", "double(n: string)").replace("n * 2", "n.length * 2");
    const diagnostics = (await validateCandidate(wrong, input, { root: project.root })).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(["TS2322"]);
    expect(diagnostics[0]?.message).toContain("`double` does not match the spec's declared signature");
  } finally {
    project.cleanup();
  }
});
