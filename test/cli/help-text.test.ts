/** `--help` fits the terminal: no padded 200-column rows, long descriptions wrapped under their column. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fitHelp, helpWidth } from "../../src/cli/help-text.ts";
import { runJaunt } from "../support/cli.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "jaunt-help-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const words = (text: string): string => text.replace(/\s+/g, " ").trim();
const CYAN = (s: string): string => `\u001b[36m${s}\u001b[39m`;

test("rows wrap under their description column, keep every word and the gap after the first cell; colors take no columns", () => {
  const description = "Make each spec depend on the specs its module imports, those its code, JSDoc or comments name";
  const usage = `OPTIONS\n\n  ${CYAN("--infer-deps")}    ${description}${" ".repeat(40)}\n  ${CYAN("--json")}          Short${" ".repeat(80)}\n`;
  const fitted = fitHelp(usage, 60);
  const lines = fitted.split("\n");
  for (const line of lines) expect(line.replace(/\u001b\[[0-9;]*m/g, "").length).toBeLessThanOrEqual(60);
  for (const line of lines) expect(line).toBe(line.trimEnd());
  expect(lines[2]).toStartWith(`  ${CYAN("--infer-deps")}    Make each spec`);
  const column = "  --infer-deps    ".length;
  expect(lines[3]?.slice(0, column)).toBe(" ".repeat(column));
  expect(lines[3]?.[column]).not.toBe(" ");
  expect(words(fitted)).toBe(words(usage));
});

test("the width is COLUMNS, else the terminal's, else 80, kept within 60..120", () => {
  expect(helpWidth({ COLUMNS: "100" }, 200)).toBe(100);
  expect(helpWidth({}, 90)).toBe(90);
  expect(helpWidth({}, undefined)).toBe(80);
  expect(helpWidth({ COLUMNS: "20" }, undefined)).toBe(60);
  expect(helpWidth({}, 300)).toBe(120);
});

test("every command's --help fits 80 columns with no trailing blanks, and says what citty's table said", async () => {
  for (const args of [["--help"], ["build", "--help"], ["status", "--help"], ["test", "--help"], ["watch", "--help"]]) {
    const result = await runJaunt(args, { cwd: dir, env: { COLUMNS: "80" } });
    expect(result.exitCode).toBe(0);
    for (const line of result.stdout.split("\n")) {
      expect(line.length, `${args.join(" ")}: ${line}`).toBeLessThanOrEqual(80);
      expect(line, args.join(" ")).toBe(line.trimEnd());
    }
    if (args.length > 1) expect(result.stdout).toMatch(/^ +--root=<dir> {2,}Project root holding jaunt\.toml/m);
    // Each command's help names only its own options (jaunt test has no --target).
    if (args[0] === "test") expect(result.stdout).not.toContain("--target");
  }
});
