/**
 * Reproducible synthetic Jaunt projects for planning benchmarks.
 *
 *   bun bench/synthetic-project.ts <dir> [--modules 1000] [--seed 1] [--fresh]
 *
 * N source modules in folders of 25 (`src/gNN/mNNNN.ts`), each with 1–4
 * function specs; module i imports specs of up to 3 earlier modules (a random
 * DAG) and its specs call them. `--fresh` also writes generated files with
 * correct headers, computed by running the planner itself once.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SyntheticOptions {
  readonly dir: string;
  readonly modules: number;
  readonly seed: number;
  /** Write generated files with correct headers (everything fresh). */
  readonly fresh: boolean;
}

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function moduleFile(i: number): string {
  return `src/g${String(Math.floor(i / 25)).padStart(2, "0")}/m${String(i).padStart(4, "0")}.ts`;
}

function specSource(i: number, s: number, calls: readonly string[]): string {
  const name = `spec${i}_${s}`;
  const uses = calls.length > 0 ? `\n * Builds on ${calls.join(", ")}.` : "";
  const body = calls.map((c) => `  void ${c};\n`).join("");
  return `/**
 * Synthetic spec ${name}: transform the input string deterministically.${uses}
 * @param input any string
 * @returns the transformed string
 */
export const ${name} = jaunt.magic(function ${name}(input: string, times: number = 1): string {
${body}  return jaunt.todo();
});
`;
}

/** Write the project; returns the spec file paths (project-relative). */
export async function generateProject(options: SyntheticOptions): Promise<string[]> {
  const random = prng(options.seed);
  const specsOf: string[][] = [];
  const files: string[] = [];
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(path.join(options.dir, "jaunt.toml"), `version = 1\n[paths]\nsource_roots = ["src"]\ntest_roots = ["tests"]\n[llm]\nmodel = "bench-model"\n`);
  for (let i = 0; i < options.modules; i += 1) {
    const count = 1 + Math.floor(random() * 4);
    const names = Array.from({ length: count }, (_, s) => `spec${i}_${s}`);
    specsOf.push(names);
    const depModules = new Set<number>();
    const wanted = i === 0 ? 0 : Math.floor(random() * 4);
    for (let k = 0; k < wanted; k += 1) depModules.add(Math.floor(random() * i));
    const file = moduleFile(i);
    const imports: string[] = [];
    const available: string[] = [];
    for (const j of [...depModules].sort((a, b) => a - b)) {
      const target = specsOf[j] ?? [];
      const name = target[Math.floor(random() * target.length)];
      if (name === undefined) continue;
      const rel = path.posix.relative(path.posix.dirname(file), moduleFile(j).replace(/\.ts$/, ""));
      imports.push(`import { ${name} } from "${rel.startsWith(".") ? rel : `./${rel}`}";\n`);
      available.push(name);
    }
    const specs = names.map((_, s) => specSource(i, s, available.filter(() => random() < 0.7)));
    const text = `import * as jaunt from "@jaunt/runtime";\n${imports.join("")}\n${specs.join("\n")}`;
    mkdirSync(path.join(options.dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(options.dir, file), text);
    files.push(file);
  }
  if (options.fresh) await writeFreshHeaders(options.dir);
  return files;
}

/** Plan the project once and write every generated file with its correct header. */
export async function writeFreshHeaders(dir: string): Promise<void> {
  const { loadConfig } = await import("../src/config/load.ts");
  const { planProject } = await import("../src/graph/plan.ts");
  const { renderHeader } = await import("../src/generated/header.ts");
  const { VERSION } = await import("../src/version.ts");
  const plan = await planProject({ config: await loadConfig({ root: dir }), cache: false });
  for (const m of plan.modules) {
    const header = renderHeader({ toolVersion: VERSION, kind: m.kind, sourceModule: m.id, moduleDigest: m.digest, specRefs: m.specRefs });
    const names = m.specRefs.map((ref) => ref.slice(ref.indexOf(":") + 1));
    const body = names.map((n) => `export function ${n}(input: string): string {\n  return input;\n}\n`).join("\n");
    mkdirSync(path.join(dir, path.dirname(m.generatedFile)), { recursive: true });
    writeFileSync(path.join(dir, m.generatedFile), `${header}\n${body}`);
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const dir = args[0];
  if (dir === undefined || dir.startsWith("-")) {
    console.error("usage: bun bench/synthetic-project.ts <dir> [--modules N] [--seed S] [--fresh]");
    process.exit(2);
  }
  const flag = (name: string, fallback: number): number => {
    const index = args.indexOf(name);
    return index === -1 ? fallback : Number(args[index + 1]);
  };
  const files = await generateProject({ dir: path.resolve(dir), modules: flag("--modules", 1000), seed: flag("--seed", 1), fresh: args.includes("--fresh") });
  console.log(`wrote ${files.length} spec modules to ${dir}`);
}
