/**
 * A Node app compiled by tsc with `module: NodeNext`: `jaunt build` writes
 * generated code that imports the other spec with `.js` (the project's style,
 * from its tsconfig), rejects an extensionless answer by name, and the tsc
 * output runs on Node as ESM and, after switching the package to CommonJS, as CJS.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { buildRuntime } from "../../runtime/build.ts";
import { REPO_ROOT } from "../support/cli.ts";
import { fence, startFakeLlm, type FakeLlm } from "../support/fake-llm.ts";
import { createE2eProject, jauntToml, type E2eProject } from "./project.ts";

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    types: [],
    strict: true,
    skipLibCheck: true,
    rootDir: "src",
    outDir: "dist",
  },
  include: ["src"],
};

const SPECS = {
  "src/duration.ts": `import * as jaunt from "@jaunt/runtime";

/** Parse "1h30m", "45s" or "2m" into milliseconds. @throws {RangeError} on anything else. */
export const parseDuration = jaunt.magic(function parseDuration(text: string): number {
  return jaunt.todo();
});
`,
  "src/format.ts": `import * as jaunt from "@jaunt/runtime";
import { parseDuration } from "./duration.js";

/** Milliseconds as "1h 30m 0s". */
export const formatDuration = jaunt.magic(function formatDuration(ms: number): string {
  return jaunt.todo();
});

/** parseDuration(text), then formatDuration. */
export const normalizeDuration = jaunt.magic(function normalizeDuration(text: string): string {
  parseDuration(text);
  return jaunt.todo();
});
`,
  "src/main.ts": `import { parseDuration } from "./duration.js";
import { normalizeDuration } from "./format.js";

console.log(JSON.stringify({ ms: parseDuration("1h30m"), normalized: normalizeDuration("90m"), name: normalizeDuration.name }));
`,
};

const DURATION_GOOD = `export function parseDuration(text: string): number {
  const match = /^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$/.exec(text);
  if (!match || text === "") throw new RangeError(\`not a duration: \${text}\`);
  const [, h, m, s] = match;
  return ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000;
}
`;

const formatCode = (specifier: string): string => `import { parseDuration } from "${specifier}";

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return \`\${Math.floor(total / 3600)}h \${Math.floor((total % 3600) / 60)}m \${total % 60}s\`;
}

export function normalizeDuration(text: string): string {
  return formatDuration(parseDuration(text));
}
`;

let llm: FakeLlm;
let project: E2eProject;

beforeAll(async () => {
  llm = startFakeLlm({ defaults: { "src/duration": DURATION_GOOD, "src/format": formatCode("../duration.js") } });
  project = createE2eProject({ ...SPECS, "jaunt.toml": jauntToml(llm.url), "tsconfig.json": JSON.stringify(TSCONFIG, null, 2) });
  // A packed-looking @jaunt/runtime (package.json, source, Node bundles) instead of the workspace link.
  const runtime = path.join(project.root, "node_modules/@jaunt/runtime");
  fs.unlinkSync(runtime);
  fs.mkdirSync(runtime);
  fs.copyFileSync(path.join(REPO_ROOT, "runtime/package.json"), path.join(runtime, "package.json"));
  fs.cpSync(path.join(REPO_ROOT, "runtime/src"), path.join(runtime, "src"), { recursive: true });
  await buildRuntime(path.join(runtime, "dist"));
});
afterAll(async () => {
  await llm.stop();
  project.cleanup();
});

/** tsc with the repo's TypeScript; its errors except those inside node_modules (the runtime's own types are checked elsewhere). */
function tsc(outDir: string): string[] {
  const run = Bun.spawnSync(["node", path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", ".", "--outDir", outDir, "--pretty", "false"], { cwd: project.root });
  return run.stdout.toString().split("\n").filter((line) => line.includes("error TS") && !line.startsWith("node_modules/"));
}

function node(main: string): { stdout: string; stderr: string; exitCode: number } {
  const run = Bun.spawnSync(["node", main], { cwd: project.root });
  return { stdout: run.stdout.toString(), stderr: run.stderr.toString(), exitCode: run.exitCode };
}

describe("Node ESM/CJS with tsc NodeNext output", () => {
  test("build: prompts list .js specifiers, an extensionless answer is rejected by name, the retry is written", async () => {
    llm.script("src/format", [fence(formatCode("../duration"))]);
    const result = await project.jaunt(["build"]);
    expect(result.exitCode, result.stderr).toBe(0);

    const [first, retry] = llm.requestsFor("src/format").map((r) => r.messages.map((m) => m.content).join("\n"));
    expect(first).toContain('import from `"../duration.js"`');
    expect(first).toMatch(/Allowed imports\n[^\n]*`"\.\.\/duration\.js"`/);
    expect(first).not.toContain('"../duration"');
    expect(retry).toContain("jaunt/specifier-style");
    expect(retry).toContain('write "../duration.js"');
    expect(project.read("src/__generated__/format.ts")).toContain('from "../duration.js"');
  }, 30_000);

  test("tsc NodeNext output runs on Node as ESM, and as CommonJS", () => {
    expect(tsc("dist")).toEqual([]);
    const esm = node("dist/main.js");
    expect(esm.stderr).toBe("");
    expect(JSON.parse(esm.stdout)).toEqual({ ms: 5_400_000, normalized: "1h 30m 0s", name: "normalizeDuration" });

    project.write("package.json", JSON.stringify({ name: "e2e-project", private: true, type: "commonjs" }));
    expect(tsc("dist-cjs")).toEqual([]);
    expect(fs.readFileSync(path.join(project.root, "dist-cjs/__generated__/format.js"), "utf8")).toContain('require("../duration.js")');
    const cjs = node("dist-cjs/main.js");
    expect(cjs.stderr).toBe("");
    expect(JSON.parse(cjs.stdout)).toEqual({ ms: 5_400_000, normalized: "1h 30m 0s", name: "normalizeDuration" });
  }, 60_000);
});
