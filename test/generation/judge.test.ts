import { expect, test } from "bun:test";
import { packagedPrompt } from "../../src/assets/prompts.ts";
import { judgeMessages, parseVerdict } from "../../src/generation/judge/judge.ts";

test("a verdict line decides; the next line is the reason; markdown around it is ignored", () => {
  expect(parseVerdict("VERDICT: implementation\nThe spec says lowercase.")).toEqual({ side: "implementation", reason: "The spec says lowercase.", verdictGiven: true });
  expect(parseVerdict("**VERDICT: test**\n\nReason: the spec never mentions underscores.")).toEqual({ side: "test", reason: "the spec never mentions underscores.", verdictGiven: true });
  expect(parseVerdict("Let me think.\nverdict: Test — the example says so")).toMatchObject({ side: "test", reason: "the example says so" });
});

test("an answer without a verdict counts as implementation and says what the judge said", () => {
  const parsed = parseVerdict("Both could be wrong, hard to say.\nMaybe the test.");
  expect(parsed.side).toBe("implementation");
  expect(parsed.verdictGiven).toBe(false);
  expect(parsed.reason).toContain('the judge gave no verdict (it said: "Both could be wrong, hard to say.")');
  expect(parseVerdict("VERDICT: neither").verdictGiven).toBe(false);
});

test("the packaged judge prompt carries the spec, the test spec, each failing test's code and values, and the implementation", () => {
  const [message] = judgeMessages(
    {
      module: "src/slug",
      specSource: "/** Lowercase. */\nexport const slugify = 1;",
      testModule: "tests/slug",
      testSpecSource: "/** slugify(\"A\") is \"a\". */",
      failures: [{ test: "basics > lowers", file: "tests/__generated__/slug.test.ts", line: 9, code: 'test("lowers", () => expect(slugify("A")).toBe("a"))', message: "expect(received).toBe(expected)", expected: '"a"', received: '"A"', frame: "src/__generated__/slug.ts:8:3: `return t;`" }],
      implementationFile: "src/__generated__/slug.ts",
      implementation: "export function slugify(t: string) { return t; }",
    },
    packagedPrompt("judge"),
  );
  const text = message?.content ?? "";
  expect(text).toStartWith("# Judge failing tests of `tests/slug`");
  for (const part of ["/** Lowercase. */", 'slugify("A") is "a"', "### `basics > lowers` (tests/__generated__/slug.test.ts:9)", 'Expected: "a"', 'Received: "A"', "src/__generated__/slug.ts:8:3", "export function slugify(t: string) { return t; }", "VERDICT: implementation", "VERDICT: test"]) {
    expect(text).toContain(part);
  }
});
