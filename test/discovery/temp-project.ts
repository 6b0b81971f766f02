/** Temporary Jaunt projects for discovery, graph and status tests (never inside the repo). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "../../src/config/load.ts";
import type { JauntConfig } from "../../src/config/types.ts";

export const DEFAULT_TOML = `version = 1
[paths]
source_roots = ["src"]
test_roots = ["tests"]
[llm]
model = "test-model"
`;

export interface TempProject {
  readonly root: string;
  write(file: string, text: string): void;
  read(file: string): string;
  remove(file: string): void;
  config(): JauntConfig;
  cleanup(): void;
}

export function tempProject(files: Readonly<Record<string, string>>, toml = DEFAULT_TOML): TempProject {
  const root = mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
  const write = (file: string, text: string): void => {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  write("jaunt.toml", toml);
  for (const [file, text] of Object.entries(files)) write(file, text);
  return {
    root,
    write,
    read: (file) => readFileSync(path.join(root, file), "utf8"),
    remove: (file) => rmSync(path.join(root, file), { force: true }),
    config: () => parseConfig(readFileSync(path.join(root, "jaunt.toml"), "utf8"), path.join(root, "jaunt.toml")),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export const RUNTIME_IMPORT = `import * as jaunt from "@jaunt/runtime";\n`;

/** A one-spec source module `export const <name> = jaunt.magic(function <name>(...) {...})`. */
export function fnSpec(name: string, doc = `Does ${name}.`, body = "return jaunt.todo();", extra = ""): string {
  return `/** ${doc} */\nexport const ${name} = jaunt.magic(function ${name}(x: string): string {\n  ${extra}${body}\n});\n`;
}

/** Write, for every module of `plan` (or the ids given), a generated file with a correct Jaunt header: a "fresh" build. */
export async function writeFreshGenerated(project: TempProject, plan: import("../../src/graph/plan-types.ts").Plan, ids?: readonly string[]): Promise<void> {
  const { renderHeader } = await import("../../src/generated/header.ts");
  const { VERSION } = await import("../../src/version.ts");
  for (const m of plan.modules) {
    if (ids && !ids.includes(m.id)) continue;
    const header = renderHeader({ toolVersion: VERSION, kind: m.kind, sourceModule: m.id, moduleDigest: m.digest, specRefs: m.specRefs });
    project.write(m.generatedFile, `${header}\nexport {};\n`);
  }
}
