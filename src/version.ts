/**
 * Jaunt's version. The compiled binary gets it injected by build.ts
 * (`define: { JAUNT_VERSION: ... }`); a source run reads package.json.
 */
import pkg from "../package.json" with { type: "json" };

declare const JAUNT_VERSION: string | undefined;

export const VERSION: string = typeof JAUNT_VERSION === "string" ? JAUNT_VERSION : pkg.version;

/** `jaunt --version` / `jaunt -v`, alone. */
export function isVersionRequest(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v");
}
