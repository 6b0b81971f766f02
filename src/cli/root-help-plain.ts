/**
 * The root help without colors at `width` columns, and the version it names.
 * Imported by root-help.ts as a Bun macro (`with { type: "macro" }`): it runs
 * when Jaunt is bundled or transpiled, and its result is inlined. A macro does
 * not see the bundle's `define`, so it names package.json's version; a build
 * given another one (build.ts --version) fits the text at run time instead.
 */
import { fitHelp } from "./help-text.ts";
import { renderRootUsage } from "./root-usage.ts";
import { VERSION } from "../version.ts";

export function plainRootHelp(width: number): { readonly version: string; readonly text: string } {
  return { version: VERSION, text: fitHelp(renderRootUsage(false), width) };
}
