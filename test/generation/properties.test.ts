import { expect, test } from "bun:test";
import { propertiesOf, propertyLines, propertySeed } from "../../src/generation/properties/extract.ts";
import { propertyDiagnostics } from "../../src/generation/properties/property-rules.ts";
import type { GenerationInput } from "../../src/generation/types.ts";

const SPEC = `/**
 * Turn a title into a slug.
 * @property for every title, slugify(title) never contains "--"
 * @property for every title, slugify(slugify(title))
 *   equals slugify(title)
 * @returns the slug
 */
/**
 * @typedef {object} Options
 * @property {boolean} strict - JSDoc's own field form, not a law
 */`;

test("@property lines are read from JSDoc, continued lines joined; JSDoc's `@property {Type} name` is not one", () => {
  expect(propertyLines(SPEC)).toEqual(['for every title, slugify(title) never contains "--"', "for every title, slugify(slugify(title)) equals slugify(title)"]);
});

test("seeds are fixed by spec and words (31-bit), and differ between laws", () => {
  const a = propertySeed("src/slug:slugify", "law a");
  expect(a).toBe(propertySeed("src/slug:slugify", "law a"));
  expect(a).not.toBe(propertySeed("src/slug:slugify", "law b"));
  expect(a).toBeGreaterThanOrEqual(0);
  expect(a).toBeLessThan(2 ** 31);
  expect(propertiesOf([{ ref: "r", text: SPEC }, { ref: "r", text: SPEC }], 50)).toHaveLength(2);
});

test("a test file must write each property with fast-check, its seed and numRuns", () => {
  const [property] = propertiesOf([{ ref: "src/slug:slugify", text: SPEC }], 100);
  if (!property) throw new Error("no property");
  const input = { kind: "test", properties: [property] } as const satisfies Pick<GenerationInput, "kind" | "properties">;
  const full: GenerationInput = { ...input, module: "tests/slug", specFile: "tests/slug.ts", generatedFile: "tests/__generated__/slug.test.ts", specSource: "", specs: [], dependencies: [], handwrittenImports: [] };
  expect(propertyDiagnostics('import { test } from "bun:test";\ntest("x", () => {});', full).map((d) => d.code)).toEqual(["jaunt/property-test"]);
  const good = `import fc from "fast-check";\nfc.assert(fc.property(fc.string(), () => true), { seed: ${property.seed}, numRuns: 100 });`;
  expect(propertyDiagnostics(good, full)).toEqual([]);
  const wrongSeed = good.replace(String(property.seed), String(property.seed + 1));
  expect(propertyDiagnostics(wrongSeed, full)[0]?.message).toContain(`{ seed: ${property.seed}, numRuns: 100 }`);
});
