/**
 * Jaunt's version. The compiled binary gets it injected by build.ts
 * (`define: { JAUNT_VERSION: ... }`); a source run reads package.json.
 */
import pkg from "../package.json" with { type: "json" };

declare const JAUNT_VERSION: string | undefined;

export const VERSION: string = typeof JAUNT_VERSION === "string" ? JAUNT_VERSION : pkg.version;
