/**
 * One small project per way a spec module reaches another spec: the edges in
 * the status document, what the dependent's prompt shows, and that editing
 * the dependency's JSDoc restales the dependent.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config/load.ts";
import { renderMessages } from "../../src/generation/prompts/render-messages.ts";
import { planProject } from "../../src/graph/plan.ts";
import { status, type StatusReport } from "../../src/graph/status.ts";
import { generationInputFor } from "../../src/orchestration/generation-input.ts";
import { promptTexts } from "../../src/orchestration/prepare-run.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, writeFreshGenerated, type TempProject } from "../discovery/temp-project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function specDeps(report: StatusReport): Record<string, readonly string[]> {
  return Object.assign({}, ...report.modules.map((m) => m.specDeps));
}

async function promptOf(p: TempProject, id: string): Promise<string> {
  const config = await loadConfig({ root: p.root });
  const plan = await planProject({ config, cache: false });
  const messages = renderMessages(await generationInputFor(plan, id), await promptTexts(config));
  return messages.map((m) => m.content).join("\n");
}

/** Make every module fresh, edit `file`'s JSDoc, and return the status of `dependent`. */
async function afterDocEdit(p: TempProject, file: string, from: string, to: string, dependent: string): Promise<StatusReport["modules"][number] | undefined> {
  await writeFreshGenerated(p, await planProject({ config: p.config(), cache: false }));
  const before = await status({ root: p.root, cache: false });
  expect(before.summary.stale).toBe(0);
  const text = p.read(file);
  expect(text).toContain(from);
  p.write(file, text.replace(from, to));
  const after = await status({ root: p.root, cache: false });
  return after.modules.find((m) => m.module === dependent);
}

const RANDOM = RUNTIME_IMPORT + fnSpec("randomInt", "A random integer in [0, x).");

