/**
 * Which tests gate each build module's candidates (behaviour stage): the
 * user's handwritten test files — bun's test naming (`*.test.ts`,
 * `*_test.ts`, `*.spec.ts`, `*_spec.ts`), outside generated folders — that
 * import its spec module directly or through handwritten files and barrels
 * (relative paths, tsconfig `paths`, `#imports`, workspace packages:
 * discovery's resolver), and the generated test modules still fresh that
 * depend on it (a regression suite). A test that also reaches other spec
 * modules gates a module only when those are fresh or built before it (its
 * dependencies). Tests are read, never run, here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DiskProbe } from "../discovery/disk-probe.ts";
import { ProjectResolver } from "../discovery/project-resolver.ts";
import type { GatingTest } from "../generation/types.ts";
import type { Plan } from "../graph/plan-types.ts";
import { transpilerFor } from "../support/transpilers.ts";

const TEST_FILE = /(?:[._](?:test|spec))\.(?:ts|tsx|mts|js|mjs)$/;
const SOURCE = /\.(?:ts|tsx|mts|js|mjs)$/;
/** Bounds on the walk, so a huge repository costs little. */
const MAX_FILES = 5000;
const MAX_DEPTH = 4;

function walkTests(root: string, generatedDir: string): string[] {
  const found: string[] = [];
  let seen = 0;
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_FILES) return;
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === generatedDir) continue;
        visit(rel);
      } else if (entry.isFile() && TEST_FILE.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(rel);
    }
  };
  visit("");
  return found.sort();
}

function importsOf(root: string, file: string): string[] {
  try {
    const text = readFileSync(path.join(root, file), "utf8");
    const loader = file.endsWith(".tsx") ? "tsx" : file.endsWith(".js") || file.endsWith(".mjs") ? "js" : "ts";
    return transpilerFor(loader).scan(text).imports.map((i) => i.path);
  } catch {
    return []; // a test that does not parse gates nothing (bun test reports it)
  }
}

/** Build module id → the tests that gate it. */
export function gatingTestsByModule(plan: Plan): Map<string, GatingTest[]> {
  const out = new Map<string, GatingTest[]>();
  const add = (module: string, test: GatingTest) => out.set(module, [...(out.get(module) ?? []), test]);
  const specModules = new Map(plan.modules.filter((m) => m.kind === "build").map((m) => [m.file, m.id]));
  const generatedFiles = new Set(plan.modules.map((m) => m.generatedFile));
  const resolver = new ProjectResolver(plan.root, new Set(), new DiskProbe(plan.root));
  const reach = new Map<string, Set<string>>();
  // Spec modules a file reaches through handwritten files (not through other spec modules or generated files).
  const reached = (file: string, depth: number, trail: Set<string>): Set<string> => {
    const memo = reach.get(file);
    if (memo) return memo;
    const modules = new Set<string>();
    if (depth > MAX_DEPTH || trail.has(file)) return modules;
    trail.add(file);
    for (const specifier of importsOf(plan.root, file)) {
      const target = resolver.resolve(file, specifier);
      if (!target || generatedFiles.has(target) || !SOURCE.test(target)) continue;
      const spec = specModules.get(target);
      if (spec) modules.add(spec);
      else for (const m of reached(target, depth + 1, trail)) modules.add(m);
    }
    trail.delete(file);
    reach.set(file, modules);
    return modules;
  };
  const byId = new Map(plan.modules.map((m) => [m.id, m]));
  const dependencies = (id: string): Set<string> => {
    const out = new Set<string>();
    const stack = [...(byId.get(id)?.dependsOn ?? [])];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (out.has(next)) continue;
      out.add(next);
      stack.push(...(byId.get(next)?.dependsOn ?? []));
    }
    return out;
  };
  for (const file of walkTests(plan.root, plan.config.paths.generatedDir)) {
    if (generatedFiles.has(file)) continue;
    const modules = reached(file, 0, new Set());
    for (const module of modules) {
      // The test's other spec modules must be there when this one's candidate runs: fresh, or built before it (its dependencies).
      const before = dependencies(module);
      const ready = [...modules].every((other) => other === module || before.has(other) || byId.get(other)?.status === "fresh");
      if (ready) add(module, { file, origin: "handwritten" });
    }
  }
  for (const test of plan.modules) {
    if (test.kind !== "test" || test.status !== "fresh") continue;
    for (const module of test.dependsOn) add(module, { file: test.generatedFile, origin: "generated" });
  }
  return out;
}
