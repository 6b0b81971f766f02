/**
 * `jaunt skill export`: writes the embedded skill docs into a project so an
 * AI assistant can read them. Never overwrites a file the user changed unless
 * forced; identical files are left alone.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { JauntError } from "@jaunt/runtime";
import { SKILL_FILES, type SkillFile } from "../assets/skill.ts";

export type SkillFileState = "written" | "unchanged" | "overwritten";

export interface ExportSkillOptions {
  /** Absolute folder the skill files go into (created when missing). */
  readonly dest: string;
  /** Replace files whose content differs from the packaged one. */
  readonly force: boolean;
  /** The files to write; the embedded skill docs by default. */
  readonly files?: readonly SkillFile[];
}

export interface ExportedSkillFile {
  /** Path inside the skill folder, `/`-separated. */
  readonly path: string;
  /** Absolute path on disk. */
  readonly file: string;
  readonly state: SkillFileState;
}

export interface ExportSkillReport {
  readonly dest: string;
  readonly files: readonly ExportedSkillFile[];
}

/** Current content of `file`, or undefined when it does not exist. */
async function readExisting(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw new JauntError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, "skill.unreadable", 2, {
      hint: "remove it or choose another folder with --dest",
      cause: error,
    });
  }
}

/**
 * Write the skill files into `options.dest`. Checks every file before writing
 * any, so a refused export leaves the folder untouched.
 * @throws {JauntError} code `skill.conflict` (exit 2) when a file differs and `force` is false
 */
export async function exportSkill(options: ExportSkillOptions): Promise<ExportSkillReport> {
  const files = options.files ?? SKILL_FILES;
  const planned = await Promise.all(
    files.map(async (skill) => {
      const file = path.join(options.dest, ...skill.path.split("/"));
      const existing = await readExisting(file);
      const state: SkillFileState = existing === undefined ? "written" : existing === skill.text ? "unchanged" : "overwritten";
      return { skill, file, state };
    }),
  );
  const conflicts = planned.filter((entry) => entry.state === "overwritten");
  if (conflicts.length > 0 && !options.force) {
    const list = conflicts.map((entry) => entry.skill.path).join(", ");
    throw new JauntError(`${options.dest} has changed skill files (${list}); nothing was written`, "skill.conflict", 2, {
      hint: "rerun with --force to replace them, or --dest to export somewhere else",
    });
  }
  for (const entry of planned) {
    if (entry.state === "unchanged") continue;
    await mkdir(path.dirname(entry.file), { recursive: true });
    await writeFile(entry.file, entry.skill.text);
  }
  return {
    dest: options.dest,
    files: planned.map((entry) => ({ path: entry.skill.path, file: entry.file, state: entry.state })),
  };
}
