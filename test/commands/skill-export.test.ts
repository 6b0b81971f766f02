import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { SKILL_FILES } from "../../src/assets/skill.ts";
import { exportSkill } from "../../src/scaffold/export-skill.ts";
import { resolveSkillDest } from "../../src/scaffold/skill-dest.ts";
import { REPO_ROOT, runJaunt } from "../support/cli.ts";
import { useTempDirs } from "./temp-dir.ts";

const tempDir = useTempDirs();

describe("embedded skill files", () => {
  test("match skill/ in the repo byte for byte", () => {
    expect(SKILL_FILES.map((f) => f.path)).toEqual([
      "SKILL.md",
      "cursorrules.md",
      "examples/basic_function_spec.ts",
      "examples/class_spec.ts",
      "examples/test_spec.ts",
      "examples/jaunt.toml",
    ]);
    for (const file of SKILL_FILES) {
      expect(file.text).toBe(fs.readFileSync(path.join(REPO_ROOT, "skill", file.path), "utf8"));
    }
  });
  test("SKILL.md states the rules an assistant must follow", () => {
    const text = SKILL_FILES[0]?.text ?? "";
    expect(text).toContain("Never create or edit files inside a `__generated__/` folder");
    for (const code of ["`0`", "`2`", "`3`", "`4`"]) expect(text).toContain(code);
    expect(text).toContain("jaunt status");
  });
});

describe("exportSkill", () => {
  test("writes, then reports unchanged, then refuses a changed file without force", async () => {
    const dest = path.join(tempDir(), "skill");
    const first = await exportSkill({ dest, force: false });
    expect(first.files.every((f) => f.state === "written")).toBe(true);
    expect(fs.readFileSync(path.join(dest, "examples/class_spec.ts"), "utf8")).toContain("@jaunt.magic(");

    const second = await exportSkill({ dest, force: false });
    expect(second.files.every((f) => f.state === "unchanged")).toBe(true);

    const changed = path.join(dest, "SKILL.md");
    fs.writeFileSync(changed, "my notes\n");
    fs.rmSync(path.join(dest, "cursorrules.md"));
    const refused = await exportSkill({ dest, force: false }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "skill.conflict", exitCode: 2 });
    expect(String(refused)).toContain("SKILL.md");
    // Nothing was written: the missing file is still missing.
    expect(fs.existsSync(path.join(dest, "cursorrules.md"))).toBe(false);
    expect(fs.readFileSync(changed, "utf8")).toBe("my notes\n");

    const forced = await exportSkill({ dest, force: true });
    const states = Object.fromEntries(forced.files.map((f) => [f.path, f.state]));
    expect(states["SKILL.md"]).toBe("overwritten");
    expect(states["cursorrules.md"]).toBe("written");
    expect(states["examples/jaunt.toml"]).toBe("unchanged");
    expect(fs.readFileSync(changed, "utf8")).toBe(SKILL_FILES[0]?.text ?? "");
  });
});

describe("resolveSkillDest", () => {
  test("--dest wins, then the nearest jaunt.toml, then the current folder", () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, "jaunt.toml"), "version = 1\n");
    const deep = path.join(root, "src/a");
    fs.mkdirSync(deep, { recursive: true });
    expect(resolveSkillDest({ cwd: deep, dest: "out" })).toBe(path.join(deep, "out"));
    expect(resolveSkillDest({ cwd: deep })).toBe(path.join(root, ".jaunt/skill"));
    expect(resolveSkillDest({ cwd: deep, root: ".." })).toBe(path.join(root, "src/.jaunt/skill"));
    const outside = tempDir();
    expect(resolveSkillDest({ cwd: outside })).toBe(path.join(outside, ".jaunt/skill"));
  });
});

describe("jaunt skill export (spawned)", () => {
  test("--json lists states; a changed file exits 2 until --force", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "jaunt.toml"), "version = 1\n");
    const first = await runJaunt(["skill", "export", "--json"], { cwd: dir });
    expect(first.exitCode).toBe(0);
    const report: unknown = JSON.parse(first.stdout);
    expect(report).toMatchObject({ ok: true, dest: path.join(dir, ".jaunt/skill") });
    fs.appendFileSync(path.join(dir, ".jaunt/skill/cursorrules.md"), "- my rule\n");
    const refused = await runJaunt(["skill", "export"], { cwd: dir });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain("cursorrules.md");
    expect(refused.stderr).toContain("--force");
    const forced = await runJaunt(["skill", "export", "--force"], { cwd: dir });
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toMatch(/overwritten\s+cursorrules\.md/);
    expect(forced.stdout).toMatch(/unchanged\s+SKILL\.md/);
  });

  test("--help describes the command and every flag", async () => {
    const result = await runJaunt(["skill", "export", "--help"], { cwd: tempDir() });
    expect(result.exitCode).toBe(0);
    for (const flag of ["--dest", "--force", "--root", "--json"]) expect(result.stdout).toContain(flag);
    expect(result.stdout).toContain("Write the skill docs");
  });
});
