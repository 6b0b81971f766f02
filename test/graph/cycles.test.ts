import { afterEach, expect, test } from "bun:test";
import { JauntDependencyCycleError } from "@jaunt/runtime";
import { fnSpec, RUNTIME_IMPORT, tempProject, type TempProject } from "../discovery/temp-project.ts";
import { plan } from "./plan-helpers.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

async function cycleOf(p: TempProject): Promise<JauntDependencyCycleError> {
  const error = await plan(p).catch((e: unknown) => e);
  if (!(error instanceof JauntDependencyCycleError)) throw new Error(`expected a cycle error, got ${String(error)}`);
  expect(error.exitCode).toBe(2);
  return error;
}

test("a spec cycle across modules prints the path of SpecRefs", async () => {
  project = tempProject({
    "src/a.ts": `${RUNTIME_IMPORT}import { b } from "./b";\n` + fnSpec("a", "A.", "return b(x);"),
    "src/b.ts": `${RUNTIME_IMPORT}import { c } from "./c";\n` + fnSpec("b", "B.", "return c(x);"),
    "src/c.ts": `${RUNTIME_IMPORT}import { a } from "./a";\n` + fnSpec("c", "C.", "return a(x);"),
  });
  const error = await cycleOf(project);
  expect(error.cycle).toEqual(["src/a:a", "src/b:b", "src/c:c", "src/a:a"]);
  expect(error.message).toBe("dependency cycle: src/a:a -> src/b:b -> src/c:c -> src/a:a");
});

test("a spec cycle inside one module is an error; plain same-module deps are not", async () => {
  project = tempProject({ "src/m.ts": RUNTIME_IMPORT + fnSpec("p", "P.", "return q(x);") + fnSpec("q", "Q.", "return r(x);") + fnSpec("r") });
  expect((await plan(project)).specs["src/m:p"]?.deps).toEqual(["src/m:q"]);
  project.write("src/m.ts", RUNTIME_IMPORT + fnSpec("p", "P.", "return q(x);") + fnSpec("q", "Q.", "return p(x);"));
  expect((await cycleOf(project)).cycle).toEqual(["src/m:p", "src/m:q", "src/m:p"]);
});

test("a module cycle without a spec cycle is an error naming the spec edges", async () => {
  project = tempProject({
    "src/a.ts": `${RUNTIME_IMPORT}import { y } from "./b";\n` + fnSpec("x", "X.", "return y(x);") + fnSpec("w"),
    "src/b.ts": `${RUNTIME_IMPORT}import { w } from "./a";\n` + fnSpec("y") + fnSpec("z", "Z.", "return w(x);"),
  });
  const error = await cycleOf(project);
  expect(error.message).toBe("dependency cycle: src/a:x -> src/b:y -> src/b:z -> src/a:w -> src/a:x");
  expect(error.hint).toContain("modules src/a -> src/b -> src/a depend on each other");
  expect(error.hint).toContain("src/a:x uses src/b:y; src/b:z uses src/a:w");
});