describe("imports are dependencies", () => {
  test("the README test-spec form: an imported spec named only in JSDoc, body {}", async () => {
    project = tempProject({
      "src/slug.ts": RUNTIME_IMPORT + fnSpec("slugify", "Turn a title into a URL slug."),
      "tests/slug.ts": `${RUNTIME_IMPORT}import { slugify } from "../src/slug";\n\n/** slugify("Hello, World!") is "hello-world". */\nexport const slugifyBasics = jaunt.test(function slugifyBasics() {});\n`,
    });
    const report = await status({ root: project.root, cache: false });
    expect(specDeps(report)).toEqual({ "src/slug:slugify": [], "tests/slug:slugifyBasics": ["src/slug:slugify"] });
    const prompt = await promptOf(project, "tests/slug");
    expect(prompt).toContain("/** Turn a title into a URL slug. */\nexport function slugify(x: string): string;");
    const dependent = await afterDocEdit(project, "src/slug.ts", "Turn a title", "Turn any title", "tests/slug");
    expect(dependent?.status).toBe("stale");
    expect(dependent?.reasons.map((r) => r.message)).toContain("dependency src/slug changed");
  });

  test("JSDoc mentions pick the spec; an import no spec mentions belongs to the whole module", async () => {
    project = tempProject({
      "src/random.ts": RANDOM,
      "src/pick.ts": RUNTIME_IMPORT + fnSpec("pickOne"),
      "src/shuffle.ts": `${RUNTIME_IMPORT}import { randomInt } from "./random";\nimport { pickOne } from "./pick";\n` +
        fnSpec("shuffle", "Fisher-Yates, drawing indexes with randomInt.") + fnSpec("sample", "One element, uniformly."),
    });
    const report = await status({ root: project.root, cache: false });
    const deps = specDeps(report);
    expect(deps["src/shuffle:shuffle"]).toEqual(["src/pick:pickOne", "src/random:randomInt"]);
    expect(deps["src/shuffle:sample"]).toEqual(["src/pick:pickOne"]);
    expect(report.modules.find((m) => m.module === "src/shuffle")?.dependsOn).toEqual(["src/pick", "src/random"]);
    expect(report.order.indexOf("src/random")).toBeLessThan(report.order.indexOf("src/shuffle"));
    const prompt = await promptOf(project, "src/shuffle");
    expect(prompt).toContain("### `src/random:randomInt` — import from `\"../random\"`");
    expect(prompt).toContain("## Allowed imports\n`node:` built-ins, and: `\"../pick\"`, `\"../random\"`.");
    const dependent = await afterDocEdit(project, "src/random.ts", "A random integer", "A uniformly random integer", "src/shuffle");
    expect(dependent?.reasons.map((r) => r.message)).toContain("dependency src/random changed");
  });

  test("a namespace import: the members a spec names; the whole module only when no spec names the namespace", async () => {
    project = tempProject({
      "src/lib.ts": RUNTIME_IMPORT + fnSpec("shuffle") + fnSpec("pick"),
      "src/one.ts": `${RUNTIME_IMPORT}import * as lib from "./lib";\n` + fnSpec("deal", "Shuffles with {@link lib.shuffle}.") + fnSpec("other"),
      "src/all.ts": `${RUNTIME_IMPORT}import * as lib from "./lib";\n` + fnSpec("everything"),
    });
    const deps = specDeps(await status({ root: project.root, cache: false }));
    expect(deps["src/one:deal"]).toEqual(["src/lib:shuffle"]);
    expect(deps["src/one:other"]).toEqual([]);
    expect(deps["src/all:everything"]).toEqual(["src/lib:pick", "src/lib:shuffle"]);
  });

  test("barrels: export *, export { a } from, and import + export { c }", async () => {
    project = tempProject({
      "src/lib/a.ts": RUNTIME_IMPORT + fnSpec("a"),
      "src/lib/b.ts": RUNTIME_IMPORT + fnSpec("b"),
      "src/lib/c.ts": RUNTIME_IMPORT + fnSpec("c"),
      "src/lib/index.ts": `export * from "./a";\nexport { b } from "./b";\nimport { c } from "./c";\nexport { c };\n`,
      "src/app.ts": `${RUNTIME_IMPORT}import { a, b, c } from "./lib";\n` + fnSpec("first", "Uses `a` then b().") + fnSpec("second", "Uses {@link c}."),
    });
    const deps = specDeps(await status({ root: project.root, cache: false }));
    expect(deps["src/app:first"]).toEqual(["src/lib/a:a", "src/lib/b:b"]);
    expect(deps["src/app:second"]).toEqual(["src/lib/c:c"]);
    const prompt = await promptOf(project, "src/app");
    for (const name of ["a", "b", "c"]) expect(prompt).toContain(`### \`src/lib/${name}:${name}\` — import from \`"../lib/${name}"\``);
    expect(prompt).not.toContain("### `\"./lib\"`"); // the barrel is no handwritten import
    const dependent = await afterDocEdit(project, "src/lib/c.ts", "Does c.", "Does c well.", "src/app");
    expect(dependent?.status).toBe("stale");
  });

  test("tsconfig paths and baseUrl aliases (with extends)", async () => {
    project = tempProject({
      "tsconfig.base.json": `{\n  // comments and trailing commas are fine\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], }, },\n}\n`,
      "tsconfig.json": `{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }\n`,
      "src/util/rand.ts": RANDOM,
      "src/util/fmt.ts": RUNTIME_IMPORT + fnSpec("fmt"),
      "src/app.ts": `${RUNTIME_IMPORT}import { randomInt } from "@/util/rand";\nimport { fmt } from "src/util/fmt";\n` + fnSpec("roll", "randomInt, shown with fmt."),
    });
    expect(specDeps(await status({ root: project.root, cache: false }))["src/app:roll"]).toEqual(["src/util/fmt:fmt", "src/util/rand:randomInt"]);
    expect(await promptOf(project, "src/app")).toContain("### `src/util/rand:randomInt`");
    const dependent = await afterDocEdit(project, "src/util/rand.ts", "A random integer", "Some integer", "src/app");
    expect(dependent?.status).toBe("stale");
  });

  test("package.json #imports", async () => {
    project = tempProject({
      "package.json": JSON.stringify({ name: "app", imports: { "#rand": "./src/rand.ts", "#lib/*": { types: "./src/lib/*.ts", default: "./src/lib/*.js" } } }),
      "src/rand.ts": RANDOM,
      "src/lib/fmt.ts": RUNTIME_IMPORT + fnSpec("fmt"),
      "src/helpers/text.ts": `export function squash(s: string): string { return s.replace(/\\s+/g, " "); }\n`,
      "src/app.ts": `${RUNTIME_IMPORT}import { randomInt } from "#rand";\nimport { fmt } from "#lib/fmt";\n` + fnSpec("roll"),
    });
    expect(specDeps(await status({ root: project.root, cache: false }))["src/app:roll"]).toEqual(["src/lib/fmt:fmt", "src/rand:randomInt"]);
    const dependent = await afterDocEdit(project, "src/lib/fmt.ts", "Does fmt.", "Formats.", "src/app");
    expect(dependent?.status).toBe("stale");
  });

  test("a workspace package (no install needed)", async () => {
    project = tempProject({
      "jaunt.toml": "version = 1\n[paths]\nsource_roots = [\"src\", \"packages/util/src\"]\n[llm]\nmodel = \"test-model\"\n",
      "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["packages/*"] }),
      "packages/util/package.json": JSON.stringify({ name: "@acme/util", exports: { ".": { types: "./dist/index.d.ts", import: "./src/index.ts" }, "./rand": "./src/rand.ts" } }),
      "packages/util/src/index.ts": RUNTIME_IMPORT + fnSpec("fmt"),
      "packages/util/src/rand.ts": RANDOM,
      "src/app.ts": `${RUNTIME_IMPORT}import { fmt } from "@acme/util";\nimport { randomInt } from "@acme/util/rand";\n` + fnSpec("roll"),
    });
    project.write("jaunt.toml", "version = 1\n[paths]\nsource_roots = [\"src\", \"packages/util/src\"]\n[llm]\nmodel = \"test-model\"\n");
    expect(specDeps(await status({ root: project.root, cache: false }))["src/app:roll"]).toEqual(["packages/util/src/index:fmt", "packages/util/src/rand:randomInt"]);
    const dependent = await afterDocEdit(project, "packages/util/src/rand.ts", "A random integer", "An integer", "src/app");
    expect(dependent?.status).toBe("stale");
  });

  test("a dependency's API names its imported types, importable from the dependent", async () => {
    project = tempProject({
      "src/types.ts": `export interface ParseOptions { readonly strict: boolean }\n`,
      "src/parse.ts": `${RUNTIME_IMPORT}import type { ParseOptions } from "./types";\n/** Parse a number. */\nexport const parse = jaunt.magic(function parse(text: string, options: ParseOptions): number { return jaunt.todo(); });\n`,
      "src/app/use.ts": `${RUNTIME_IMPORT}import { parse } from "../parse";\n` + fnSpec("parseAll"),
    });
    expect(await promptOf(project, "src/app/use")).toContain([
      "### `src/parse:parse` — import from `\"../../parse\"`",
      "```ts",
      "import type { ParseOptions } from \"../../types\";",
      "/** Parse a number. */",
      "export function parse(text: string, options: ParseOptions): number;",
    ].join("\n"));
  });

  test("a handwritten import no spec names is still offered, with its source", async () => {
    project = tempProject({
      "src/text.ts": `/** Collapse whitespace. */\nexport function squash(s: string): string { return s.replace(/\\s+/g, " "); }\n`,
      "src/host.ts": `${RUNTIME_IMPORT}export interface Options { readonly strict: boolean }\n` + fnSpec("hosted"),
      "src/slug.ts": `${RUNTIME_IMPORT}import { squash } from "./text";\nimport { z } from "zod";\nimport type { Options } from "./host";\n` + fnSpec("slugify"),
    });
    const prompt = await promptOf(project, "src/slug");
    expect(prompt).not.toContain("### `\"../host\"`"); // a spec module imported for its types is not handwritten code
    expect(prompt).toContain("### `\"../text\"` (src/text.ts)\n```ts\n/** Collapse whitespace. */");
    expect(prompt).toContain("`\"../text\"`, `\"zod\"`");
  });
});

test("re-export loops (namespaces exported back and forth) end", async () => {
  project = tempProject({
    "src/x.ts": `${RUNTIME_IMPORT}import * as y from "./y";\nexport { y };\n` + fnSpec("fx"),
    "src/y.ts": `${RUNTIME_IMPORT}import * as x from "./x";\nexport { x };\nexport * from "./x";\n` + fnSpec("fy"),
    "src/use.ts": `${RUNTIME_IMPORT}import * as all from "./y";\n` + fnSpec("user"),
  });
  const deps = specDeps(await status({ root: project.root, cache: false }));
  expect(deps["src/use:user"]).toEqual(["src/x:fx", "src/y:fy"]);
});
