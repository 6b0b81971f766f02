/** `jaunt --help` renders from the summary table alone, exactly as citty renders the root command. */
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderUsage, type CommandDef } from "citty";
import { COMMAND_SUMMARIES, ROOT_DESCRIPTION } from "../../src/cli/command-summaries.ts";
import { COMMANDS } from "../../src/cli/commands.ts";
import { fitHelp } from "../../src/cli/help-text.ts";
import { isRootHelpRequest, rootHelp } from "../../src/cli/root-help.ts";
import { renderRootUsage } from "../../src/cli/root-usage.ts";
import { plainRootHelp } from "../../src/cli/root-help-plain.ts";
import { VERSION } from "../../src/version.ts";
import { MAIN } from "../support/cli.ts";

test("the table lists every command, in order, with the description its own module declares", async () => {
  expect(Object.keys(COMMAND_SUMMARIES)).toEqual(Object.keys(COMMANDS));
  const summaries: Readonly<Record<string, string>> = COMMAND_SUMMARIES;
  for (const [name, load] of Object.entries(COMMANDS)) {
    const command: CommandDef = typeof load === "function" ? await load() : await load;
    const meta = typeof command.meta === "function" ? await command.meta() : await command.meta;
    expect(meta?.description, name).toBe(summaries[name]);
  }
});

test("the text is citty's rendering of the root command with every command module loaded", async () => {
  const root: CommandDef = { meta: { name: "jaunt", version: VERSION, description: ROOT_DESCRIPTION }, subCommands: COMMANDS };
  const cittyText = await renderUsage(root);
  // citty decides on colors from the environment when it loads; compare in whichever mode it chose, and plain.
  expect(renderRootUsage(cittyText.includes("\u001b["))).toBe(cittyText);
  expect(renderRootUsage(false)).toBe(Bun.stripANSI(cittyText));
  expect(Bun.stripANSI(renderRootUsage(true))).toBe(renderRootUsage(false));
});

test("the plain text packaging builds (no colors, 80 columns) is what fitting the colored text and stripping gives", () => {
  const built = plainRootHelp("9.9.9-x");
  expect(built).toBe(Bun.stripANSI(fitHelp(renderRootUsage(true, "9.9.9-x"), 80)));
  expect(built).toContain("(jaunt\nv9.9.9-x)");
  expect(built.split("\n").every((line) => line.length <= 80)).toBe(true);
  // Any other width is fitted at run time (colored when this test's stdout is a color terminal). The built text
  // itself is checked on a compiled binary (test/dist/binary.test.ts): a source run has none.
  expect(Bun.stripANSI(rootHelp({ COLUMNS: "100" }))).toBe(fitHelp(renderRootUsage(false), 100));
});

test("only the bare command and a lone --help / -h take the fast path", () => {
  expect(isRootHelpRequest([])).toBe(true);
  expect(isRootHelpRequest(["--help"])).toBe(true);
  expect(isRootHelpRequest(["-h"])).toBe(true);
  expect(isRootHelpRequest(["build", "--help"])).toBe(false);
  expect(isRootHelpRequest(["--help", "--verbose"])).toBe(false);
});

test("stdout to a file or /dev/null is no terminal: plain text, 80 columns (COLUMNS unset)", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "jaunt-root-help-"));
  try {
    const out = path.join(dir, "help.txt");
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, COLUMNS: undefined, CI: undefined, TERM: "xterm" };
    for (const target of [Bun.file(out), "ignore" as const]) {
      const child = Bun.spawn([process.execPath, MAIN, "--help"], { cwd: dir, env, stdout: target, stderr: "pipe" });
      expect(await child.exited).toBe(0);
    }
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain("\u001b[");
    expect(text).toContain("COMMANDS");
    expect(Math.max(...text.split("\n").map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(Math.max(...text.split("\n").map((line) => line.length))).toBeGreaterThan(70);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
