import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fence } from "../support/fake-llm.ts";
import { IMPLEMENTATIONS, jauntToml, SLUG_TEST_ANSWER as TEST_CODE, SLUG_TEST_SPEC as TEST_SPEC, SPECS } from "./project.ts";
import { llmProjects } from "./llm-projects.ts";
import { fieldOf, startWatch, type WatchEventLine } from "./watch-process.ts";

const { llm, project } = llmProjects();

const asked = (from: number): string[] => llm.requests.slice(from).flatMap((r) => (r.module ? [r.module] : []));
const isCycle = (e: WatchEventLine): boolean => e.type === "cycle";
const isSettled = (e: WatchEventLine): boolean => e.type === "cycle" || e.type === "idle";

/** Temp files of interrupted atomic writes (`.<name>.<pid>.tmp` style) or anything not a generated module. */
function leftovers(root: string): string[] {
  const dir = path.join(root, "src/__generated__");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => !/^[a-z]+\.ts$/.test(name));
}

describe("jaunt watch (end to end)", () => {
  test("builds on start; a JSDoc edit rebuilds that module and its dependents; a formatting-only edit asks nothing; Ctrl-C stops cleanly", async () => {
    const p = project({ "src/text.ts": SPECS["src/text.ts"], "src/slug.ts": SPECS["src/slug.ts"], "src/other.ts": SPECS["src/other.ts"] });
    const from = llm.requests.length;
    const watch = startWatch(p.root);
    const first = await watch.waitFor(isCycle);
    expect(first).toMatchObject({ summary: { kind: "build", ok: true, built: 3 } });
    expect(asked(from).sort()).toEqual(["src/other", "src/slug", "src/text"]);

    let mark = watch.events.length;
    let before = llm.requests.length;
    p.write("src/text.ts", SPECS["src/text.ts"].replace("Collapse", "Squash"));
    const rebuilt = await watch.waitFor(isCycle, { from: mark });
    expect(rebuilt).toMatchObject({ summary: { built: 2, fresh: 1 } });
    expect(asked(before).sort()).toEqual(["src/slug", "src/text"]);
    expect(watch.events.slice(mark).find((e) => e.type === "change")).toMatchObject({ files: ["src/text.ts"] });
    // Each regenerated module says why, as `status` would: the spec and its changed words, the dependency spec.
    const why = (module: string): string => JSON.stringify(watch.events.slice(mark).find((e) => e.type === "module" && fieldOf(e, "report", "module") === module));
    expect(why("src/text")).toContain("[-Collapse-] {+Squash+}");
    expect(why("src/slug")).toContain("dependency src/text:");

    mark = watch.events.length;
    before = llm.requests.length;
    // A formatter's save: quotes, semicolons, wrapping, trailing commas, indentation, a re-wrapped JSDoc.
    p.write("src/other.ts", "import * as jaunt from '@jaunt/runtime'\r\n\r\n/**\r\n * Add two\r\n * numbers.\r\n */\r\nexport const add = jaunt.magic(function add(\r\n    a: number,\r\n    b: number,\r\n): number {\r\n    return jaunt.todo()\r\n})\r\n\r\n");
    const settled = await watch.waitFor(isSettled, { from: mark });
    expect(settled.type).toBe("idle");
    expect(llm.requests.length).toBe(before);

    // A file in a generated folder (our own writes) never triggers a cycle.
    mark = watch.events.length;
    p.write("src/__generated__/notes.txt", "x");
    await Bun.sleep(300);
    expect(watch.events.slice(mark).map((e) => e.type)).toEqual([]);
    fs.rmSync(path.join(p.root, "src/__generated__/notes.txt"));

    expect(await watch.interrupt()).toBe(0);
    expect(watch.events.at(-1)?.type).toBe("stopped");
    expect(p.exists(".jaunt/build.lock")).toBe(false);
    const status = await p.jaunt(["status", "--check"]);
    expect(status.exitCode, status.stdout).toBe(0);
  }, 90_000);

  test("editing a spec while its module is generated cancels that generation and starts it again; unrelated ones finish", async () => {
    const p = project({ "src/other.ts": SPECS["src/other.ts"], "src/text.ts": SPECS["src/text.ts"] });
    llm.script("src/other", [{ content: fence(IMPLEMENTATIONS["src/other"] ?? ""), delayMs: 4000 }]);
    llm.script("src/text", [{ content: fence(IMPLEMENTATIONS["src/text"] ?? ""), delayMs: 1500 }]);
    const from = llm.requests.length;
    const watch = startWatch(p.root);
    await watch.waitFor((e) => e.type === "start" && e.module === "src/other");
    while (!asked(from).includes("src/other") || !asked(from).includes("src/text")) await Bun.sleep(20);
    p.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", "Add two numbers (finite ones)."));
    const restart = await watch.waitFor((e) => e.type === "restart");
    expect(restart).toMatchObject({ modules: ["src/other"] });
    const done = await watch.waitFor(isCycle, { from: watch.events.indexOf(restart) });
    expect(done).toMatchObject({ summary: { built: 1, failed: 0 } });
    // src/other: the cancelled request and the one for the edited spec, which carries the edit; src/text: once, never cancelled.
    expect(asked(from).filter((m) => m === "src/other")).toHaveLength(2);
    expect(asked(from).filter((m) => m === "src/text")).toHaveLength(1);
    expect(llm.requests.filter((r) => r.module === "src/other").at(-1)?.messages.map((m) => m.content).join("\n")).toContain("finite ones");
    const reports = watch.events.filter((e) => e.type === "module").map((e) => [fieldOf(e, "report", "module"), fieldOf(e, "report", "status")]);
    expect(reports).toEqual([["src/text", "built"], ["src/other", "built"]]);
    // The cancelled cycle reports no summary: its work is redone by the next one.
    expect(watch.events.filter(isCycle)).toHaveLength(1);
    expect(await watch.interrupt()).toBe(0);
    expect((await p.jaunt(["status", "--check"])).exitCode).toBe(0);
  }, 60_000);

  test("Ctrl-C during a generation: exit 0, no lock, no temp file, nothing half-written", async () => {
    const p = project({ "src/other.ts": SPECS["src/other.ts"] });
    llm.script("src/other", [{ hang: true }]);
    const from = llm.requests.length;
    const watch = startWatch(p.root);
    await watch.waitFor((e) => e.type === "start");
    while (asked(from).length === 0) await Bun.sleep(20);
    const sent = Date.now();
    expect(await watch.interrupt()).toBe(0);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(watch.events.at(-1)?.type).toBe("stopped");
    expect(p.exists(".jaunt/build.lock")).toBe(false);
    expect(p.exists("src/__generated__/other.ts")).toBe(false);
    expect(leftovers(p.root)).toEqual([]);
  }, 60_000);

  test("--test regenerates and runs the tests affected by an edit, and only those", async () => {
    llm.setDefault("tests/slug", TEST_CODE);
    const p = project({ "src/text.ts": SPECS["src/text.ts"], "src/slug.ts": SPECS["src/slug.ts"], "src/other.ts": SPECS["src/other.ts"], "tests/slug.ts": TEST_SPEC });
    const watch = startWatch(p.root, ["--test"]);
    const firstTests = await watch.waitFor((e) => e.type === "tests");
    expect(firstTests).toMatchObject({ testFiles: ["tests/__generated__/slug.test.ts"], bunExitCode: 0 });

    // An edit of a module no test depends on rebuilds it and runs no test.
    let mark = watch.events.length;
    p.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", "Add two numbers, exactly."));
    await watch.waitFor((e) => e.type === "cycle" && fieldOf(e, "summary", "kind") === "test", { from: mark });
    await Bun.sleep(200);
    expect(watch.events.slice(mark).some((e) => e.type === "tests")).toBe(false);

    // An edit of the spec under test regenerates the test module and runs it.
    mark = watch.events.length;
    const before = llm.requests.length;
    p.write("src/slug.ts", SPECS["src/slug.ts"].replace("Lowercase,", "Lowercase ASCII,"));
    expect(await watch.waitFor((e) => e.type === "tests", { from: mark })).toMatchObject({ bunExitCode: 0 });
    expect(asked(before).sort()).toEqual(["src/slug", "tests/slug"]);
    expect(await watch.interrupt()).toBe(0);
  }, 90_000);

  test("saving a handwritten helper a spec module imports, or a helper that helper imports (outside the roots too), rebuilds that module", async () => {
    const helper = 'import { DIGITS } from "../lib/digits";\nexport const PRECISION = 2;\nvoid DIGITS;\n';
    const spec = SPECS["src/other.ts"].replace('import * as jaunt from "@jaunt/runtime";', 'import * as jaunt from "@jaunt/runtime";\nimport { PRECISION } from "./precision";').replace("return jaunt.todo();", "void PRECISION;\n  return jaunt.todo();");
    const p = project({ "src/other.ts": spec, "src/precision.ts": helper, "lib/digits.ts": "export const DIGITS = 10;\n", "src/text.ts": SPECS["src/text.ts"] });
    const watch = startWatch(p.root);
    await watch.waitFor(isCycle);
    let mark = watch.events.length;
    const before = llm.requests.length;
    p.write("src/precision.ts", helper.replace("= 2", "= 3"));
    expect(await watch.waitFor(isCycle, { from: mark })).toMatchObject({ summary: { built: 1, fresh: 1 } });
    expect(asked(before)).toEqual(["src/other"]);

    // The nested helper is outside source_roots: watched because the digest covers it.
    mark = watch.events.length;
    p.write("lib/digits.ts", "export const DIGITS = 16;\n");
    expect(await watch.waitFor(isCycle, { from: mark })).toMatchObject({ summary: { built: 1, fresh: 1 } });
    expect(watch.events.slice(mark).find((e) => e.type === "change")).toMatchObject({ files: ["lib/digits.ts"] });
    expect((await p.jaunt(["status", "--check"])).exitCode).toBe(0);

    // A test root that did not exist at start is watched once it appears.
    const mark2 = watch.events.length;
    fs.mkdirSync(path.join(p.root, "tests"));
    await watch.waitFor((e) => e.type === "ready", { from: mark2 });
    p.write("tests/other.ts", 'import * as jaunt from "@jaunt/runtime";\n');
    expect(await watch.waitFor((e) => e.type === "change" && JSON.stringify(e.files).includes("tests/other.ts"), { from: mark2 })).toBeDefined();
    expect(await watch.interrupt()).toBe(0);
  }, 60_000);

  test("saving jaunt.toml: a model switch rebuilds nothing; a prompt override rebuilds every module it applies to", async () => {
    const p = project({ "src/other.ts": SPECS["src/other.ts"], "src/text.ts": SPECS["src/text.ts"] });
    const watch = startWatch(p.root);
    await watch.waitFor(isCycle);
    let mark = watch.events.length;
    const before = llm.requests.length;
    p.write("jaunt.toml", jauntToml(llm.url).replace('model = "gpt-4o-mini"', 'model = "gpt-4.1-mini"'));
    expect(await watch.waitFor(isSettled, { from: mark })).toMatchObject({ type: "idle", fresh: 2 });
    expect(watch.events.slice(mark).find((e) => e.type === "change")).toMatchObject({ files: ["jaunt.toml"] });
    expect(llm.requests.length).toBe(before);

    mark = watch.events.length;
    const { packagedPrompt } = await import("../../src/assets/prompts.ts");
    p.write("prompts/build_module.md", `${packagedPrompt("build_module")}\nPrefer early returns.\n`);
    p.write("jaunt.toml", `${jauntToml(llm.url)}[prompts]\nbuild_module = "prompts/build_module.md"\n`);
    expect(await watch.waitFor(isCycle, { from: mark })).toMatchObject({ summary: { built: 2 } });
    expect(asked(before).sort()).toEqual(["src/other", "src/text"]);
    expect(llm.requests.at(-1)?.messages.at(-1)?.content).toContain("Prefer early returns.");

    // A broken template fails every module the same way: one error event, and the watch goes on.
    mark = watch.events.length;
    p.write("prompts/build_module.md", `${packagedPrompt("build_module")}\n{{no_such_placeholder}}\n`);
    const error = await watch.waitFor((e) => e.type === "error", { from: mark });
    expect(JSON.stringify(error)).toContain("no_such_placeholder");
    mark = watch.events.length;
    p.write("prompts/build_module.md", `${packagedPrompt("build_module")}\nPrefer early returns!\n`);
    expect(await watch.waitFor(isCycle, { from: mark })).toMatchObject({ summary: { built: 2 } });
    expect(await watch.interrupt()).toBe(0);
  }, 60_000);

  test("another run holding the lock: said once, retried until it is released", async () => {
    const p = project({ "src/other.ts": SPECS["src/other.ts"] });
    fs.mkdirSync(path.join(p.root, ".jaunt"), { recursive: true });
    const owner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), command: "jaunt build" };
    fs.writeFileSync(path.join(p.root, ".jaunt/build.lock"), JSON.stringify(owner));
    const watch = startWatch(p.root);
    const error = await watch.waitFor((e) => e.type === "error");
    expect(error).toMatchObject({ error: { code: "build.locked" } });
    await Bun.sleep(2500); // at least one quiet retry
    fs.rmSync(path.join(p.root, ".jaunt/build.lock"));
    expect(await watch.waitFor(isCycle)).toMatchObject({ summary: { built: 1 } });
    expect(watch.events.filter((e) => e.type === "error")).toHaveLength(1);
    expect(await watch.interrupt()).toBe(0);
    expect(p.exists(".jaunt/build.lock")).toBe(false);
  }, 60_000);
});
