/**
 * Specs Jaunt cannot see: `magic()` in a file outside `source_roots`,
 * `test()` outside `test_roots` or in a `*.test.ts` file that `bun test`
 * collects as an ordinary test. Found by a cheap textual scan (no parse):
 * these files are read only to say why nothing happens.
 */
import type { DiscoveryProblemData } from "./types.ts";
import { RUNTIME_PACKAGE } from "./runtime-package.ts";

const IMPORT = /\bimport\s+(?:type\s+)?([^;"'`]*?)\s*from\s*["']@jaunt\/runtime["']/g;

/** Callee spellings of `magic`/`test` in this file, as regex sources. */
function calleesOf(text: string): Record<"magic" | "test", string[]> {
  const callees: Record<"magic" | "test", string[]> = { magic: [], test: [] };
  for (const match of text.matchAll(IMPORT)) {
    const clause = match[1] ?? "";
    const ns = /\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(clause)?.[1];
    if (ns) for (const api of ["magic", "test"] as const) callees[api].push(`${ns.replace(/\$/g, "\\$")}\\.${api}`);
    const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? "";
    for (const part of named.split(",")) {
      const [imported, local] = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/);
      if (imported === "magic" || imported === "test") callees[imported].push((local ?? imported).replace(/\$/g, "\\$"));
    }
  }
  return callees;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}

function rootOf(file: string): string {
  const slash = file.indexOf("/");
  return slash === -1 ? "." : file.slice(0, slash);
}

/** A warning when `text` (of a file that cannot hold Jaunt-built specs) has spec calls; undefined otherwise. */
export function straySpecWarning(file: string, text: string, inTestRoot: boolean): DiscoveryProblemData | undefined {
  if (!text.includes(RUNTIME_PACKAGE)) return undefined;
  const callees = calleesOf(text);
  for (const api of ["magic", "test"] as const) {
    if (callees[api].length === 0) continue;
    const match = new RegExp(`(?<![\\w$.])@?(?:${callees[api].join("|")})\\s*\\(`).exec(text);
    if (!match) continue;
    const where = { file, line: lineOf(text, match.index), column: 1 };
    if (inTestRoot && api === "test") {
      const renamed = file.replace(/[._](?:test|spec)(\.[cm]?tsx?)$/, "$1");
      return {
        ...where,
        message: "test specs in a *.test.ts / *.spec.ts file are never generated: `bun test` collects the file itself and runs the empty stubs",
        hint: `rename it to ${renamed}`,
      };
    }
    const key = api === "magic" ? "source_roots" : "test_roots";
    if (inTestRoot) {
      return { ...where, message: `magic() spec in a test root: Jaunt never builds it`, hint: "move it to a module under source_roots" };
    }
    return {
      ...where,
      message: `${api}() spec outside ${key}: Jaunt never ${api === "magic" ? "builds" : "generates"} it, and ${api === "magic" ? "calls throw JauntNotBuiltError" : "its tests never run"}`,
      hint: `add "${rootOf(file)}" to [paths] ${key} in jaunt.toml, or move the file under ${key}`,
    };
  }
  return undefined;
}
