/**
 * The root help without colors at 80 columns (what a pipe or a file gets),
 * for the version being bundled. Packaging passes it to the bundle as
 * `JAUNT_PLAIN_ROOT_HELP` (a `define`, like `JAUNT_VERSION`): a fresh process
 * spent ~2–3 ms running the rendering and fitting code once, ~10 % of a
 * compiled `jaunt --help`. A source run fits the text itself.
 */
import { DEFAULT_HELP_WIDTH, fitHelp } from "./help-text.ts";
import { renderRootUsage } from "./root-usage.ts";

export function plainRootHelp(version: string): string {
  return fitHelp(renderRootUsage(false, version), DEFAULT_HELP_WIDTH);
}
