/** `[build] semantic_gate`: a comment-only edit is put to the gate model; UNCHANGED stamps, anything else regenerates. */
import { describe, expect, test } from "bun:test";
import { readVerdict } from "../../src/generation/meaning-check/ask.ts";
import { SPECS } from "./project.ts";
import { llmProjects } from "./llm-projects.ts";

const { llm, project } = llmProjects();
let verdict = "UNCHANGED — typo";
let gateUsage: { prompt_tokens: number; completion_tokens: number } | undefined;
llm.respond((request) => (request.messages.some((m) => m.content.startsWith("Meaning check for module")) ? { content: verdict, ...(gateUsage ? { usage: gateUsage } : {}) } : undefined));

const gateQuestions = (from: number): string[] => llm.requests.slice(from).flatMap((r) => r.messages.filter((m) => m.content.startsWith("Meaning check for module")).map((m) => m.content));
const generated = (from: number): string[] => llm.requests.slice(from).flatMap((r) => (r.module ? [r.module] : []));

describe("the meaning check", () => {
  test("reads the first line: UNCHANGED / CHANGED with a note; anything else is unclear", () => {
    expect(readVerdict("UNCHANGED — typo fix")).toEqual({ verdict: "unchanged", note: "typo fix" });
    expect(readVerdict("**CHANGED**: now trims tabs too\n")).toEqual({ verdict: "changed", note: "now trims tabs too" });
    expect(readVerdict("unchanged\n\"just rewording\"")).toEqual({ verdict: "unchanged", note: "just rewording" });
    expect(readVerdict("I think it is unchanged").verdict).toBe("unclear");
    expect(readVerdict("").verdict).toBe("unclear");
  });

  test("UNCHANGED stamps the module and its dependents without regenerating; CHANGED and a garbled answer regenerate; a code edit is never asked about", async () => {
    const p = project({ "src/text.ts": SPECS["src/text.ts"] ?? "", "src/slug.ts": SPECS["src/slug.ts"] ?? "" }, "semantic_gate = true\n");
    const first = await p.jaunt(["build"]);
    expect(first.exitCode, first.stderr).toBe(0);

    // A typo fix in the JSDoc: one question, then stamped (and slug, which only saw that JSDoc change), no generation.
    let from = llm.requests.length;
    p.write("src/text.ts", (SPECS["src/text.ts"] ?? "").replace("Collapse every run", "Colapse every run"));
    let result = await p.jaunt(["build", "--json"]);
    expect(result.exitCode, result.stderr).toBe(0);
    const report: { stamped: number; built: number; tokens: { promptTokens: number }; modules: { module: string; status: string; meaning?: { note: string } }[] } = JSON.parse(result.stdout);
    expect(report).toMatchObject({ stamped: 2, built: 0 });
    expect(report.modules.find((m) => m.module === "src/text")).toMatchObject({ status: "stamped", meaning: { note: "typo" } });
    expect(report.tokens.promptTokens).toBeGreaterThan(0);
    expect(generated(from)).toEqual([]);
    expect(gateQuestions(from)).toHaveLength(1);
    expect(gateQuestions(from)[0]).toContain("[-Collapse-] {+Colapse+}");
    expect((await p.jaunt(["status", "--check"])).exitCode).toBe(0);

    // The human line names the verdict.
    p.write("src/text.ts", (SPECS["src/text.ts"] ?? "").replace("Collapse every run", "Colapse each run"));
    result = await p.jaunt(["build"]);
    expect(result.stdout + result.stderr).toContain('stamped src/text: meaning unchanged — "typo"');

    // CHANGED: regenerated.
    verdict = "CHANGED - tabs now count";
    from = llm.requests.length;
    p.write("src/text.ts", (SPECS["src/text.ts"] ?? "").replace("Collapse every run of whitespace", "Collapse every run of spaces"));
    result = await p.jaunt(["build"]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(gateQuestions(from)).toHaveLength(1);
    expect(generated(from).sort()).toEqual(["src/slug", "src/text"]);

    // A garbled answer: regenerated.
    verdict = "Well, it depends on how you look at it.";
    from = llm.requests.length;
    p.write("src/text.ts", (SPECS["src/text.ts"] ?? "").replace("Collapse every run of whitespace", "Collapse every single run of whitespace"));
    result = await p.jaunt(["build"]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(gateQuestions(from)).toHaveLength(1);
    expect(generated(from)).toContain("src/text");

    // A code edit (a parameter renamed): no question, regenerated.
    verdict = "UNCHANGED";
    from = llm.requests.length;
    p.write("src/text.ts", (SPECS["src/text.ts"] ?? "").replace("Collapse every run of whitespace", "Collapse every single run of whitespace").replace("(text: string)", "(input: string)"));
    result = await p.jaunt(["build"]);
    expect(gateQuestions(from)).toEqual([]);
    expect(generated(from)).toContain("src/text");
  }, 120_000);

  test("the questions' cost counts against [build] max_cost before anything is scheduled", async () => {
    const p = project({ "src/text.ts": SPECS["src/text.ts"] ?? "", "src/slug.ts": SPECS["src/slug.ts"] ?? "" }, "semantic_gate = true\n");
    const first = await p.jaunt(["build"]);
    expect(first.exitCode, first.stderr).toBe(0);
    p.write("jaunt.toml", `${p.read("jaunt.toml")}max_cost = 0.01\n`);
    // 100k prompt tokens of gpt-4o-mini ($0.15 per million): $0.015 for the one question, above the $0.01 cap.
    verdict = "CHANGED - now says spaces";
    gateUsage = { prompt_tokens: 100_000, completion_tokens: 10 };
    try {
      const from = llm.requests.length;
      p.write("src/text.ts", (SPECS["src/text.ts"] ?? "").replace("Collapse every run of whitespace", "Collapse every run of spaces"));
      const result = await p.jaunt(["build", "--json"]);
      expect(result.exitCode).toBe(3);
      const report: { costCapReached: boolean; built: number; notStarted: number; costUsd: number } = JSON.parse(result.stdout);
      expect(gateQuestions(from)).toHaveLength(1);
      expect(generated(from)).toEqual([]);
      expect(report).toMatchObject({ costCapReached: true, built: 0, notStarted: 2 });
      expect(report.costUsd).toBeCloseTo((100_000 * 0.15 + 10 * 0.6) / 1_000_000, 8);
    } finally {
      gateUsage = undefined;
    }
  }, 120_000);
});
