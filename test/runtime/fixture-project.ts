/**
 * Copies a fixture project from test/fixtures/runtime/ into a fresh temp dir
 * and makes `@jaunt/runtime` resolvable there (a node_modules entry), so
 * fixtures import the runtime exactly as a user project does.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const RUNTIME_DIR = join(import.meta.dir, "..", "..", "runtime");
export const FIXTURES_DIR = join(import.meta.dir, "..", "fixtures", "runtime");

/** A temp copy of a fixture project; `remove()` deletes it. */
export interface FixtureProject {
  readonly dir: string;
  path(...segments: string[]): string;
  remove(): void;
}

/**
 * Copies `test/fixtures/runtime/<name>` to a temp dir. `runtimePackage` is the
 * folder linked as node_modules/@jaunt/runtime (default: the repo's runtime/).
 */
export function copyFixture(name: string, runtimePackage: string = RUNTIME_DIR): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), "jaunt-"));
  cpSync(join(FIXTURES_DIR, name), dir, { recursive: true });
  mkdirSync(join(dir, "node_modules", "@jaunt"), { recursive: true });
  symlinkSync(runtimePackage, join(dir, "node_modules", "@jaunt", "runtime"), "dir");
  return {
    dir,
    path: (...segments) => join(dir, ...segments),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Imports a module of a fixture project by its temp path (so never shared
 * with another test file's copy). `M` is the module's type, e.g.
 * `typeof import("../fixtures/runtime/dispatch/src/slug.ts")`.
 */
export function importFrom<M>(project: FixtureProject, relativePath: string): Promise<M> {
  return import(project.path(relativePath));
}
