/**
 * The root command's usage text as citty's `renderUsage` gives it, character
 * for character (test/cli/root-help.test.ts compares them): names and one-line
 * summaries, nothing loaded. Its own module so packaging can build the root
 * help's plain text for the version it bundles (root-help-plain.ts).
 */
import { COMMAND_SUMMARIES, ROOT_DESCRIPTION } from "./command-summaries.ts";
import { VERSION } from "../version.ts";

/** The root usage text as citty renders it (colors included when `colors`), before fitting; `version` default: this Jaunt's. */
export function renderRootUsage(colors: boolean, version: string = VERSION): string {
  const sgr = (open: number, close: number) => (text: string) => (colors ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  const [bold, cyan, gray, underline] = [sgr(1, 22), sgr(36, 39), sgr(90, 39), sgr(4, 24)];
  const names = Object.keys(COMMAND_SUMMARIES);
  const rows = Object.entries(COMMAND_SUMMARIES).map(([name, summary]) => [cyan(name), summary] as const);
  const nameWidth = Math.max(...rows.map(([label]) => label.length));
  const summaryWidth = Math.max(...rows.map(([, summary]) => summary.length));
  // citty's column layout: every cell gets a two-blank prefix, cells are joined by two more.
  const table = rows.map(([label, summary]) => `  ${label.padStart(nameWidth)}    ${summary.padEnd(summaryWidth)}`).join("\n");
  return [
    gray(`${ROOT_DESCRIPTION} (jaunt v${version})`),
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
