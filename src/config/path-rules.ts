/**
 * Rules for the paths jaunt.toml may name. Every path is relative to the
 * project root and must stay inside it, so a checked-in jaunt.toml behaves the
 * same on every machine and cannot make Jaunt read or write elsewhere.
 */
import path from "node:path";

/** `C:\x`, `C:/x`, `\\server\share` or `/x`: absolute on some platform. */
function isAbsoluteAnywhere(value: string): boolean {
  return path.posix.isAbsolute(value) || path.win32.isAbsolute(value);
}

/**
 * The normalized `/`-separated form of a project-relative path
 * (`./src/` → `src`, `.` stays `.`), or what is wrong with it.
 */
export function checkRelativePath(value: string): { ok: true; normalized: string } | { ok: false; problem: string } {
  if (value.trim() === "") return { ok: false, problem: "must not be empty" };
  if (isAbsoluteAnywhere(value)) return { ok: false, problem: `must be relative to the project root, got absolute path "${value}"` };
  const normalized = path.posix.normalize(value.replaceAll("\\", "/")).replace(/\/+$/, "");
  if (normalized === ".." || normalized.startsWith("../")) {
    return { ok: false, problem: `must stay inside the project root, but "${value}" leads outside it` };
  }
  return { ok: true, normalized: normalized === "" ? "." : normalized };
}

/** What is wrong with a `generated_dir` name, or undefined: one plain path segment. */
export function generatedDirProblem(value: string): string | undefined {
  if (value.trim() === "") return "must not be empty";
  if (value.includes("/") || value.includes("\\")) return `must be a single folder name without slashes, got "${value}"`;
  if (value === "." || value === "..") return `must be a folder name, not "${value}"`;
  return undefined;
}
