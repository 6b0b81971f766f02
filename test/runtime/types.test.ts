/**
 * The packed `@jaunt/runtime` type-checks in strict user projects: its
 * declarations (not its source) are what a checker sees, so no user setting
 * — exactOptionalPropertyTypes, noUnusedLocals, noImplicitOverride,
 * noUncheckedIndexedAccess — and no module resolution — NodeNext (ESM and
 * CJS), bundler, node10 — reports an error, with or without skipLibCheck,
 * under `bun check` and under TypeScript 5.9's tsc (from the registry).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { npmTools } from "./npm-tools.ts";
import { installPackedRuntime, removePackedRuntime } from "./packed-runtime.ts";

const STRICT = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noImplicitOverride: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  target: "ES2022",
  lib: ["ES2022"],
  types: [],
};

/** Uses every public export the way users do. */
const SPECS = `import * as jaunt from "@jaunt/runtime";
import { JauntError, JauntNotBuiltError, registry, specRef, type MagicOptions, type RegistryEntry } from "@jaunt/runtime";

/** Turn a title into a URL slug. */
export const slugify = jaunt.magic(function slugify(title: string): string {
  return jaunt.todo();
});

const options: MagicOptions = { deps: [slugify], prompt: "Append -2, -3 until unused." };
export const uniqueSlug = jaunt.magic(options, function uniqueSlug(title: string, taken: ReadonlySet<string>): string {
  return jaunt.todo();
});

/** An LRU cache with a fixed capacity. */
@jaunt.magic({ prompt: "evict the least recently used" })
export class LruCache<K, V> {
  constructor(readonly capacity: number) {}
  get(key: K): V | undefined {
    return jaunt.todo();
  }
}

/** A pool made only through its factory: a private constructor. */
@jaunt.magic()
export class Pool {
  private constructor(readonly size: number) {}
  static create(size: number): Pool {
    return jaunt.todo();
  }
}

/** A base for subclasses only: a protected constructor. */
@jaunt.magic()
export abstract class Shape {
  protected constructor(readonly sides: number) {}
  abstract area(): number;
}

export const slugBasics = jaunt.test(function slugBasics(): void {});

export function explain(error: unknown): string {
  if (error instanceof JauntNotBuiltError) return \`\${error.specRef}: \${error.hint ?? ""} (\${error.location?.line ?? 0})\`;
  if (error instanceof JauntError) return \`\${error.code} \${error.exitCode}\`;
  const entry: RegistryEntry | undefined = registry().get("src/specs:slugify");
  const length: number = slugify("a b").length + uniqueSlug("a", new Set()).length;
  return \`\${specRef(slugify) ?? ""} \${entry?.kind ?? ""} \${new LruCache<string, number>(2).capacity + length + Pool.create(1).size}\`;
}
`;

const PLUGINS = `import bunPlugin from "@jaunt/runtime/bun-plugin";
import vitePlugin from "@jaunt/runtime/vite-plugin";

export const pluginNames: readonly string[] = [bunPlugin().name, vitePlugin().name];
`;

interface Layout {
  readonly name: string;
  readonly packageType: "module" | "commonjs";
  readonly compilerOptions: Record<string, unknown>;
  /** Plugins are ESM-only: require-style projects check the main entry. */
  readonly plugins: boolean;
}

const LAYOUTS: readonly Layout[] = [
  { name: "nodenext-esm", packageType: "module", compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" }, plugins: true },
  { name: "nodenext-cjs", packageType: "commonjs", compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" }, plugins: false },
  { name: "bundler", packageType: "module", compilerOptions: { module: "Preserve", moduleResolution: "bundler" }, plugins: true },
  // Legacy decorators: `@jaunt.magic()` (private and protected constructors too) type-checks in this mode as well.
  { name: "bundler-legacy-decorators", packageType: "module", compilerOptions: { module: "Preserve", moduleResolution: "bundler", experimentalDecorators: true }, plugins: true },
  { name: "node10", packageType: "commonjs", compilerOptions: { module: "CommonJS", moduleResolution: "node10" }, plugins: true },
];

let work: string;

function writeProject(layout: Layout, skipLibCheck: boolean): string {
  const dir = join(work, `${layout.name}${skipLibCheck ? "-skiplibcheck" : ""}`);
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "strict-user", private: true, type: layout.packageType }));
  const files = ["src/specs.ts", ...(layout.plugins ? ["src/plugins.ts"] : [])];
  const compilerOptions = { ...STRICT, ...layout.compilerOptions, skipLibCheck };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }, null, 2));
  writeFileSync(join(dir, "src/specs.ts"), SPECS);
  if (layout.plugins) writeFileSync(join(dir, "src/plugins.ts"), PLUGINS);
  return dir;
}

interface Checked {
  readonly dir: string;
  readonly code: number;
  readonly output: string;
}

async function check(command: string[], cwd: string): Promise<Checked> {
  const child = Bun.spawn(command, { cwd, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { dir: cwd, code, output: `${stdout}${stderr}` };
}

/** Results by layout name: every project checked by both checkers, all at once (tsc takes ~2 s each). */
const tscResults = new Map<string, Checked[]>();
const bunCheckResults = new Map<string, Checked[]>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "jaunt-types-"));
  const tools = await npmTools();
  const tsc = join(tools, "node_modules", "typescript", "bin", "tsc");
  const runs: Promise<void>[] = [];
  for (const layout of LAYOUTS) {
    tscResults.set(layout.name, []);
    bunCheckResults.set(layout.name, []);
    for (const skipLibCheck of [false, true]) {
      const dir = writeProject(layout, skipLibCheck);
      await installPackedRuntime(dir);
      // skipLibCheck only drops diagnostics from .d.ts files, so a clean run
      // without it implies one with it: tsc (~2 s a run) checks without.
      if (!skipLibCheck) runs.push(check(["node", tsc, "-p", "tsconfig.json"], dir).then((result) => void tscResults.get(layout.name)?.push(result)));
      // TypeScript 7 (bun check) removed node10 resolution: it refuses the option itself.
      if (layout.name === "node10") continue;
      const bunCheck = check([process.execPath, "check", "--no-pretty", "-p", "tsconfig.json"], dir);
      runs.push(bunCheck.then((result) => void bunCheckResults.get(layout.name)?.push(result)));
    }
  }
  await Promise.all(runs);
}, 240_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removePackedRuntime();
});

describe.each(LAYOUTS.map((layout) => layout.name))("a strict %s project", (name) => {
  test("TypeScript 5.9's tsc reports nothing without skipLibCheck (so nothing with it)", () => {
    const results = tscResults.get(name) ?? [];
    expect(results).toHaveLength(1);
    for (const result of results) expect({ dir: result.dir, code: result.code, output: result.output }).toEqual({ dir: result.dir, code: 0, output: "" });
  });

  test.skipIf(name === "node10")("bun check reports nothing, with and without skipLibCheck", () => {
    const results = bunCheckResults.get(name) ?? [];
    expect(results).toHaveLength(2);
    for (const result of results) expect({ dir: result.dir, code: result.code, output: result.output.replace(/^✓.*\n?/m, "") }).toEqual({ dir: result.dir, code: 0, output: "" });
  });
});
