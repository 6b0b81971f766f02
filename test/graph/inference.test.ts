import { afterEach, describe, expect, test } from "bun:test";
import { JauntDiscoveryError } from "@jaunt/runtime";
import { dependencyApiOf } from "../../src/graph/plan-queries.ts";
import { fnSpec, RUNTIME_IMPORT, tempProject, type TempProject } from "../discovery/temp-project.ts";
import { depsOf, mod, plan } from "./plan-helpers.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

describe("dependency inference", () => {
  test("the spec's declared type counts (overload interface, : T, satisfies T); an imported name as an English word does not", async () => {
    project = tempProject({
      "src/time.ts": RUNTIME_IMPORT + fnSpec("delay") + fnSpec("jitter"),
      "src/retry.ts": `${RUNTIME_IMPORT}import { delay, jitter } from "./time";\n` +
        `/** Overloads. */\ninterface RetryFn {\n  (times: number): Promise<void>;\n  (times: number, wait: typeof delay): Promise<void>;\n}\n` +
        `/** Retry a call a few times. */\nexport const retry: RetryFn = jaunt.magic(function retry(times: number, wait?: unknown): Promise<void> {\n  return jaunt.todo();\n});\n` +
        `type Backoff = (attempt: number) => ReturnType<typeof jitter>;\n` +
        `/** Milliseconds to delay before the next attempt. */\nexport const backoff = jaunt.magic(function backoff(attempt: number): number {\n  return jaunt.todo();\n}) satisfies Backoff;\n`,
    });
    const p = await plan(project);
    expect(depsOf(p, "src/retry:retry")).toEqual(["src/time:delay"]);
    expect(depsOf(p, "src/retry:backoff")).toEqual(["src/time:jitter"]);
  });

  test("through relative imports in every spelling, namespaces and the same module", async () => {
    project = tempProject({
      "src/a.ts": RUNTIME_IMPORT + fnSpec("a"),
      "src/b.ts": RUNTIME_IMPORT + fnSpec("b"),
      "src/dir/index.ts": RUNTIME_IMPORT + fnSpec("d"),
      "src/n.ts": RUNTIME_IMPORT + fnSpec("n"),
      "src/use.ts": `${RUNTIME_IMPORT}import { a } from "./a";\nimport { b as bee } from "./b.ts";\nimport { d } from "./dir";\nimport * as ns from "./n";\n` +
        fnSpec("local") + fnSpec("user", "Uses a, b, d, n and local.", "return a(bee(d(ns.n(local(x)))));"),
    });
    const p = await plan(project);
    expect(depsOf(p, "src/use:user")).toEqual(["src/a:a", "src/b:b", "src/dir/index:d", "src/n:n", "src/use:local"]);
    expect(mod(p, "src/use").dependsOn).toEqual(["src/a", "src/b", "src/dir/index", "src/n"]);
    expect(mod(p, "src/a").dependents).toEqual(["src/use"]);
  });

  test("through re-exports in an index file (named, renamed and star)", async () => {
    project = tempProject({
      "src/lib/a.ts": RUNTIME_IMPORT + fnSpec("a"),
      "src/lib/b.ts": RUNTIME_IMPORT + fnSpec("b"),
      "src/lib/index.ts": `export { a as alpha } from "./a";\nexport * from "./b";\n`,
      "src/app.ts": `${RUNTIME_IMPORT}import { alpha, b } from "./lib";\n` + fnSpec("app", "App.", "return alpha(b(x));"),
    });
    const p = await plan(project);
    expect(depsOf(p, "src/app:app")).toEqual(["src/lib/a:a", "src/lib/b:b"]);
    expect(p.modules.map((m) => m.id)).toEqual(["src/app", "src/lib/a", "src/lib/b"]); // index.ts has no specs: not a module
  });

  test("explicit deps count even with inference off; --no-infer-deps drops inferred ones", async () => {
    project = tempProject({
      "src/a.ts": RUNTIME_IMPORT + fnSpec("a") + fnSpec("a2"),
      "src/b.ts": `${RUNTIME_IMPORT}import { a, a2 } from "./a";\nexport const b = jaunt.magic({ deps: [a] }, function b() { a2(); });\n`,
    });
    expect(depsOf(await plan(project), "src/b:b")).toEqual(["src/a:a", "src/a:a2"]);
    expect(depsOf(await plan(project, { inferDeps: false }), "src/b:b")).toEqual(["src/a:a"]);
    project.write("jaunt.toml", `version = 1\n[paths]\nsource_roots = ["src"]\n[build]\ninfer_deps = false\n`);
    expect(depsOf(await plan(project), "src/b:b")).toEqual(["src/a:a"]);
  });

  test("test specs depend on the source specs they use; nothing depends on a test spec", async () => {
    project = tempProject({
      "src/a.ts": RUNTIME_IMPORT + fnSpec("a"),
      "tests/a.ts": `${RUNTIME_IMPORT}import { a } from "../src/a";\nexport const aWorks = jaunt.test(function aWorks() { void a; });\nexport const other = jaunt.test(function other() { void aWorks; });\n`,
    });
    const p = await plan(project);
    expect(depsOf(p, "tests/a:aWorks")).toEqual(["src/a:a"]);
    expect(depsOf(p, "tests/a:other")).toEqual([]);
    expect(mod(p, "tests/a").kind).toBe("test");
    expect(mod(p, "tests/a").dependsOn).toEqual(["src/a"]);
    expect(p.order).toEqual(["src/a", "tests/a"]);
    expect(dependencyApiOf(p, "tests/a")).toEqual([
      { ref: "src/a:a", module: "src/a", name: "a", kind: "function", publicApi: "/** Does a. */\nexport function a(x: string): string;" },
    ]);
  });

  test("deps naming something that is not a spec is a discovery error (all collected)", async () => {
    project = tempProject({
      "src/plain.ts": `export function helper() {}\n`,
      "src/b.ts": `${RUNTIME_IMPORT}import { helper } from "./plain";\nexport const b = jaunt.magic({ deps: [helper] }, function b() {});\nexport const c = jaunt.magic({ deps: [nope] }, function c() {});\n`,
    });
    const error = await plan(project).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JauntDiscoveryError);
    const message = error instanceof Error ? error.message : "";
    expect(message).toContain("src/b.ts:3:1: `deps` of `b` names `helper`, which is not a source spec");
    expect(message).toContain("src/b.ts:4:1: `deps` of `c` names `nope`");
  });

  test("a typo in deps suggests the imported spec it resembles (not only this module's specs), and never the name itself", async () => {
    project = tempProject({
      "src/slug.ts": RUNTIME_IMPORT + fnSpec("slugify"),
      "src/plain.ts": `export function helper() {}\n`,
      "src/unique.ts": `${RUNTIME_IMPORT}import { slugify } from "./slug";\nimport { helper } from "./plain";\nexport const u = jaunt.magic({ deps: [slugfy] }, function u() {});\nexport const h = jaunt.magic({ deps: [helper] }, function h() {});\n`,
    });
    const error = await plan(project).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JauntDiscoveryError);
    const text = JSON.stringify(error instanceof JauntDiscoveryError ? { message: error.message, hint: error.hint, details: Object.entries(error) } : error);
    expect(text).toContain("names `slugfy`, which is not a source spec");
    expect(text).toContain("did you mean `slugify`?");
    expect(text).not.toContain("did you mean `helper`?");
  });

  test("build order puts dependencies first and the longest downstream chain first", async () => {
    project = tempProject({
      "src/a.ts": RUNTIME_IMPORT + fnSpec("a"),
      "src/z.ts": RUNTIME_IMPORT + fnSpec("z"),
      "src/y.ts": `${RUNTIME_IMPORT}import { z } from "./z";\n` + fnSpec("y", "Y.", "return z(x);"),
      "src/w.ts": `${RUNTIME_IMPORT}import { y } from "./y";\n` + fnSpec("w", "W.", "return y(x);"),
    });
    const p = await plan(project);
    expect(p.order).toEqual(["src/z", "src/y", "src/a", "src/w"]);
    expect(mod(p, "src/z").downstream).toBe(3);
  });
});
