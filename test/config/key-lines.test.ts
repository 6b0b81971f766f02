import { describe, expect, test } from "bun:test";
import { locateKeyLines } from "../../src/config/key-lines.ts";

const TEXT = `# comment = not a key
version = 1

[paths]
source_roots = [
  "src",   # a comment ] inside
  "lib",
]
generated_dir = "__generated__"

[llm]
model = """
multi = line
"""
prices = { "gpt-4.1" = { input = 2, output = 8 }, other = { input = 1 } }
'quoted key' = 1
build.jobs = 3

[llm.prices."o3-mini"]
input = 1.1

[[items]]
name = "a"
`;

describe("locateKeyLines", () => {
  const lines = locateKeyLines(TEXT);

  test("finds top-level keys, headers and keys in tables", () => {
    expect(lines.lineOf(["version"])).toBe(2);
    expect(lines.lineOf(["paths"])).toBe(4);
    expect(lines.lineOf(["paths", "source_roots"])).toBe(5);
    expect(lines.lineOf(["paths", "generated_dir"])).toBe(9);
    expect(lines.lineOf(["items", "name"])).toBe(23);
  });

  test("skips multi-line strings and arrays", () => {
    expect(lines.lineOf(["llm", "model"])).toBe(12);
    expect(lines.lineOf(["llm", "prices"])).toBe(15);
  });

  test("finds keys inside inline tables, quoted keys and dotted keys", () => {
    expect(lines.lineOf(["llm", "prices", "gpt-4.1", "output"])).toBe(15);
    expect(lines.lineOf(["llm", "prices", "other", "input"])).toBe(15);
    expect(lines.lineOf(["llm", "quoted key"])).toBe(16);
    expect(lines.lineOf(["llm", "build", "jobs"])).toBe(17);
    expect(lines.lineOf(["llm", "prices", "o3-mini", "input"])).toBe(20);
  });

  test("falls back to the enclosing table, then to nothing", () => {
    expect(lines.lineOf(["paths", "test_roots"])).toBe(4);
    expect(lines.lineOf(["llm", "prices", "o3-mini", "output"])).toBe(19);
    expect(lines.lineOf(["nowhere", "at_all"])).toBeUndefined();
    expect(lines.lineOf([])).toBeUndefined();
  });

  test("handles CRLF line endings", () => {
    const crlf = locateKeyLines("[build]\r\njobs = 2\r\n\r\n[test]\r\njobs = 1\r\n");
    expect(crlf.lineOf(["build", "jobs"])).toBe(2);
    expect(crlf.lineOf(["test", "jobs"])).toBe(5);
  });
});
