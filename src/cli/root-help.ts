/**
 * `jaunt --help` (and bare `jaunt`) without loading citty or any command
 * module: the table of names and one-line summaries is all it shows. The text
 * is what citty's `renderUsage` gives for the root command, character for
 * character (test/cli/root-help.test.ts compares them), fitted like every
 * other help text.
 */
import { DEFAULT_HELP_WIDTH, fitHelp, helpWidth } from "./help-text.ts";
import { renderRootUsage } from "./root-usage.ts";
import { colorEnabled, stdoutColumns } from "./terminal.ts";

declare const JAUNT_PLAIN_ROOT_HELP: string | undefined;

/** What a pipe or a file gets, made by packaging for the version it bundles (root-help-plain.ts); a source run fits it. */
const BUILT_PLAIN = typeof JAUNT_PLAIN_ROOT_HELP === "string" ? JAUNT_PLAIN_ROOT_HELP : undefined;

/** `jaunt`, `jaunt --help`, `jaunt -h`: the root's help and nothing else. */
export function isRootHelpRequest(argv: readonly string[]): boolean {
  return argv.length === 0 || (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h"));
}

/** citty's color rule for usage text (its own, fixed at load: NO_COLOR=1, TERM=dumb, TEST or CI turn it off). */
function cittyColors(env: Readonly<Record<string, string | undefined>>): boolean {
  return !(env.NO_COLOR === "1" || env.TERM === "dumb" || env.TEST || env.CI);
}

/** The root help as written to stdout: fitted to the terminal, colored only when stdout wants colors. */
export function rootHelp(env: Readonly<Record<string, string | undefined>> = process.env): string {
  // The terminal is asked only when COLUMNS does not settle the width.
  const width = helpWidth(env, Number(env.COLUMNS) ? undefined : stdoutColumns());
  const colored = colorEnabled("stdout");
  if (!colored && width === DEFAULT_HELP_WIDTH && BUILT_PLAIN !== undefined) return BUILT_PLAIN;
  const text = fitHelp(renderRootUsage(cittyColors(env)), width);
  return colored ? text : Bun.stripANSI(text);
}
