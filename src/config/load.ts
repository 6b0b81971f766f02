/**
 * Loading `jaunt.toml` (DESIGN §7): find it, parse it with smol-toml, and
 * validate every key, reporting all problems in one `JauntConfigError`.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import { parse, TomlError, type TomlTable } from "smol-toml";
import { CONFIG_FILE_NAME, findConfigFile } from "./find.ts";
import { locateKeyLines } from "./key-lines.ts";
import { configProblemsError } from "./problems.ts";
import type { JauntConfig } from "./types.ts";
import { validateConfig } from "./validate.ts";

export interface LoadConfigOptions {
  /** Where the upward search for jaunt.toml starts; defaults to `process.cwd()`. */
  readonly cwd?: string;
  /** The `--root` flag: the project folder, which must hold jaunt.toml; disables the search. Relative to `cwd`. */
  readonly root?: string;
}

/**
 * Find, read and validate the project's jaunt.toml.
 * @throws JauntConfigError `config.not_found`, `config.unreadable`, `config.syntax`, or the validation codes.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<JauntConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const configFile = options.root === undefined ? searchConfig(cwd) : await configInRoot(path.resolve(cwd, options.root));
  let text: string;
  try {
    text = await readFile(configFile, "utf8");
  } catch (cause) {
    throw new JauntConfigError(`cannot read ${configFile}`, "config.unreadable", { location: { file: configFile }, cause });
  }
  return parseConfig(text, configFile);
}

function searchConfig(cwd: string): string {
  const found = findConfigFile(cwd);
  if (found !== undefined) return found;
  throw new JauntConfigError(`no ${CONFIG_FILE_NAME} found in ${cwd} or any folder above it`, "config.not_found", {
    hint: "run `jaunt init` to create one, or pass --root <project folder>",
  });
}

async function configInRoot(root: string): Promise<string> {
  const isDir = await stat(root).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const configFile = path.join(root, CONFIG_FILE_NAME);
  const isFile = await stat(configFile).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isDir && isFile) return configFile;
  const why = isDir ? `it has no ${CONFIG_FILE_NAME}` : "it is not a folder";
  throw new JauntConfigError(`--root ${root} is not a Jaunt project: ${why}`, "config.not_found", {
    hint: isDir ? "run `jaunt init` there, or point --root at the folder holding jaunt.toml" : "point --root at the folder holding jaunt.toml",
  });
}

/**
 * Parse and validate jaunt.toml text. Pure: reads no files; the project root is
 * the folder of `configFile` (made absolute).
 */
export function parseConfig(text: string, configFile: string): JauntConfig {
  const file = path.resolve(configFile);
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const doc = parseToml(source, file);
  const { config, problems } = validateConfig(doc, path.dirname(file), file);
  if (problems.length > 0) throw configProblemsError(problems, file, locateKeyLines(source));
  return config;
}

function parseToml(text: string, file: string): TomlTable {
  try {
    return parse(text, { integersAsBigInt: true });
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's message is "Invalid TOML document: <reason>\n\n<code block>".
    const reason = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "");
    throw new JauntConfigError(`invalid TOML syntax: ${reason}\n${error.codeblock.trimEnd()}`, "config.syntax", {
      location: { file, line: error.line, column: error.column },
      hint: "fix the syntax at the line shown (TOML reference: https://toml.io/en/v1.0.0)",
      cause: error,
    });
  }
}
