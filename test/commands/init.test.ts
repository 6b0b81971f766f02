import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { JauntError } from "@jaunt/runtime";
import { initProject } from "../../src/scaffold/init-project.ts";
import { addDependency, detectIndent } from "../../src/scaffold/package-json.ts";
import { ensureIgnored } from "../../src/scaffold/gitignore.ts";
import { runJaunt } from "../support/cli.ts";
import { useTempDirs } from "./temp-dir.ts";

const tempDir = useTempDirs();
const read = (dir: string, rel: string): string => fs.readFileSync(path.join(dir, rel), "utf8");

describe("initProject", () => {
  test("scaffolds an empty folder", async () => {
    const dir = tempDir();
    const report = await initProject({ dir, runtimeRange: "^0.1.0" });
    expect(report.files.map((f) => `${f.action} ${f.path}`)).toEqual([
      "created jaunt.toml",
      "created src/greeting.ts",
      "created tests/greeting.ts",
      "created package.json",
      "created .gitignore",
    ]);
    expect(read(dir, "jaunt.toml")).toContain('source_roots = ["src"]');
    expect(read(dir, "src/greeting.ts")).toContain("jaunt.magic(function greet(");
    expect(read(dir, "tests/greeting.ts")).toContain('from "../src/greeting"');
    const pkg: unknown = JSON.parse(read(dir, "package.json"));
    expect(pkg).toMatchObject({ private: true, type: "module", dependencies: { "@jaunt/runtime": "^0.1.0" } });
    expect(read(dir, ".gitignore")).toBe(".jaunt/\n");
  });

  test("keeps an existing Bun project's files and formatting", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "package.json"), '{\n\t"name": "app",\n\t"dependencies": {\n\t\t"zod": "^3.0.0"\n\t}\n}\n');
    fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules");
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(path.join(dir, "src/greeting.ts"), "export const mine = 1;\n");
    const report = await initProject({ dir, runtimeRange: "^0.1.0" });
    const actions = Object.fromEntries(report.files.map((f) => [f.path, f.action]));
    expect(actions).toEqual({
      "jaunt.toml": "created",
      "src/greeting.ts": "skipped",
      "tests/greeting.ts": "skipped",
      "package.json": "updated",
      ".gitignore": "updated",
    });
    expect(read(dir, "src/greeting.ts")).toBe("export const mine = 1;\n");
    expect(fs.existsSync(path.join(dir, "tests/greeting.ts"))).toBe(false);
    expect(read(dir, "package.json")).toBe(
      '{\n\t"name": "app",\n\t"dependencies": {\n\t\t"zod": "^3.0.0",\n\t\t"@jaunt/runtime": "^0.1.0"\n\t}\n}\n',
    );
    expect(read(dir, ".gitignore")).toBe("node_modules\n.jaunt/\n");
  });

  test("refuses a folder that already has jaunt.toml (exit 2) and writes nothing", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "jaunt.toml"), "version = 1\n");
    const error = await initProject({ dir, runtimeRange: "^0.1.0" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JauntError);
    expect(error).toMatchObject({ code: "init.exists", exitCode: 2 });
    expect(fs.readdirSync(dir)).toEqual(["jaunt.toml"]);
  });
});

test("in a NodeNext ESM project the example test spec imports the example spec with .js", async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "app", "type": "module" }\n');
  fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "compilerOptions": { "module": "NodeNext" } }\n');
  await initProject({ dir, runtimeRange: "^0.1.0" });
  expect(read(dir, "tests/greeting.ts")).toContain('import { greet } from "../src/greeting.js";');
});

describe("a folder inside another project", () => {
  const refusal = (dir: string) => initProject({ dir, runtimeRange: "^0.1.0" }).catch((e: unknown) => e);

  test("src/ of a Jaunt project is refused, naming the project's jaunt.toml; nothing is written", async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, "jaunt.toml"), "version = 1\n");
    fs.mkdirSync(path.join(root, "src"));
    const error = await refusal(path.join(root, "src"));
    expect(error).toMatchObject({ code: "init.inside_project", exitCode: 2 });
    expect(String(error)).toContain(`inside the Jaunt project at ${root} (../jaunt.toml)`);
    expect(fs.readdirSync(path.join(root, "src"))).toEqual([]);
  });

  test("src/ of an app (package.json above, none here) is refused; the app's root is named", async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "app" }\n');
    const error = await refusal(path.join(root, "src", "lib"));
    expect(error).toMatchObject({ code: "init.inside_project" });
    expect(String(error)).toContain(`inside the project at ${root} (../../package.json)`);
    expect(fs.existsSync(path.join(root, "src"))).toBe(false);
  });

  test("a workspace package with its own package.json, or a repository of its own, may be set up", async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "monorepo" }\n');
    const workspace = path.join(root, "packages", "lib");
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, "package.json"), '{ "name": "lib" }\n');
    expect((await initProject({ dir: workspace, runtimeRange: "^0.1.0" })).root).toBe(workspace);
    const repo = path.join(root, "vendor", "tool");
    fs.mkdirSync(path.join(repo, ".git"), { recursive: true });
    expect((await initProject({ dir: repo, runtimeRange: "^0.1.0" })).root).toBe(repo);
  });
});

describe("package.json and .gitignore edits", () => {
  test("an existing dependency (even a dev one) is left alone", () => {
    const text = '{\n  "devDependencies": { "@jaunt/runtime": "workspace:*" }\n}';
    expect(addDependency(text, "@jaunt/runtime", "^0.1.0")).toEqual({ text, changed: false });
  });
  test("indentation is detected", () => {
    expect(detectIndent('{\n    "a": 1\n}')).toBe("    ");
    expect(detectIndent("{}")).toBe("  ");
  });
  test("invalid JSON is a clear error", () => {
    expect(() => addDependency("{ nope", "x", "1")).toThrow("package.json is not valid JSON");
  });
  test(".jaunt is not added twice in any spelling", () => {
    expect(ensureIgnored("/.jaunt\n", ".jaunt/")).toBeUndefined();
    expect(ensureIgnored(".jaunt/", ".jaunt/")).toBeUndefined();
    expect(ensureIgnored("dist\r\n", ".jaunt/")).toBe("dist\r\n.jaunt/\r\n");
  });
});

describe("jaunt init (spawned)", () => {
  test("--json lists the files; a second run exits 2", async () => {
    const dir = tempDir();
    const first = await runJaunt(["init", "--json"], { cwd: dir });
    expect(first.exitCode).toBe(0);
    const report: unknown = JSON.parse(first.stdout);
    expect(report).toMatchObject({ ok: true, root: dir });
    expect(first.stdout).toContain('"path": "jaunt.toml"');
    const second = await runJaunt(["init"], { cwd: dir });
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toContain("jaunt.toml already exists");
  });

  test("in src/ of a project it exits 2 and says where the project is; the next steps name @jaunt/cli", async () => {
    const dir = tempDir();
    const first = await runJaunt(["init"], { cwd: dir });
    expect(first.stdout).toContain("bun add -d @jaunt/cli");
    expect(first.stdout).toContain("bunx --package @jaunt/cli jaunt build");
    const nested = await runJaunt(["init"], { cwd: path.join(dir, "src") });
    expect(nested.exitCode).toBe(2);
    expect(nested.stderr).toContain(`inside the Jaunt project at ${dir}`);
  });

  test("--dir creates and sets up another folder", async () => {
    const dir = tempDir();
    const result = await runJaunt(["init", "--dir", "app"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("created  src/greeting.ts");
    expect(fs.existsSync(path.join(dir, "app/jaunt.toml"))).toBe(true);
  });
});
