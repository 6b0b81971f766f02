/**
 * The CLI entry: resolves the command, checks flags, runs it, and turns any
 * error into one message and its exit code. Only this file knows exit codes.
 */
import type { ArgsDef, CommandDef } from "citty";
import { isVersionRequest, VERSION } from "../version.ts";
import { didYouMean } from "../support/did-you-mean.ts";
import { checkArgv } from "./check-argv.ts";
import { ROOT_DESCRIPTION } from "./command-summaries.ts";
import { COMMANDS } from "./commands.ts";
import { isRootHelpRequest, rootHelp } from "./root-help.ts";
import { stdoutColumns, writeJson, writeProgress, writeResult } from "./output.ts";
import { reportError } from "./report-error.ts";
import { UsageError } from "./usage-error.ts";
import { isVerbose } from "./verbosity.ts";

/** What a command's `run` may return to choose a non-zero exit without an error. */
export interface CommandOutcome {
  readonly exitCode: number;
}

function isCommandOutcome(value: unknown): value is CommandOutcome {
  return typeof value === "object" && value !== null && "exitCode" in value && typeof value.exitCode === "number";
}

function rootCommand(): CommandDef {
  return {
    meta: { name: "jaunt", version: VERSION, description: ROOT_DESCRIPTION },
    subCommands: COMMANDS,
  };
}

interface Resolved {
  readonly chain: readonly CommandDef[];
  readonly names: readonly string[];
  readonly rest: readonly string[];
}

/** Walk subcommands by leading positional words: `skill export --dest x` → [root, skill, export]. */
async function resolveCommand(root: CommandDef, argv: readonly string[]): Promise<Resolved> {
  const chain: CommandDef[] = [root];
  const names: string[] = [];
  let index = 0;
  for (;;) {
    const current = chain[chain.length - 1];
    const word = argv[index];
    if (!current?.subCommands || word === undefined || word.startsWith("-")) break;
    const table = typeof current.subCommands === "function" ? await current.subCommands() : await current.subCommands;
    const entry = table[word];
    if (!entry) {
      const suggestion = didYouMean(word, Object.keys(table));
      const where = names.length > 0 ? `jaunt ${names.join(" ")}` : "jaunt";
      throw new UsageError(
        `unknown command "${word}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
        `run \`${where} --help\` for the list of commands`,
      );
    }
    chain.push(typeof entry === "function" ? await entry() : await entry);
    names.push(word);
    index += 1;
  }
  return { chain, names, rest: argv.slice(index) };
}

async function resolveArgs(cmd: CommandDef): Promise<ArgsDef> {
  if (cmd.args === undefined) return {};
  return typeof cmd.args === "function" ? await cmd.args() : await cmd.args;
}

/** Run the CLI on `argv` (without the executable) and return the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  if (isVersionRequest(argv)) {
    writeResult(VERSION);
    return 0;
  }
  if (isRootHelpRequest(argv)) {
    writeResult(rootHelp());
    return 0;
  }
  const verbose = isVerbose(argv.includes("--verbose"));
  let commandName = "jaunt";
  try {
    const { renderUsage, runCommand } = await import("citty");
    const root = rootCommand();
    const { chain, names, rest } = await resolveCommand(root, argv);
    commandName = ["jaunt", ...names].join(" ");
    const cmd = chain[chain.length - 1] ?? root;
    const parent = chain.length > 1 ? chain[chain.length - 2] : undefined;
    const wantsHelp = rest.includes("--help") || rest.includes("-h");
    if (wantsHelp || (cmd.subCommands !== undefined && cmd.run === undefined)) {
      if (!wantsHelp && rest.length > 0) checkArgv({}, rest, commandName);
      const { fitHelp, helpWidth } = await import("./help-text.ts");
      writeResult(fitHelp(await renderUsage(cmd, parent), helpWidth(process.env, stdoutColumns())));
      return 0;
    }
    checkArgv(await resolveArgs(cmd), rest, commandName);
    const { result } = await runCommand(cmd, { rawArgs: [...rest] });
    return isCommandOutcome(result) ? result.exitCode : 0;
  } catch (caught) {
    // citty reports bad usage (e.g. a missing required argument) as CLIError.
    const error = caught instanceof Error && caught.name === "CLIError" ? new UsageError(caught.message, `run \`${commandName} --help\` for its arguments`) : caught;
    const report = reportError(error, { verbose });
    if (argv.includes("--json")) writeJson(report.json);
    writeProgress(report.text);
    return report.exitCode;
  }
}
