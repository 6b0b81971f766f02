/**
 * `@jaunt/runtime/link` in-process: what a statically linked spec module's
 * `magic` returns, and how it maps the names a bundler renamed or a
 * minifier dropped back to the declared specs.
 */
import { describe, expect, test } from "bun:test";
import { JauntDiscoveryError, JauntNotBuiltError, registry, specRef } from "../../runtime/src/index.ts";
import { linkSpecModule, type SpecModuleLink } from "../../runtime/src/link.ts";

class Cache {
  constructor(readonly size: number) {}
}

function generatedModule(): Record<string, unknown> {
  return {
    slugify: (title: string, separator = "-"): string => title.toLowerCase().replace(/\s+/g, separator),
    double: (n: number): number => n * 2,
    label: function label(this: { prefix: string }, value: number): string {
      return `${this.prefix}${value}`;
    },
    Cache,
  };
}

function link(module: string, generated: object = generatedModule()): SpecModuleLink {
  return { module, specFile: `/app/${module}.ts`, generatedDir: "__generated__", generated, functionNames: ["slugify", "double", "label"], classNames: ["Cache"] };
}

describe("linked functions", () => {
  test("are the generated functions, shaped and tagged like their specs", () => {
    const generated = generatedModule();
    const { magic } = linkSpecModule(link("src/linked-a", generated));
    const slugify = magic(function slugify(title: string, separator?: string): string {
      return title + (separator ?? "");
    });
    expect(Object.is(slugify, generated["slugify"])).toBe(true);
    expect(slugify("A b")).toBe("a-b");
    expect([slugify.name, slugify.length, specRef(slugify)]).toEqual(["slugify", 2, "src/linked-a:slugify"]);
    expect(registry().get("src/linked-a:slugify")).toMatchObject({ kind: "function", module: "src/linked-a", specFile: "/app/src/linked-a.ts" });
  });

  test("a bundler's renamed name (slugify2) and a dropped name map to the declared specs", () => {
    const { magic } = linkSpecModule(link("src/linked-b"));
    const renamed = magic(function slugify2(title: string): string {
      return title;
    });
    const anonymous = magic((n: number): number => n);
    const label = magic(function label(this: { prefix: string }, value: number): string {
      return `${this.prefix}${value}`;
    });
    expect(specRef(renamed)).toBe("src/linked-b:slugify");
    expect([anonymous(21), anonymous.name, specRef(anonymous)]).toEqual([42, "double", "src/linked-b:double"]);
    expect(label.call({ prefix: "#" }, 3)).toBe("#3");
  });

  test("a spec missing from the generated module throws JauntNotBuiltError when called", () => {
    const { magic } = linkSpecModule(link("src/linked-c", {}));
    const slugify = magic(function slugify(title: string): string {
      return title;
    });
    expect(specRef(slugify)).toBe("src/linked-c:slugify");
    expect(() => slugify("x")).toThrow(JauntNotBuiltError);
    expect(() => slugify("x")).toThrow("src/linked-c:slugify is not built");
  });
});

describe("linked classes", () => {
  test("a class spec is the generated class (standard and legacy decorator calls)", () => {
    const { magic } = linkSpecModule(link("src/linked-d"));
    class Spec {
      constructor(readonly size: number) {}
    }
    const context: ClassDecoratorContext<typeof Spec> = { kind: "class", name: "Cache", addInitializer: () => {}, metadata: {} };
    const standard = magic()(Spec, context);
    expect(standard).toBe(Cache);
    expect([new standard(2).size, standard.name, specRef(standard)]).toEqual([2, "Cache", "src/linked-d:Cache"]);
    const { magic: other } = linkSpecModule(link("src/linked-e"));
    const legacy = other()(Spec); // a renamed class (`Spec`) maps by position
    expect(specRef(legacy)).toBe("src/linked-e:Cache");
  });

  test("a class missing from the generated module becomes a placeholder that throws on new", () => {
    const { magic } = linkSpecModule(link("src/linked-f", {}));
    class Cache {
      constructor(readonly size: number) {}
    }
    const placeholder = magic()(Cache);
    expect(placeholder.name).toBe("Cache");
    expect(() => new placeholder(1)).toThrow("src/linked-f:Cache is not built");
  });

  test("@magic without parentheses is explained", () => {
    const { magic } = linkSpecModule(link("src/linked-g"));
    expect(() => Reflect.apply(magic, undefined, [Cache, { kind: "class", name: "Cache" }])).toThrow(JauntDiscoveryError);
  });
});
