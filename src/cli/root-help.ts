/**
 * `jaunt --help` (and bare `jaunt`) without loading citty or any command
 * module: the table of names and one-line summaries is all it shows. The text
 * is what citty's `renderUsage` gives for the root command, character for
 * character (test/cli/root-help.test.ts compares them), fitted like every
 * other help text.
 */
import { COMMAND_SUMMARIES, ROOT_DESCRIPTION } from "./command-summaries.ts";
import { fitHelp, helpWidth } from "./help-text.ts";
import { colorEnabled, stdoutColumns } from "./terminal.ts";
import { VERSION } from "../version.ts";

/** `jaunt`, `jaunt --help`, `jaunt -h`: the root's help and nothing else. */
export function isRootHelpRequest(argv: readonly string[]): boolean {
  return argv.length === 0 || (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h"));
}

/** citty's color rule for usage text (its own, fixed at load: NO_COLOR=1, TERM=dumb, TEST or CI turn it off). */
function cittyColors(env: Readonly<Record<string, string | undefined>>): boolean {
  return !(env.NO_COLOR === "1" || env.TERM === "dumb" || env.TEST || env.CI);
}

/** The root usage text as citty renders it (colors included when `colors`), before fitting. */
export function renderRootUsage(colors: boolean): string {
  const sgr = (open: number, close: number) => (text: string) => (colors ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  const [bold, cyan, gray, underline] = [sgr(1, 22), sgr(36, 39), sgr(90, 39), sgr(4, 24)];
  const names = Object.keys(COMMAND_SUMMARIES);
  const rows = Object.entries(COMMAND_SUMMARIES).map(([name, summary]) => [cyan(name), summary] as const);
  const nameWidth = Math.max(...rows.map(([label]) => label.length));
  const summaryWidth = Math.max(...rows.map(([, summary]) => summary.length));
  // citty's column layout: every cell gets a two-blank prefix, cells are joined by two more.
  const table = rows.map(([label, summary]) => `  ${label.padStart(nameWidth)}    ${summary.padEnd(summaryWidth)}`).join("\n");
  return [
    gray(`${ROOT_DESCRIPTION} (jaunt v${VERSION})`),
    "",
    `${underline(bold("USAGE"))} ${cyan(`jaunt ${names.join("|")}`)}`,
    "",
    underline(bold("COMMANDS")),
    "",
    table,
    "",
    `Use ${cyan("jaunt <command> --help")} for more information about a command.`,
  ].join("\n");
}

/** The root help as written to stdout: fitted to the terminal, colored only when stdout wants colors. */
export function rootHelp(env: Readonly<Record<string, string | undefined>> = process.env): string {
  // The terminal is asked only when COLUMNS does not settle the width.
  const text = fitHelp(renderRootUsage(cittyColors(env)), helpWidth(env, Number(env.COLUMNS) ? undefined : stdoutColumns()));
  return colorEnabled("stdout") ? text : Bun.stripANSI(text);
}
