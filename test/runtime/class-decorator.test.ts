import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { JauntDiscoveryError, JauntNotBuiltError, magic, registry, specRef } from "@jaunt/runtime";
import { copyFixture, importFrom, type FixtureProject } from "./fixture-project.ts";

type ShapesModule = typeof import("../fixtures/runtime/classes/src/shapes.ts");

let project: FixtureProject;
let shapes: ShapesModule;

beforeAll(async () => {
  project = copyFixture("classes");
  shapes = await importFrom<ShapesModule>(project, "src/shapes.ts");
});
afterAll(() => project.remove());

describe("@magic() as a standard (TC39) decorator", () => {
  test("substitutes the generated class at import time", () => {
    const circle = new shapes.Circle(2);
    expect(circle.area()).toBeCloseTo(4 * Math.PI);
    expect(shapes.Circle.name).toBe("Circle");
    expect(specRef(shapes.Circle)).toBe("src/shapes:Circle");
    expect(Object.keys(shapes.Circle)).not.toContain("__jaunt_spec_ref__");
  });

  test("keeps the spec's name when the generated class has another", () => {
    expect(shapes.Renamed.name).toBe("Renamed");
    expect(Reflect.get(new shapes.Renamed(), "ok")).toBe(true);
  });

  test("before a build: a placeholder subclass with the spec's name that throws on new", () => {
    expect(shapes.Square.name).toBe("Square");
    expect(specRef(shapes.Square)).toBe("src/shapes:Square");
    let error: unknown;
    try {
      new shapes.Square(3);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JauntNotBuiltError);
    expect(String(error)).toContain("src/shapes:Square is not built");
    expect(String(error)).toContain("jaunt build");
  });

  test("registers class specs with their options", () => {
    expect(registry().get("src/shapes:Square")).toMatchObject({ kind: "class", name: "Square", options: { prompt: "keep it square" } });
  });

  test("on a method: a discovery error at import time", async () => {
    const load = importFrom(project, "src/method-target.ts");
    await expect(load).rejects.toBeInstanceOf(JauntDiscoveryError);
    await expect(load).rejects.toThrow("@magic() decorates classes only, not a method `run`");
  });

  test("on fields, getters and legacy members: a discovery error", () => {
    // Called by hand with the arguments each decorator kind receives.
    const decorate: Function = magic({ specFile: project.path("src/shapes.ts") });
    const cases: [unknown[], string][] = [
      [[undefined, { kind: "field", name: "size" }], "a field `size`"],
      [[() => 1, { kind: "getter", name: "area" }], "a getter `area`"],
      [[{}, "area", { value: () => 1 }], "the class member `area`"],
      [["not a class"], "a string"],
    ];
    for (const [args, expected] of cases) {
      expect(() => Reflect.apply(decorate, undefined, args)).toThrow(JauntDiscoveryError);
      expect(() => Reflect.apply(decorate, undefined, args)).toThrow(expected);
    }
  });

  test("magic used as a decorator without parentheses is explained", () => {
    const bare: Function = magic;
    expect(() => Reflect.apply(bare, undefined, [class Bare {}, { kind: "class", name: "Bare" }])).toThrow("without parentheses");
  });
});

describe("@magic() as a legacy experimentalDecorators decorator", () => {
  test("substitutes, keeps names, and placeholders throw (bun run with the project's tsconfig)", () => {
    const legacy = copyFixture("legacy");
    try {
      const run = Bun.spawnSync(["bun", "main.ts"], { cwd: legacy.dir, env: { ...process.env, NO_COLOR: "1" } });
      expect(run.stderr.toString()).toBe("");
      expect(run.exitCode).toBe(0);
      const result = JSON.parse(run.stdout.toString());
      expect(result).toMatchObject({
        circleArea: Math.PI,
        circleName: "Circle",
        circleRef: "src/shapes:Circle",
        renamedName: "Renamed",
        renamedOk: true,
        squareName: "Square",
        squareRef: "src/shapes:Square",
        squareNew: { name: "JauntNotBuiltError" },
        methodTarget: { name: "JauntDiscoveryError" },
      });
      expect(result.squareNew.message).toContain("jaunt build");
      expect(result.methodTarget.message).toContain("the class member `run`");
    } finally {
      legacy.remove();
    }
  });
});
