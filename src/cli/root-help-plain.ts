/**
 * The root help without colors at `width` columns. Imported by root-help.ts as
 * a Bun macro (`with { type: "macro" }`): it runs when Jaunt is bundled or
 * transpiled, and its result is inlined as a string.
 */
import { fitHelp } from "./help-text.ts";
import { renderRootUsage } from "./root-usage.ts";

export function plainRootHelp(width: number): string {
  return fitHelp(renderRootUsage(false), width);
}
