/**
 * Temp projects and ready-made inputs for generation tests. The project gets a
 * tiny stand-in for `@jaunt/runtime` (just the `magic`/`test`/`todo` types) so
 * type checks do not depend on the runtime's progress, and `@types/bun`.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LlmConfig } from "../../src/config/types.ts";
import { packagedPrompt } from "../../src/assets/prompts.ts";
import type { GenerationInput, GenerationSettings } from "../../src/generation/types.ts";
import { REPO_ROOT } from "./cli.ts";

const RUNTIME_STUB = `export function magic<F extends Function>(fn: F): F;
export function magic<F extends Function>(options: { deps?: unknown[]; prompt?: string }, fn: F): F;
export function magic(options?: { deps?: unknown[]; prompt?: string }): <C extends Function>(target: C, context?: { readonly kind: "class" }) => C;
export function magic(...args: unknown[]): unknown { return args[args.length - 1]; }
export function test<F extends Function>(fn: F): F { return fn; }
export function todo(): never { throw new Error("todo"); }
`;

export const TSCONFIG = {
  compilerOptions: { target: "ESNext", lib: ["ESNext"], module: "Preserve", moduleResolution: "bundler", types: ["bun"], strict: true, noUncheckedIndexedAccess: true, noEmit: true, skipLibCheck: true },
};

export interface SpecProject {
  readonly root: string;
  write(file: string, text: string): void;
  cleanup(): void;
}

export function createSpecProject(files: Readonly<Record<string, string>> = {}, options: { tsconfig?: boolean } = {}): SpecProject {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "jaunt-")));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write("node_modules/@jaunt/runtime/package.json", JSON.stringify({ name: "@jaunt/runtime", type: "module", exports: { ".": "./index.ts" } }));
  write("node_modules/@jaunt/runtime/index.ts", RUNTIME_STUB);
  mkdirSync(path.join(root, "node_modules/@types"), { recursive: true });
  symlinkSync(realpathSync(path.join(REPO_ROOT, "node_modules/@types/bun")), path.join(root, "node_modules/@types/bun"));
  if (options.tsconfig !== false) write("tsconfig.json", JSON.stringify(TSCONFIG, null, 2));
  write("jaunt.toml", "version = 1\n");
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { root, write, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export const SLUG_SPEC = `import * as jaunt from "@jaunt/runtime";

/**
 * Turn a title into a URL slug.
 * - lowercase ASCII; every run of other characters becomes one "-"
 * - no leading or trailing "-"
 * @throws {RangeError} when nothing is left of the title
 */
export const slugify = jaunt.magic(function slugify(title: string): string {
  return jaunt.todo();
});

/** An LRU cache with a fixed capacity. */
export class LruCache<K, V> {
  constructor(readonly capacity: number) {}
  /** Most recently used first. */
  get(key: K): V | undefined { return jaunt.todo(); }
  set(key: K, value: V): void {}
}
`;

export const SLUG_GOOD = `export function slugify(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug === "") throw new RangeError("nothing left of the title");
  return slug;
}

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
`;

export function slugInput(overrides: Partial<GenerationInput> = {}): GenerationInput {
  return {
    kind: "build",
    module: "src/slug",
    specFile: "src/slug.ts",
    generatedFile: "src/__generated__/slug.ts",
    specSource: SLUG_SPEC,
    specs: [
      { ref: "src/slug:slugify", name: "slugify", kind: "function", text: SLUG_SPEC.slice(SLUG_SPEC.indexOf("/**"), SLUG_SPEC.indexOf("/** An LRU")) },
      { ref: "src/slug:LruCache", name: "LruCache", kind: "class", text: SLUG_SPEC.slice(SLUG_SPEC.indexOf("/** An LRU")), members: ["capacity", "get", "set"] },
    ],
    dependencies: [],
    handwrittenImports: [],
    ...overrides,
  };
}

export function testLlmConfig(overrides: Partial<LlmConfig> = {}): LlmConfig {
  return {
    provider: "openai",
    model: "gpt-4o-mini",
    apiKeyEnv: "JAUNT_TEST_KEY",
    baseUrl: undefined,
    timeoutSeconds: 5,
    maxRetries: 3,
    temperature: 0,
    maxTokens: undefined,
    prices: {},
    batchDiscount: 0.5,
    gateModel: undefined,
    ...overrides,
  };
}

export const TEST_KEY = "sk-test-SECRET-0123456789abcdef";

export function testSettings(root: string, baseUrl: string, overrides: Partial<GenerationSettings> = {}, llm: Partial<LlmConfig> = {}): GenerationSettings {
  return {
    root,
    llm: testLlmConfig({ baseUrl, ...llm }),
    attempts: 2,
    offline: false,
    prompts: {
      build_system: packagedPrompt("build_system"),
      build_module: packagedPrompt("build_module"),
      test_system: packagedPrompt("test_system"),
      test_module: packagedPrompt("test_module"),
    },
    backoff: { baseMs: 5, maxMs: 20, retryAfterCapMs: 300 },
    env: { JAUNT_TEST_KEY: TEST_KEY },
    ...overrides,
  };
}
