/**
 * `@jaunt/runtime/bun-plugin`: bundles and compiled binaries of an app that
 * calls specs carry the generated code, run with the source tree moved
 * away, and behave as `bun run` (dynamic dispatch) does. Runs against the
 * packed runtime tarball, as a user's install would.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { appendFileSync, cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jaunt from "../../runtime/src/bun-plugin.ts";
import { FIXTURES_DIR } from "./fixture-project.ts";
import { installPackedRuntime, removePackedRuntime } from "./packed-runtime.ts";

let work: string;
let app: string;

/** A fresh copy of the fixture app with the packed runtime installed. */
async function copyApp(name: string): Promise<string> {
  const dir = join(work, name);
  cpSync(join(FIXTURES_DIR, "app"), dir, { recursive: true });
  await installPackedRuntime(dir);
  return dir;
}

function run(command: string[], cwd: string): unknown {
  const child = Bun.spawnSync(command, { cwd, env: { ...process.env, NO_COLOR: "1" } });
  expect(child.stderr.toString()).toBe("");
  expect(child.exitCode).toBe(0);
  return JSON.parse(child.stdout.toString());
}

/** Bun.build's failure, as the user sees it (thrown, or in the logs). */
async function buildFailure(project: string, target: "bun" | "browser" = "bun"): Promise<string> {
  try {
    const result = await Bun.build({ entrypoints: [join(project, "src/main.ts")], outdir: join(project, "out"), target, plugins: [jaunt()] });
    return result.success ? "" : result.logs.map(String).join("\n");
  } catch (error) {
    return error instanceof AggregateError ? error.errors.map(String).join("\n") : String(error);
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "jaunt-bun-plugin-"));
  app = await copyApp("app");
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removePackedRuntime();
});

describe("Bun.build with the plugin", () => {
  let expected: unknown;
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    // The reference: dynamic dispatch under `bun run`, generated folder on disk.
    expected = run([process.execPath, "src/main.ts"], app);
    const entrypoints = [join(app, "src/main.ts")];
    for (const [key, config] of [
      ["bun", { target: "bun" }],
      ["bun-minified", { target: "bun", minify: true }],
      ["node", { target: "node" }],
    ] as const) {
      const result = await Bun.build({ entrypoints, outdir: join(work, `out-${key}`), plugins: [jaunt()], ...config });
      expect(result.success).toBe(true);
      outputs[key] = join(work, `out-${key}`, "main.js");
    }
    const compiled = await Bun.build({ entrypoints, plugins: [jaunt()], compile: { outfile: join(work, "bin", "app") } });
    expect(compiled.success).toBe(true);
    outputs["compiled"] = join(work, "bin", "app");
    // Nothing of the source tree is left where the build found it.
    renameSync(app, join(work, "moved-away"));
  });
  afterAll(() => renameSync(join(work, "moved-away"), app));

  test("bun run (the reference) dispatches as the specs say", () => {
    expect(expected).toEqual({
      slug: "hello-world",
      slugName: "slugify",
      slugLength: 2,
      slugRef: "src/slug:slugify",
      double: 42,
      doubleName: "double",
      doubleRef: "src/slug:double",
      described: "size: 3",
      describeName: "describe",
      lruRoom: 3,
      lruIsLru: true,
      lruName: "Lru",
      lruRef: "src/slug:Lru",
      headline: "Big News (big-news)",
      refs: ["src/slug:Lru", "src/slug:describe", "src/slug:double", "src/slug:slugify", "src/title:headline"],
    });
  });

  test.each(["bun", "bun-minified"])("target bun (%s) runs from anywhere and behaves as bun run", (key) => {
    expect(run([process.execPath, outputs[key] ?? ""], work)).toEqual(expected);
  });

  test("target node runs on Node and behaves as bun run", () => {
    expect(run(["node", outputs["node"] ?? ""], work)).toEqual(expected);
  });

  test("a compiled binary carries the generated code", () => {
    expect(run([outputs["compiled"] ?? ""], tmpdir())).toEqual(expected);
  });
});

describe("build-time errors", () => {
  test("a spec module without its generated module fails the build, naming the spec and the fix", async () => {
    const project = await copyApp("unbuilt");
    rmSync(join(project, "src/__generated__/title.ts"));
    const message = await buildFailure(project);
    expect(message).toContain("src/title:headline is not built");
    expect(message).toContain("src/__generated__/title.ts");
    expect(message).toContain("jaunt build");
  });

  test("a spec added after the last build fails the build, naming the new spec", async () => {
    const project = await copyApp("stale");
    appendFileSync(join(project, "src/slug.ts"), "\nexport const shout = jaunt.magic(function shout(text: string): string {\n  return jaunt.todo();\n});\n");
    const message = await buildFailure(project);
    expect(message).toContain("src/slug:shout is not built");
    expect(message).toContain("jaunt build");
  });

  test("a bundle built without the plugin fails at import, naming the plugin", async () => {
    const outdir = join(work, "out-without-plugin");
    const result = await Bun.build({ entrypoints: [join(app, "src/main.ts")], outdir, target: "bun" });
    expect(result.success).toBe(true);
    const child = Bun.spawnSync([process.execPath, join(outdir, "main.js")], { cwd: work });
    expect(child.exitCode).not.toBe(0);
    expect(child.stderr.toString()).toContain("Link specs at build time with the plugin from @jaunt/runtime/bun-plugin");
  });

  test("a browser target (Bun.build's default) is refused with the fix", async () => {
    const message = await buildFailure(app, "browser");
    expect(message).toContain('Bun.build target "browser" cannot run Jaunt specs');
    expect(message).toContain('target: "bun"');
  });
});

describe("as a preload", () => {
  test("bun run and bun test link statically (the spec export is the generated function)", async () => {
    const project = await copyApp("preload");
    writeFileSync(join(project, "bunfig.toml"), 'preload = ["@jaunt/runtime/preload"]\n[test]\npreload = ["@jaunt/runtime/preload"]\n');
    expect(run([process.execPath, "src/main.ts"], project)).toMatchObject({ slug: "hello-world", lruName: "Lru", headline: "Big News (big-news)" });
    writeFileSync(
      join(project, "src/identity.ts"),
      'import * as generated from "./__generated__/slug.ts";\nimport { slugify } from "./slug.ts";\nconsole.log(JSON.stringify(slugify === generated.slugify));\n',
    );
    expect(run([process.execPath, "src/identity.ts"], project)).toBe(true);
    writeFileSync(
      join(project, "src/linked.test.ts"),
      [
        'import { expect, test } from "bun:test";',
        'import * as generated from "./__generated__/slug.ts";',
        'import { Lru, slugify } from "./slug.ts";',
        'test("linked", () => {',
        "  expect(slugify).toBe(generated.slugify);",
        "  expect(Lru).toBe(generated.Lru);",
        '  expect(slugify("A b")).toBe("a-b");',
        "});",
        "",
      ].join("\n"),
    );
    const tested = Bun.spawnSync([process.execPath, "test", "./src/linked.test.ts"], { cwd: project });
    expect(tested.stderr.toString()).toContain(" 1 pass");
    expect(tested.exitCode).toBe(0);
  });
});
