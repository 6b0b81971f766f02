import { afterAll, beforeAll, describe, expect, test as bunTest } from "bun:test";
import { JauntNotBuiltError, JauntTodoError, registry, specRef, test, todo } from "@jaunt/runtime";
import { copyFixture, importFrom, type FixtureProject } from "./fixture-project.ts";

type TestSpecs = typeof import("../fixtures/runtime/specs/tests/slug.ts");

let project: FixtureProject;
let specs: TestSpecs;

beforeAll(async () => {
  project = copyFixture("specs");
  specs = await importFrom<TestSpecs>(project, "tests/slug.ts");
});
afterAll(() => project.remove());

describe("test(fn)", () => {
  bunTest("registers a test spec and returns the same function, tagged", () => {
    expect(specRef(specs.slugifyBasics)).toBe("tests/slug:slugifyBasics");
    expect(Object.keys(specs.slugifyBasics)).toEqual([]);
    expect(registry().get("tests/slug:slugifyBasics")).toMatchObject({ kind: "test", module: "tests/slug", name: "slugifyBasics" });
  });

  bunTest("returns fn itself", () => {
    const fn = function sameOne(): void {};
    expect(test({ specFile: project.path("tests/other.ts") }, fn)).toBe(fn);
    expect(specRef(fn)).toBe("tests/other:sameOne");
  });

  bunTest("names arrow specs from the declaration and keeps options", () => {
    expect(specRef(specs.arrowSpec)).toBe("tests/slug:arrowSpec");
    expect(registry().get("tests/slug:withPrompt")?.options).toEqual({ prompt: "cover unicode" });
  });
});

describe("todo()", () => {
  bunTest("throws a not-built error saying a stub body ran", async () => {
    const stub = await importFrom<{ runStub: () => string }>(project, "src/stub.ts");
    let error: unknown;
    try {
      stub.runStub();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JauntTodoError);
    expect(error).toBeInstanceOf(JauntNotBuiltError);
    expect(error).toMatchObject({ code: "runtime.todo", exitCode: 1 });
    expect(String(error)).toContain("a spec stub is not built (its body ran: jaunt.todo() was called)");
  });

  bunTest("is typed never, so stub bodies type-check", () => {
    const stub = (): number => todo();
    expect(stub).toThrow(JauntTodoError);
  });
});

describe("specRef() and registry()", () => {
  bunTest("specRef is undefined for untagged values and inherited tags", () => {
    expect(specRef(() => 1)).toBeUndefined();
    expect(specRef(null)).toBeUndefined();
    expect(specRef("src/x:y")).toBeUndefined();
    expect(specRef(Object.create(specs.slugifyBasics))).toBeUndefined();
  });

  bunTest("the registry view and its entries cannot be changed", () => {
    const view = registry();
    expect(view.size).toBeGreaterThan(0);
    expect("set" in view).toBe(false);
    expect("delete" in view).toBe(false);
    expect(Object.isFrozen(view)).toBe(true);
    const entry = view.get("tests/slug:slugifyBasics");
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(entry?.options)).toBe(true);
    expect([...view.keys()]).toContain("tests/slug:slugifyBasics");
  });

  bunTest("the registry is live and shared process-wide", () => {
    const sizeBefore = registry().size;
    test({ specFile: project.path("tests/live.ts") }, function liveOne() {});
    expect(registry().size).toBe(sizeBefore + 1);
    expect(Reflect.get(globalThis, Symbol.for("@jaunt/runtime.registry"))?.has("tests/live:liveOne")).toBe(true);
  });
});
