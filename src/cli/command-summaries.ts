/**
 * What `jaunt --help` needs and nothing more: the root's description and each
 * command's one-line summary. Command modules take their `meta.description`
 * from here, so the top-level help can list them without loading any.
 */

export const ROOT_DESCRIPTION = "Turn TypeScript spec stubs into working code and tests with an LLM";

/** Command name → one-line description, in the order `--help` lists them. */
export const COMMAND_SUMMARIES = {
  build: "Generate implementations for stale specs into __generated__/ folders",
  clean: "Remove generated files (only those with the Jaunt header) and empty __generated__ folders",
  init: "Set up a Jaunt project: jaunt.toml, an example spec and test spec, the runtime dependency",
  prompt: "Print the exact messages a build (or test generation) would send for a module; no model call, no API key",
  skill: "Skill docs that teach AI assistants to write Jaunt specs",
  stamp: "Accept the current spec text (or a hand edit) of stale modules without asking the model: rewrites only the header digest",
  status: "Show which generated modules are fresh or stale, and why (no model or API key needed)",
  test: "Build, generate tests from test specs, run them with bun test, and repair the side a failure shows wrong",
  trust: "Trust this project's settings that send your API key or cache token somewhere (--show: where)",
  watch: "Rebuild stale modules whenever a spec, test spec, handwritten import or jaunt.toml is saved",
} as const satisfies Readonly<Record<string, string>>;

export type CommandName = keyof typeof COMMAND_SUMMARIES;
