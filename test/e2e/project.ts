/**
 * Temporary Jaunt projects for end-to-end tests of `jaunt build` / `jaunt test`:
 * real `@jaunt/runtime` (symlinked to the workspace package), `@types/bun`,
 * and a jaunt.toml pointing at the fake LLM server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT, runJaunt, type CliResult } from "../support/cli.ts";

export interface E2eProject {
  readonly root: string;
  write(file: string, text: string): void;
  read(file: string): string;
  exists(file: string): boolean;
  jaunt(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CliResult>;
  cleanup(): void;
}

export const API_KEY_ENV = { JAUNT_E2E_KEY: "test-key-not-secret" };

const TSCONFIG = {
  compilerOptions: {
    target: "ESNext",
    lib: ["ESNext"],
    module: "Preserve",
    moduleResolution: "bundler",
    types: ["bun"],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
};

/** jaunt.toml for a project talking to `llmUrl`. */
export function jauntToml(llmUrl: string, extra = ""): string {
  return `version = 1
[paths]
source_roots = ["src"]
test_roots = ["tests"]
[llm]
model = "gpt-4o-mini"
api_key_env = "JAUNT_E2E_KEY"
base_url = "${llmUrl}"
timeout_seconds = 10
max_retries = 0
[build]
jobs = 4
attempts = 2
${extra}`;
}

export function createE2eProject(files: Readonly<Record<string, string>>): E2eProject {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-")));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  fs.mkdirSync(path.join(root, "node_modules/@jaunt"), { recursive: true });
  fs.mkdirSync(path.join(root, "node_modules/@types"), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "runtime"), path.join(root, "node_modules/@jaunt/runtime"));
  fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, "node_modules/@types/bun")), path.join(root, "node_modules/@types/bun"));
  write("tsconfig.json", JSON.stringify(TSCONFIG, null, 2));
  write("package.json", JSON.stringify({ name: "e2e-project", type: "module", private: true }));
  for (const [file, text] of Object.entries(files)) write(file, text);
  return {
    root,
    write,
    read: (file) => fs.readFileSync(path.join(root, file), "utf8"),
    exists: (file) => fs.existsSync(path.join(root, file)),
    jaunt: (args, env = {}) => runJaunt(args, { cwd: root, env: { ...API_KEY_ENV, ...env } }),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Spec and implementation texts for a three-module chain: text ← slug ← unique. */
export const SPECS = {
  "src/text.ts": `import * as jaunt from "@jaunt/runtime";

/** Collapse every run of whitespace into one space and trim both ends. */
export const normalizeWhitespace = jaunt.magic(function normalizeWhitespace(text: string): string {
  return jaunt.todo();
});
`,
  "src/slug.ts": `import * as jaunt from "@jaunt/runtime";
import { normalizeWhitespace } from "./text";

/** Lowercase, whitespace-normalized, runs of non-alphanumerics become "-". */
export const slugify = jaunt.magic(function slugify(title: string): string {
  normalizeWhitespace(title);
  return jaunt.todo();
});
`,
  "src/unique.ts": `import * as jaunt from "@jaunt/runtime";
import { slugify } from "./slug";

/** slugify(title), with -2, -3 … appended until it is not in \`taken\`. */
export const uniqueSlug = jaunt.magic(function uniqueSlug(title: string, taken: ReadonlySet<string>): string {
  slugify(title);
  return jaunt.todo();
});
`,
  "src/other.ts": `import * as jaunt from "@jaunt/runtime";

/** Add two numbers. */
export const add = jaunt.magic(function add(a: number, b: number): number {
  return jaunt.todo();
});
`,
};

export const IMPLEMENTATIONS: Readonly<Record<string, string>> = {
  "src/text": `export function normalizeWhitespace(text: string): string {
  return text.replace(/\\s+/g, " ").trim();
}`,
  "src/slug": `import { normalizeWhitespace } from "../text";

export function slugify(title: string): string {
  return normalizeWhitespace(title).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}`,
  "src/unique": `import { slugify } from "../slug";

export function uniqueSlug(title: string, taken: ReadonlySet<string>): string {
  const base = slugify(title);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(\`\${base}-\${n}\`)) n += 1;
  return \`\${base}-\${n}\`;
}`,
  "src/other": `export function add(a: number, b: number): number {
  return a + b;
}`,
};

/** A test spec for `slugify` (tests/slug.ts) and an answer that implements it (tests/__generated__/slug.test.ts). */
export const SLUG_TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { slugify } from "../src/slug";

/** slugify("Hello World") is "hello-world". */
export const slugifyBasics = jaunt.test(function slugifyBasics() {
  slugify;
});
`;

export const SLUG_TEST_ANSWER = `import { expect, test } from "bun:test";
import { slugify } from "../../src/slug";

test("slugifyBasics", () => {
  expect(slugify("Hello World")).toBe("hello-world");
});
`;
