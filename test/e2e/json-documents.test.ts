/**
 * Every command's `--json` document speaks the same words for the same things:
 * `ok` (the exit code is 0), `root`, a module named by `module` (never `id`),
 * its spec file by `file`, and `warnings` where a run can warn.
 */
import { expect, test } from "bun:test";
import { IMPLEMENTATIONS, SLUG_TEST_ANSWER as TEST_CODE, SLUG_TEST_SPEC as TEST_SPEC, SPECS, type E2eProject } from "./project.ts";
import { llmProjects } from "./llm-projects.ts";

const { project } = llmProjects({ defaults: { ...IMPLEMENTATIONS, "tests/slug": TEST_CODE } });

type Doc = Record<string, unknown>;

function isRecord(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every object in `value` that names a module: none may call it `id`. */
function idKeys(value: unknown, at = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => idKeys(item, `${at}[${i}]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => [...(key === "id" ? [`${at}.id`] : []), ...idKeys(item, `${at}.${key}`)]);
}

/** Run `args` with --json; check the shared fields and the exit code against `ok`. */
async function documentOf(p: E2eProject, args: readonly string[], expectedExit = 0): Promise<Doc> {
  const result = await p.jaunt([...args, "--json"]);
  expect(result.exitCode, `${args.join(" ")}: ${result.stderr}`).toBe(expectedExit);
  const doc: unknown = JSON.parse(result.stdout);
  if (!isRecord(doc)) throw new Error(`${args.join(" ")} --json printed ${result.stdout}`);
  expect(doc.ok).toBe(expectedExit === 0);
  if (expectedExit === 0 || doc.error === undefined) expect(doc.root).toBe(p.root);
  expect(idKeys(doc)).toEqual([]);
  return doc;
}

test("build, test, status, stamp, prompt and clean --json share ok, root, module, file and warnings", async () => {
  const p = project({ ...SPECS, "tests/slug.ts": TEST_SPEC });

  const dryRun = await documentOf(p, ["build", "--dry-run"]);
  expect(dryRun.modules).toContainEqual(expect.objectContaining({ module: "src/slug", file: "src/slug.ts", generatedFile: "src/__generated__/slug.ts" }));

  const tested = await documentOf(p, ["test"]);
  expect(tested).toMatchObject({ kind: "test", exitCode: 0, bunExitCode: 0, testFiles: ["tests/__generated__/slug.test.ts"], warnings: [] });
  expect(tested.build).toMatchObject({ ok: true, kind: "build", built: 4 });
  expect(tested.generation).toMatchObject({ ok: true, kind: "test", modules: [expect.objectContaining({ module: "tests/slug", file: "tests/slug.ts", status: "built" })] });

  const built = await documentOf(p, ["build"]);
  expect(built).toMatchObject({ kind: "build", fresh: 4, built: 0, warnings: [] });

  const status = await documentOf(p, ["status"]);
  expect(status.modules).toContainEqual(expect.objectContaining({ module: "src/other", file: "src/other.ts", status: "fresh" }));

  p.write("src/other.ts", SPECS["src/other.ts"].replace("Add two numbers.", "Add two numbers!"));
  const check = await documentOf(p, ["status", "--check"], 1);
  expect(check.summary).toMatchObject({ stale: 1, stampable: 1 });

  const stamped = await documentOf(p, ["stamp"]);
  expect(stamped).toMatchObject({ stamped: [{ module: "src/other", generatedFile: "src/__generated__/other.ts", accepted: ["spec"] }], warnings: [] });
  expect((await documentOf(p, ["status", "--check"])).summary).toMatchObject({ stale: 0 });

  const prompt = await documentOf(p, ["prompt", "src/slug"]);
  expect(prompt).toMatchObject({ module: "src/slug", kind: "build", file: "src/slug.ts", generatedFile: "src/__generated__/slug.ts" });

  const clean = await documentOf(p, ["clean", "--dry-run"]);
  expect(clean).toMatchObject({ dryRun: true });
  expect(clean.removed).toContain("tests/__generated__/slug.test.ts");

  const refused = await documentOf(p, ["prompt", "src/nope"], 2);
  expect(refused.error).toMatchObject({ code: "build.unknown_target", exitCode: 2 });
}, 90_000);
