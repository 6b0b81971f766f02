import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JauntNotBuiltError, registry, specRef } from "@jaunt/runtime";
import { copyFixture, importFrom, type FixtureProject } from "./fixture-project.ts";

type SlugModule = typeof import("../fixtures/runtime/dispatch/src/slug.ts");
type OneSpec<K extends string> = Record<K, () => string>;

let project: FixtureProject;
let slug: SlugModule;

beforeAll(async () => {
  project = copyFixture("dispatch");
  slug = await importFrom<SlugModule>(project, "src/slug.ts");
});
afterAll(() => project.remove());

/** Calls `fn` and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("magic(fn) dispatch", () => {
  test("calls the generated implementation", () => {
    expect(slug.slugify("Hello, World!")).toBe("hello-world");
  });

  test("forwards this and every argument", () => {
    const gauge = { label: "speed", describe: slug.describe };
    expect(gauge.describe(12, "km/h")).toBe("speed: 12 km/h");
    expect(slug.describe.call({ label: "mass" }, 3, "kg")).toBe("mass: 3 kg");
  });

  test("forwards exactly the arguments given, however many (undefined ones count), and this", async () => {
    const { collect } = await importFrom<typeof import("../fixtures/runtime/dispatch/src/variadic.ts")>(project, "src/variadic.ts");
    for (let count = 0; count <= 7; count++) {
      const args = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? undefined : i));
      expect(collect(...args)).toEqual({ self: undefined, count, values: args });
    }
    const self = { id: 1 };
    expect(collect.call(self, "a", undefined)).toEqual({ self, count: 2, values: ["a", undefined] });
    expect(collect.apply(self, [1, 2, 3, 4, 5])).toEqual({ self, count: 5, values: [1, 2, 3, 4, 5] });
  });

  test("loads the generated module once and caches the export", async () => {
    const loadsBefore = Reflect.get(globalThis, "__jauntSlugLoads");
    slug.slugify("a");
    slug.slugify("b");
    expect(Reflect.get(globalThis, "__jauntSlugLoads")).toBe(loadsBefore);
    expect(loadsBefore).toBe(1);
    // Swap the CommonJS export after the first call: the wrapper keeps the cached function.
    const cached = await importFrom<OneSpec<"which">>(project, "src/cached.ts");
    expect(cached.which()).toBe("first");
    const generated: { which: () => string } = createRequire(project.path("src/cached.ts"))("./__generated__/cached.js");
    generated.which = () => "second";
    expect(cached.which()).toBe("first");
  });

  test("keeps name, length and the spec ref", () => {
    expect(slug.describe.name).toBe("describe");
    expect(slug.describe.length).toBe(2);
    expect(specRef(slug.slugify)).toBe("src/slug:slugify");
    expect(Object.keys(slug.slugify)).toEqual([]); // the tag is not enumerable
  });

  test("a generated module that imports its spec module back (cycle) works", () => {
    expect(slug.shout("Big News")).toBe("BIG-NEWS");
  });

  test("an anonymous arrow spec takes its name from the declaration", () => {
    expect(specRef(slug.double)).toBe("src/slug:double");
    expect(slug.double.name).toBe("double");
    expect(slug.double(21)).toBe(42);
  });

  test("registers entries with module, name, kind, file and options", () => {
    const entry = registry().get("src/slug:describe");
    expect(entry).toEqual({
      ref: "src/slug:describe",
      module: "src/slug",
      name: "describe",
      kind: "function",
      specFile: project.path("src/slug.ts"),
      options: { prompt: "use this.label" },
    });
  });
});

describe("layout", () => {
  test("specs in nested folders load their own sibling", async () => {
    const text = await importFrom<{ reverse: (s: string) => string }>(project, "src/nested/deep/text.ts");
    expect(text.reverse("abc")).toBe("cba");
    expect(specRef(text.reverse)).toBe("src/nested/deep/text:reverse");
  });

  test("index.ts maps to __generated__/index.ts", async () => {
    const pkg = await importFrom<{ answer: () => number }>(project, "src/pkg/index.ts");
    expect(pkg.answer()).toBe(42);
    expect(specRef(pkg.answer)).toBe("src/pkg/index:answer");
  });

  test("generatedDir option picks another sibling folder", async () => {
    const custom = await importFrom<OneSpec<"custom">>(project, "src/custom.ts");
    expect(custom.custom()).toBe("from __impl__");
  });

  test("specFile override as a file:// URL and as a path", async () => {
    const override = await importFrom<OneSpec<"viaUrl" | "viaPath">>(project, "src/override.ts");
    expect(override.viaUrl()).toBe("url override");
    expect(override.viaPath()).toBe("path override");
    expect(specRef(override.viaUrl)).toBe("src/elsewhere/real:viaUrl");
    expect(registry().get("src/elsewhere/real:viaPath")?.specFile).toBe(project.path("src/elsewhere/real.ts"));
  });
});

describe("not built and broken builds", () => {
  test("missing generated module: JauntNotBuiltError naming the ref and `jaunt build`", async () => {
    const unbuilt = await importFrom<OneSpec<"nothing">>(project, "src/unbuilt.ts");
    const error = thrown(() => unbuilt.nothing());
    expect(error).toBeInstanceOf(JauntNotBuiltError);
    expect(error).toMatchObject({ specRef: "src/unbuilt:nothing", code: "runtime.not_built" });
    expect(String(error)).toContain("src/unbuilt:nothing");
    expect(String(error)).toContain("jaunt build");
  });

  test("missing export: JauntNotBuiltError naming the ref and the export", () => {
    const error = thrown(() => slug.notYet());
    expect(error).toBeInstanceOf(JauntNotBuiltError);
    expect(String(error)).toContain("src/slug:notYet is not built");
    expect(String(error)).toContain("no export `notYet`");
  });

  test("a generated module that throws while loading surfaces its own error", async () => {
    const broken = await importFrom<OneSpec<"explode">>(project, "src/broken.ts");
    const error = thrown(() => broken.explode());
    expect(error).not.toBeInstanceOf(JauntNotBuiltError);
    expect(String(error)).toContain("generated module failed at load time");
  });

  test("a missing import inside the generated module is not mistaken for 'not built'", async () => {
    const badImport = await importFrom<OneSpec<"lonely">>(project, "src/bad-import.ts");
    const error = thrown(() => badImport.lonely());
    expect(error).not.toBeInstanceOf(JauntNotBuiltError);
    expect(String(error)).toContain("no-such-helper");
  });

  test("a generated export that is not a function counts as not built", async () => {
    const mod = await importFrom<OneSpec<"oops">>(project, "src/not-a-function.ts");
    expect(String(thrown(() => mod.oops()))).toContain("is a string, not a function");
  });

  test("a build appearing later is picked up by the next call", async () => {
    const unbuilt = await importFrom<OneSpec<"nothing">>(project, "src/unbuilt.ts");
    writeFileSync(project.path("src/__generated__/unbuilt.ts"), 'export const nothing = (): string => "built";\n');
    expect(unbuilt.nothing()).toBe("built");
  });
});
