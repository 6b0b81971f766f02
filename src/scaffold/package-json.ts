/**
 * Adds a dependency to a package.json text while keeping its indentation and
 * final newline, so `jaunt init` leaves a diff a person would have written.
 */
import { JauntError } from "@jaunt/runtime";
import { isRecord } from "../support/is-record.ts";

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

/** The indentation unit of a JSON text: a tab or some spaces (2 when unknown). */
export function detectIndent(text: string): string {
  const match = /^[{[][^\n]*\n([ \t]+)\S/.exec(text);
  return match?.[1] ?? "  ";
}

export interface DependencyEdit {
  /** The new text; equal to the input when nothing changed. */
  readonly text: string;
  readonly changed: boolean;
}

/**
 * Add `name@range` to `dependencies` unless any dependency field already lists it.
 * @throws {JauntError} code `init.package_json_invalid` (exit 2) when the text is not a JSON object
 */
export function addDependency(text: string, name: string, range: string, file = "package.json"): DependencyEdit {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new JauntError(`${file} is not valid JSON`, "init.package_json_invalid", 2, {
      location: { file },
      hint: `fix it, or add "${name}" to its dependencies yourself`,
      cause,
    });
  }
  if (!isRecord(parsed)) {
    throw new JauntError(`${file} does not hold a JSON object`, "init.package_json_invalid", 2, { location: { file } });
  }
  const pkg = parsed;
  if (DEPENDENCY_FIELDS.some((field) => isRecord(pkg[field]) && name in pkg[field])) return { text, changed: false };
  const dependencies = isRecord(pkg.dependencies) ? pkg.dependencies : {};
  pkg.dependencies = { ...dependencies, [name]: range };
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  let out = JSON.stringify(pkg, null, detectIndent(text));
  if (eol !== "\n") out = out.replaceAll("\n", eol);
  if (text.endsWith("\n") || text.trim() === "") out += eol;
  return { text: out, changed: true };
}

/** A minimal package.json for a new project named after its folder. */
export function newPackageJson(folderName: string, dependency: string, range: string): string {
  const name = folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[-._]+|-+$/g, "") || "my-project";
  const pkg = { name, private: true, type: "module", dependencies: { [dependency]: range } };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
