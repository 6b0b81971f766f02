/**
 * The name part of a SpecRef. Named function expressions and classes carry it;
 * for an anonymous function (`export const slugify = magic((t) => …)`) it is
 * read from the declaring line of the spec file.
 */
import { nodeFs } from "./node-builtins.ts";
import { JauntDiscoveryError } from "./errors.ts";
import type { SpecSite } from "./spec-location.ts";

const DECLARATION = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:[\w$]+\.)?(?:magic|test)\b/;

function nameFromSource(site: SpecSite): string | undefined {
  const line = site.location?.line;
  if (line === undefined) return undefined;
  let lines: string[];
  try {
    lines = nodeFs().readFileSync(site.specFile, "utf8").split(/\r?\n/);
  } catch {
    return undefined;
  }
  // The call may sit on the declaring line or the one after (`export const x =\n  magic(`).
  for (const candidate of [lines[line - 1], lines[line - 2]]) {
    const match = candidate === undefined ? null : DECLARATION.exec(candidate);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

/** The spec's name, or a discovery error telling the user to name the function. */
export function specNameOf(fn: Function, site: SpecSite, api: "magic" | "test"): string {
  if (fn.name !== "") return fn.name;
  const inferred = nameFromSource(site);
  if (inferred !== undefined) return inferred;
  throw new JauntDiscoveryError(`cannot tell the name of this ${api}() spec`, "discovery.anonymous_spec", {
    location: site.location ?? { file: site.specFile },
    hint: `pass a named function: export const slugify = ${api}(function slugify(…) { … })`,
  });
}
