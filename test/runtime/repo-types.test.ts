/**
 * The repo's own type check reads the runtime's source, never `runtime/dist/`
 * (which a local `bun runtime/build.ts` leaves behind and a later source
 * change makes stale). Resolution runs through TypeScript with the root
 * tsconfig.json on a host where a complete dist exists.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const ROOT = join(import.meta.dir, "..", "..");
const RUNTIME = join(ROOT, "runtime");

const manifest: unknown = JSON.parse(readFileSync(join(RUNTIME, "package.json"), "utf8"));
const exportsMap = typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "exports") : undefined;
/** Subpaths of the exports map that name modules (`"."`, `"./link"`, …), with their `bun` (source) file. */
const entries = Object.entries(typeof exportsMap === "object" && exportsMap !== null ? exportsMap : {}).flatMap(([subpath, target]) => {
  const bun: unknown = typeof target === "object" && target !== null ? Reflect.get(target, "bun") : undefined;
  return typeof bun === "string" ? [{ specifier: `@jaunt/runtime${subpath.slice(1)}`, source: join(RUNTIME, bun) }] : [];
});

/** Any path inside runtime/dist (reached through node_modules or not): a build is there. */
const inDist = (file: string): boolean => /[\\/](?:runtime|@jaunt[\\/]runtime)[\\/]dist(?:[\\/]|$)/.test(file);
const builtHost: ts.ModuleResolutionHost = {
  fileExists: (file) => (inDist(file) ? /\.(?:d\.c?ts|c?js)$/.test(file) : ts.sys.fileExists(file)),
  directoryExists: (dir) => inDist(dir) || ts.sys.directoryExists(dir),
  readFile: (file) => (inDist(file) ? "export {};\n" : ts.sys.readFile(file)),
  realpath: (file) => (inDist(file) ? file : realpathSync(file)),
  getCurrentDirectory: () => ROOT,
};

function rootCompilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error("tsconfig.json did not parse");
  return parsed.options;
}

describe("the repo type-checks against the runtime source", () => {
  test("every @jaunt/runtime entry resolves to runtime/src even when runtime/dist is built", () => {
    const options = rootCompilerOptions();
    expect(entries.map((e) => e.specifier)).toEqual(expect.arrayContaining(["@jaunt/runtime", "@jaunt/runtime/bun-plugin", "@jaunt/runtime/vite-plugin"]));
    for (const { specifier, source } of entries) {
      for (const from of [join(ROOT, "src", "main.ts"), join(ROOT, "test", "runtime", "link.test.ts")]) {
        const resolved = ts.resolveModuleName(specifier, from, options, builtHost).resolvedModule?.resolvedFileName;
        expect(resolved === undefined ? undefined : realpathSync(resolved), specifier).toBe(realpathSync(source));
      }
    }
  });
});
