/**
 * What `jaunt init` writes: the commented default jaunt.toml (the same text
 * the skill docs ship) and a small source spec with its test spec.
 */
import { SKILL_FILES } from "../assets/skill.ts";

/** The commented jaunt.toml with every default of DESIGN §7. */
export function jauntTomlTemplate(): string {
  const file = SKILL_FILES.find((entry) => entry.path === "examples/jaunt.toml");
  if (!file) throw new Error("the example jaunt.toml is not embedded");
  return file.text;
}

/** Project-relative paths of the example spec and its test spec. */
export const EXAMPLE_SPEC_PATH = "src/greeting.ts";
export const EXAMPLE_TEST_PATH = "tests/greeting.ts";

export const EXAMPLE_SPEC = `import * as jaunt from "@jaunt/runtime";

/**
 * A greeting for \`name\`: "Hello, <name>!", with whitespace around the name trimmed.
 * - an empty or all-whitespace name greets the world: "Hello, world!"
 *
 * @example
 * greet(" Ada ") // => "Hello, Ada!"
 * greet("   ") // => "Hello, world!"
 */
export const greet = jaunt.magic(function greet(name: string): string {
  return jaunt.todo();
});
`;

/** The example test spec; `specImport` is the example spec spelled in the project's style (`"../src/greeting"`, `"../src/greeting.js"`…). */
export const exampleTest = (specImport: string): string => `import * as jaunt from "@jaunt/runtime";
import { greet } from ${JSON.stringify(specImport)};

/**
 * greet("Ada") is "Hello, Ada!"; greet("  Bob ") is "Hello, Bob!";
 * greet("") and greet("   ") are "Hello, world!".
 */
export const greetBasics = jaunt.test(function greetBasics() {
  void greet;
});
`;
