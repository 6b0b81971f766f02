/**
 * The setup most CLI end-to-end test files share: one fake LLM server for the
 * file (started when the file loads, stopped after its tests) and temp projects
 * whose jaunt.toml points at it (removed after the file's tests).
 */
import { afterAll } from "bun:test";
import { startFakeLlm, type FakeLlm, type FakeLlmOptions } from "../support/fake-llm.ts";
import { createE2eProject, IMPLEMENTATIONS, jauntToml, SPECS, type E2eProject } from "./project.ts";

export interface LlmProjects {
  /** The file's fake LLM server. */
  readonly llm: FakeLlm;
  /** A temp project with `files` (default: the four specs) and a jaunt.toml for the server, plus `extraToml`. */
  project(files?: Readonly<Record<string, string>>, extraToml?: string): E2eProject;
}

/** Register the hooks for the calling test file; `options` default to answering every module of SPECS. */
export function llmProjects(options: FakeLlmOptions = { defaults: IMPLEMENTATIONS }): LlmProjects {
  const llm = startFakeLlm(options);
  const projects: E2eProject[] = [];
  afterAll(async () => {
    await llm.stop();
    for (const project of projects) project.cleanup();
  });
  return {
    llm,
    project(files = SPECS, extraToml = "") {
      const created = createE2eProject({ ...files, "jaunt.toml": jauntToml(llm.url, extraToml) });
      projects.push(created);
      return created;
    },
  };
}
