import { describe, expect, test } from "bun:test";
import { JauntDiscoveryError, magic, todo } from "@jaunt/runtime";

const specFile = "/tmp/jaunt-deps-option/src/c.ts";

describe("magic() deps option", () => {
  test("accepts specs and SpecRef strings (the form for specs defined later)", () => {
    const first = magic({ specFile, deps: ["src/c:second"] }, function depsFirst(): string { return todo(); });
    expect(typeof magic({ specFile, deps: [first, "src/d:other"] }, function depsSecond(): string { return todo(); })).toBe("function");
  });

  test("rejects a string that is no SpecRef, and an undefined entry, naming the fix", () => {
    // Reflect.apply: what plain JavaScript (no type check) may pass.
    const call = (deps: readonly unknown[]) => () => Reflect.apply(magic, undefined, [{ specFile, deps }, function depsBad(): string { return todo(); }]);
    expect(call(["second"])).toThrow(JauntDiscoveryError);
    expect(call(["second"])).toThrow('magic() option `deps` has "second", which is not a SpecRef');
    expect(call([undefined])).toThrow("a value that is undefined (a spec used before its definition?)");
  });
});
