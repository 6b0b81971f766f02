/**
 * The root help without colors at 80 columns (what a pipe or a file gets),
 * for the version being bundled. Packaging passes it to the bundle as
 * `JAUNT_PLAIN_ROOT_HELP` (a `define`, like `JAUNT_VERSION`): a fresh process
 * spent ~2–3 ms running the rendering and fitting code once, ~10 % of a
 * compiled `jaunt --help`. A source run fits the text itself.
 */
import { fitHelp } from "./help-text.ts";
import { renderRootUsage } from "./root-usage.ts";

/** The width a pipe or a file is fitted to when COLUMNS is unset (help-text.ts `helpWidth`). */
export const PLAIN_HELP_WIDTH = 80;

export function plainRootHelp(version: string): string {
  return fitHelp(renderRootUsage(false, version), PLAIN_HELP_WIDTH);
}
