/**
 * What the benchmarks need to build a synthetic project (bench/synthetic-project.ts)
 * with the real CLI against the fake LLM server: the correct answer for each
 * module, computed from its spec file, and the project wiring (runtime and
 * Bun types in node_modules, tsconfig, jaunt.toml pointing at the server).
 * Correct answers mean validation, type check included, runs for real and
 * passes on the first attempt: one request per module.
 */
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The repository root (for `src/main.ts`, `runtime/` and `node_modules/`). */
export const REPO = path.resolve(import.meta.dir, "..");
/** The CLI entry point, run with `process.execPath`. */
export const CLI_MAIN = path.join(REPO, "src/main.ts");

/**
 * Correct code for `module` (a project-relative id like `src/g00/m0000`):
 * one function per spec, with the spec's signature.
 */
export function syntheticAnswer(dir: string, module: string): string {
  const source = readFileSync(path.join(dir, `${module}.ts`), "utf8");
  const names = [...source.matchAll(/export const (\w+) = jaunt\.magic/g)].map((match) => match[1]);
  return names.map((name) => `export function ${name}(input: string, times: number = 1): string {\n  return input.repeat(times);\n}\n`).join("\n");
}

/**
 * Make a generated synthetic project buildable by the real CLI: link the
 * runtime and Bun types, write a strict tsconfig and a jaunt.toml that points
 * at `llmUrl` (API key read from `BENCH_KEY`).
 */
export function wireSyntheticProject(dir: string, llmUrl: string, jobs: number): void {
  mkdirSync(path.join(dir, "node_modules/@jaunt"), { recursive: true });
  mkdirSync(path.join(dir, "node_modules/@types"), { recursive: true });
  symlinkSync(path.join(REPO, "runtime"), path.join(dir, "node_modules/@jaunt/runtime"));
  symlinkSync(realpathSync(path.join(REPO, "node_modules/@types/bun")), path.join(dir, "node_modules/@types/bun"));
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ESNext", lib: ["ESNext"], module: "Preserve", moduleResolution: "bundler", types: ["bun"], strict: true, noEmit: true, skipLibCheck: true } }),
  );
  writeFileSync(
    path.join(dir, "jaunt.toml"),
    `version = 1\n[paths]\nsource_roots = ["src"]\ntest_roots = ["tests"]\n[llm]\nmodel = "bench-model"\napi_key_env = "BENCH_KEY"\nbase_url = "${llmUrl}"\n[build]\njobs = ${jobs}\n`,
  );
}

/**
 * Environment for the spawned CLI: the fake key, no colors, and the project
 * trusted (its non-default api_key_env would otherwise be refused, as CI does
 * it: JAUNT_TRUST_PROJECT=1).
 */
export function cliEnv(): Record<string, string | undefined> {
  return { ...process.env, BENCH_KEY: "k", NO_COLOR: "1", JAUNT_TRUST_PROJECT: "1" };
}
