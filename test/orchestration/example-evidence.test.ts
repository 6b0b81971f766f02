import { expect, test } from "bun:test";
import { literalKey } from "../../src/orchestration/repair/example-evidence.ts";

test("literal values compare across quote styles and spacing, as bun prints them and users write them", () => {
  expect(literalKey("'hello-world'")).toBe(literalKey('"hello-world"'));
  expect(literalKey("`a b`")).toBe('"a b"');
  expect(literalKey("'it\\'s'")).toBe(JSON.stringify("it's"));
  expect(literalKey("[1, 2,  3]")).toBe(literalKey("[1,2,3]"));
  expect(literalKey("'a'")).not.toBe(literalKey("'b'"));
  expect(literalKey("42")).toBe("42");
});
