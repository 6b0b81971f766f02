/**
 * `jaunt init`: turns a folder (empty or an existing Bun project) into a
 * Jaunt project. It never overwrites a file: an existing jaunt.toml is an
 * error, an existing example path is skipped with a note, and a folder inside
 * another project (`src/` of an app) is refused with the project's place.
 */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import { enclosingProject } from "./enclosing-project.ts";
import { ensureIgnored } from "./gitignore.ts";
import { addDependency, newPackageJson } from "./package-json.ts";
import { projectSpecifierStyle } from "../generation/prompts/project-specifier-style.ts";
import { spellSpecifier } from "../generation/prompts/specifier.ts";
import { EXAMPLE_SPEC, EXAMPLE_SPEC_PATH, EXAMPLE_TEST_PATH, exampleTest, jauntTomlTemplate } from "./templates.ts";

export const RUNTIME_PACKAGE = "@jaunt/runtime";

export type InitAction = "created" | "updated" | "unchanged" | "skipped";

export interface InitFileResult {
  /** Project-relative, `/`-separated. */
  readonly path: string;
  readonly action: InitAction;
  /** Why a file was skipped or left unchanged. */
  readonly note?: string;
}

export interface InitOptions {
  /** Absolute path of the folder to set up (created when missing). */
  readonly dir: string;
  /** Semver range written for @jaunt/runtime, e.g. `^0.1.0` (the runtime is released with the CLI, same version). */
  readonly runtimeRange: string;
}

export interface InitReport {
  readonly root: string;
  readonly files: readonly InitFileResult[];
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function readIfExists(file: string): Promise<string | undefined> {
  return (await exists(file)) ? readFile(file, "utf8") : undefined;
}

/** Create `rel` with `text` unless something is already there (`wx`: no race with another writer). */
async function createNew(dir: string, rel: string, text: string): Promise<InitFileResult> {
  const file = path.join(dir, ...rel.split("/"));
  if (await exists(file)) return { path: rel, action: "skipped", note: "already exists; left as it is" };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { flag: "wx" });
  return { path: rel, action: "created" };
}

async function ensurePackageJson(dir: string, range: string): Promise<InitFileResult> {
  const file = path.join(dir, "package.json");
  const text = await readIfExists(file);
  if (text === undefined) {
    await writeFile(file, newPackageJson(path.basename(dir), RUNTIME_PACKAGE, range), { flag: "wx" });
    return { path: "package.json", action: "created" };
  }
  const edit = addDependency(text, RUNTIME_PACKAGE, range, file);
  if (!edit.changed) return { path: "package.json", action: "unchanged", note: `already depends on ${RUNTIME_PACKAGE}` };
  await writeFile(file, edit.text);
  return { path: "package.json", action: "updated", note: `added ${RUNTIME_PACKAGE}@${range}` };
}

async function ensureGitignore(dir: string): Promise<InitFileResult> {
  const file = path.join(dir, ".gitignore");
  const text = await readIfExists(file);
  const next = ensureIgnored(text ?? "", ".jaunt/");
  if (next === undefined) return { path: ".gitignore", action: "unchanged", note: ".jaunt/ is already ignored" };
  await writeFile(file, next);
  return { path: ".gitignore", action: text === undefined ? "created" : "updated", note: "ignores .jaunt/" };
}

/** How the example test spec imports the example spec: in the project's style (`.js` under NodeNext). */
async function exampleSpecImport(dir: string): Promise<string> {
  const style = await projectSpecifierStyle(dir, EXAMPLE_TEST_PATH, "");
  return spellSpecifier(EXAMPLE_TEST_PATH, EXAMPLE_SPEC_PATH, style);
}

function refuseNested(dir: string): void {
  const outer = enclosingProject(dir);
  if (!outer) return;
  const where = path.relative(dir, outer.root) || ".";
  if (outer.marker === "jaunt.toml") {
    throw new JauntConfigError(`${dir} is inside the Jaunt project at ${outer.root} (${where}/jaunt.toml)`, "init.inside_project", {
      location: { file: path.join(outer.root, "jaunt.toml") },
      hint: `jaunt commands work from anywhere inside ${outer.root}; to add source folders, edit [paths] in its jaunt.toml`,
    });
  }
  throw new JauntConfigError(`${dir} is inside the project at ${outer.root} (${where}/package.json); jaunt init would start a second project here`, "init.inside_project", {
    location: { file: path.join(outer.root, "package.json") },
    hint: `run \`jaunt init\` in ${outer.root} (or \`jaunt init --dir ${where}\`); for a separate project here, give this folder its own package.json first`,
  });
}

/**
 * Scaffold jaunt.toml, an example spec and test spec, the runtime dependency
 * and the .gitignore entry.
 * @throws {JauntConfigError} code `init.exists` (exit 2) when `dir` already has a jaunt.toml
 * @throws {JauntConfigError} code `init.inside_project` (exit 2) when `dir` lies inside another project
 */
export async function initProject(options: InitOptions): Promise<InitReport> {
  const dir = path.resolve(options.dir);
  const configFile = path.join(dir, "jaunt.toml");
  if (await exists(configFile)) {
    throw new JauntConfigError("jaunt.toml already exists; this folder is already a Jaunt project", "init.exists", {
      location: { file: configFile },
      hint: "edit jaunt.toml instead, or run `jaunt init --dir <folder>` for a new project",
    });
  }
  refuseNested(dir);
  await mkdir(dir, { recursive: true });
  const files: InitFileResult[] = [];
  files.push(await createNew(dir, "jaunt.toml", jauntTomlTemplate()));
  const spec = await createNew(dir, EXAMPLE_SPEC_PATH, EXAMPLE_SPEC);
  files.push(spec);
  // The test spec imports the example spec: without it, it would not type-check.
  files.push(
    spec.action === "created"
      ? await createNew(dir, EXAMPLE_TEST_PATH, exampleTest(await exampleSpecImport(dir)))
      : { path: EXAMPLE_TEST_PATH, action: "skipped", note: `${EXAMPLE_SPEC_PATH} was not created` },
  );
  files.push(await ensurePackageJson(dir, options.runtimeRange));
  files.push(await ensureGitignore(dir));
  return { root: dir, files };
}
