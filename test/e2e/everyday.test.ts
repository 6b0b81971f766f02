import { describe, expect, test } from "bun:test";
import { fence } from "../support/fake-llm.ts";
import { jauntToml, SPECS, type E2eProject } from "./project.ts";
import { llmProjects } from "./llm-projects.ts";

const { llm, project } = llmProjects();

/** A project with `files` (default: all four specs), built. */
async function built(files: Readonly<Record<string, string>> = SPECS): Promise<E2eProject> {
  const p = project(files);
  const result = await p.jaunt(["build"]);
  expect(result.exitCode, result.stderr).toBe(0);
  return p;
}

const TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { uniqueSlug } from "../src/unique";

/** uniqueSlug("A", new Set(["a"])) is "a-2". */
export const uniqueBasics = jaunt.test(function uniqueBasics() {
  uniqueSlug;
});
`;

const asked = (from: number): string[] => llm.requests.slice(from).flatMap((r) => (r.module ? [r.module] : []));
const OTHER = "src/__generated__/other.ts";
const REROLLED = "export function add(a: number, b: number): number {\n  return b + a; // re-rolled\n}";

interface StatusDoc {
  readonly modules: readonly { module: string; status: string; stampable: boolean; writtenBy: { toolVersion: string; model: string | null } | null }[];
}
async function statusOf(p: E2eProject): Promise<Record<string, { status: string; stampable: boolean }>> {
  const doc: StatusDoc = JSON.parse((await p.jaunt(["status", "--json"])).stdout);
  return Object.fromEntries(doc.modules.map((m) => [m.module, { status: m.status, stampable: m.stampable }]));
}

describe("re-roll", () => {
  test("build --force --target asks the model again for that module only; the new answer replaces the cache entry; --offline serves it", async () => {
    const p = await built({ "src/text.ts": SPECS["src/text.ts"], "src/slug.ts": SPECS["src/slug.ts"], "src/other.ts": SPECS["src/other.ts"] });
    llm.script("src/other", [fence(REROLLED)]);
    let from = llm.requests.length;
    const forced = await p.jaunt(["build", "--force", "--target", "src/other"]);
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(asked(from)).toEqual(["src/other"]);
    expect(p.read(OTHER)).toContain("re-rolled");

    // --force --target on a module with dependencies re-rolls the target, not its fresh dependencies.
    from = llm.requests.length;
    expect((await p.jaunt(["build", "--force", "--target", "src/slug:slugify"])).exitCode).toBe(0);
    expect(asked(from)).toEqual(["src/slug"]);

    // The cache now holds the re-rolled answer: offline, with the file gone, it comes back.
    await Bun.$`rm ${p.root}/${OTHER}`.quiet();
    from = llm.requests.length;
    const offline = await p.jaunt(["build", "--offline"]);
    expect(offline.exitCode, offline.stdout).toBe(0);
    expect(llm.requests.length).toBe(from);
    expect(p.read(OTHER)).toContain("re-rolled");

    // --force --offline serves from the cache only: no request, nothing lost.
    expect((await p.jaunt(["build", "--force", "--offline"])).exitCode).toBe(0);
    expect(llm.requests.length).toBe(from);
  }, 60_000);
});

describe("jaunt prompt", () => {
  test("prints the exact messages a build sends, with no API key and no request", async () => {
    const p = await built({ ...SPECS, "tests/unique.ts": TEST_SPEC });
    const sent = llm.requests.filter((r) => r.module === "src/unique").at(-1);
    const from = llm.requests.length;
    const json = await p.jaunt(["prompt", "src/unique:uniqueSlug", "--json"], { JAUNT_E2E_KEY: "" });
    expect(json.exitCode, json.stderr).toBe(0);
    const doc: { module: string; kind: string; model: string; messages: { role: string; content: string }[] } = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ module: "src/unique", kind: "build", model: "gpt-4o-mini" });
    expect(doc.messages).toEqual((sent?.messages ?? []).map((m) => ({ role: m.role, content: m.content })));
    const text = await p.jaunt(["prompt", "src/unique"]);
    expect(text.stdout).toContain("=== system ===\n");
    expect(text.stdout).toContain(doc.messages[1]?.content.trimEnd() ?? "(none)");
    expect(llm.requests.length).toBe(from);
    // A test module: the test generation's messages, with the public API of the spec under test.
    const tests = await p.jaunt(["prompt", "tests/unique", "--json"], { JAUNT_E2E_KEY: "" });
    const testDoc: { kind: string; messages: { role: string; content: string }[] } = JSON.parse(tests.stdout);
    expect(testDoc.kind).toBe("test");
    expect(testDoc.messages[1]?.content).toContain("Write tests for `tests/unique`");
    expect(testDoc.messages[1]?.content).toContain("export function uniqueSlug(title: string, taken: ReadonlySet<string>): string;");
    const unknown = await p.jaunt(["prompt", "src/uniq"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('did you mean "src/unique"');
  }, 60_000);
});

describe("jaunt stamp", () => {
  test("accepts a JSDoc typo fix without a model call, rewriting only the header digest; refuses missing and foreign files", async () => {
    const p = await built({ "src/text.ts": SPECS["src/text.ts"], "src/slug.ts": SPECS["src/slug.ts"], "src/other.ts": SPECS["src/other.ts"] });
    const body = (text: string): string => text.split("\n").slice(6).join("\n");
    const before = p.read(OTHER);
    p.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", "Add two numbers!"));
    expect((await statusOf(p))["src/other"]).toEqual({ status: "stale", stampable: true });
    const human = await p.jaunt(["status"]);
    expect(human.stdout).toContain("Stampable (no model call; only if the spec edit does not change behaviour): jaunt stamp src/other");

    p.write("src/__generated__/text.ts", "// mine\nexport const x = 1;\n");
    p.write("src/text.ts", SPECS["src/text.ts"].replace("Collapse", "Squash"));
    const refused = await p.jaunt(["stamp", "src/text", "src/other"]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain("src/text: src/__generated__/text.ts was not written by Jaunt");
    expect(p.read(OTHER)).toBe(before);

    const from = llm.requests.length;
    const stamped = await p.jaunt(["stamp", "src/other:add", "--json"]);
    expect(stamped.exitCode, stamped.stderr).toBe(0);
    expect(JSON.parse(stamped.stdout)).toMatchObject({ stamped: [{ module: "src/other", accepted: ["spec"] }] });
    expect(llm.requests.length).toBe(from);
    const after = p.read(OTHER);
    expect(body(after)).toBe(body(before));
    expect(after.split("\n").slice(0, 6).filter((line, i) => line !== before.split("\n")[i])).toHaveLength(1);
    expect((await statusOf(p))["src/other"]).toEqual({ status: "fresh", stampable: false });
    expect(p.exists(".jaunt/build.lock")).toBe(false);

    await Bun.$`rm ${p.root}/src/__generated__/slug.ts`.quiet();
    const missing = await p.jaunt(["stamp", "src/slug"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("generated file src/__generated__/slug.ts is missing: nothing to stamp");
  }, 60_000);
});

describe("upgrades and model switches cost nothing", () => {
  test("a project built by another Jaunt version is fresh; a model change leaves everything fresh and --force asks the new model", async () => {
    const p = await built({ "src/text.ts": SPECS["src/text.ts"], "src/other.ts": SPECS["src/other.ts"] });
    for (const file of ["text", "other"]) {
      const generated = `src/__generated__/${file}.ts`;
      p.write(generated, p.read(generated).replace(/tool_version=.*/, "tool_version=0.0.1"));
    }
    let from = llm.requests.length;
    expect((await p.jaunt(["status", "--check"])).exitCode).toBe(0);
    expect((await p.jaunt(["build"])).stdout).toContain("up to date");

    p.write("jaunt.toml", jauntToml(llm.url).replace('model = "gpt-4o-mini"', 'model = "gpt-4.1-mini"'));
    const check = await p.jaunt(["status", "--check", "--verbose"]);
    expect(check.exitCode, check.stdout).toBe(0);
    expect(check.stdout).toContain("model gpt-4.1-mini");
    expect(check.stdout).toContain("written by jaunt 0.0.1 with gpt-4o-mini (differs from now; not stale)");
    expect((await p.jaunt(["build"])).stdout).toContain("up to date");
    expect(llm.requests.length).toBe(from);

    from = llm.requests.length;
    expect((await p.jaunt(["build", "--force"])).exitCode).toBe(0);
    expect(llm.requests.slice(from).map((r) => r.model)).toEqual(["gpt-4.1-mini", "gpt-4.1-mini"]);
  }, 60_000);
});

describe("hand edits", () => {
  test("an edited body is reported, survives a build (even after its spec changed), and --force or stamp resolve it", async () => {
    const p = await built({ "src/other.ts": SPECS["src/other.ts"] });
    const edited = `${p.read(OTHER)}export const mine = "kept";\n`;
    p.write(OTHER, edited);
    expect((await statusOf(p))["src/other"]).toEqual({ status: "edited", stampable: true });
    expect((await p.jaunt(["status"])).stdout).toContain("edited by hand since Jaunt wrote it");

    p.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", "Add two integers."));
    const from = llm.requests.length;
    const build = await p.jaunt(["build"]);
    expect(build.exitCode).toBe(0);
    expect(build.stderr + build.stdout).toContain(`kept ${OTHER}: edited by hand`);
    expect(p.read(OTHER)).toBe(edited);
    expect(llm.requests.length).toBe(from);

    const stamped = await p.jaunt(["stamp", "--json"]);
    expect(JSON.parse(stamped.stdout)).toMatchObject({ stamped: [{ module: "src/other", accepted: ["spec", "edit"] }] });
    expect((await statusOf(p))["src/other"]).toEqual({ status: "fresh", stampable: false });
    expect(p.read(OTHER)).toContain('export const mine = "kept";');

    p.write(OTHER, `${p.read(OTHER)}// another edit\n`);
    expect((await p.jaunt(["build", "--force", "--target", "src/other"])).exitCode).toBe(0);
    expect(p.read(OTHER)).not.toContain("another edit");
    expect((await statusOf(p))["src/other"]).toEqual({ status: "fresh", stampable: false });
  }, 60_000);
});
