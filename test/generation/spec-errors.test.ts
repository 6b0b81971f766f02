/**
 * Errors no candidate can fix are not charged to the model: a type error in
 * the spec module is a spec error (exit 2, at its line, in TypeScript's
 * words) and JSX without the project's `jsx` option is a config error, both
 * before or instead of a retry.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { JauntConfigError, JauntDiscoveryError } from "@jaunt/runtime";
import { assertJsxEnabled } from "../../src/generation/validate/jsx-option.ts";
import { validateCandidate } from "../../src/generation/validate/validate-candidate.ts";
import { createSpecProject, SLUG_GOOD, SLUG_SPEC, slugInput, TSCONFIG, type SpecProject } from "../support/generation-project.ts";

const fenced = (code: string) => `\`\`\`ts\n${code}\`\`\``;

async function thrown(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("errors in the spec module", () => {
  let project: SpecProject;
  beforeAll(() => {
    project = createSpecProject({ "src/slug.ts": SLUG_SPEC.replace("/** An LRU", 'export const LIMIT: number = "ten";\n\n/** An LRU') });
  });
  afterAll(() => project.cleanup());

  test("stop validation as a spec error at the spec's line, whatever the candidate", async () => {
    const error = await thrown(validateCandidate(fenced(SLUG_GOOD), slugInput({ specSource: SLUG_SPEC }), { root: project.root }));
    expect(error).toBeInstanceOf(JauntDiscoveryError);
    if (!(error instanceof JauntDiscoveryError)) return;
    expect(error.code).toBe("discovery.spec_type_error");
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^the spec module does not type-check, so no implementation can: src\/slug\.ts:\d+:14: error TS2322: Type 'string' is not assignable to type 'number'\.$/);
    expect(error.location?.file).toBe("src/slug.ts");
    expect(error.hint).toContain("fix src/slug.ts first");
  });
});

test("a stub's unused parameters under noUnusedParameters are reported with the way out", async () => {
  const project = createSpecProject({ "src/slug.ts": SLUG_SPEC, "tsconfig.json": JSON.stringify({ compilerOptions: { ...TSCONFIG.compilerOptions, noUnusedParameters: true } }) });
  try {
    const error = await thrown(validateCandidate(fenced(SLUG_GOOD), slugInput(), { root: project.root }));
    expect(error).toBeInstanceOf(JauntDiscoveryError);
    expect(error instanceof JauntDiscoveryError ? error.message : "").toContain("error TS6133: 'title' is declared but its value is never read.");
    expect(error instanceof JauntDiscoveryError ? error.hint : "").toContain("name them with a leading _");
  } finally {
    project.cleanup();
  }
}, 30_000);

describe("JSX needs the project's jsx option", () => {
  test("a .tsx module under a tsconfig without jsx is a config error naming the file and the fix", async () => {
    const project = createSpecProject({});
    try {
      const error = await thrown(assertJsxEnabled(project.root, ["src/badge.tsx", "src/slug.ts"]));
      expect(error).toBeInstanceOf(JauntConfigError);
      if (!(error instanceof JauntConfigError)) return;
      expect(error.code).toBe("config.jsx_not_enabled");
      expect(error.message).toBe('src/badge.tsx holds JSX, but the project\'s TypeScript settings do not enable it ("jsx" is not set in tsconfig.json): TypeScript would reject every implementation (TS17004)');
      expect(error.hint).toContain('set "jsx" in compilerOptions of tsconfig.json');
    } finally {
      project.cleanup();
    }
  });

  test("jsx set through extends, a nearer tsconfig, or no .tsx module at all: nothing to report", async () => {
    const project = createSpecProject({
      "tsconfig.base.json": JSON.stringify({ compilerOptions: { jsx: "react-jsx" } }),
      "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json", compilerOptions: TSCONFIG.compilerOptions }),
      "web/tsconfig.json": JSON.stringify({ compilerOptions: { jsx: "preserve" } }),
    });
    try {
      await assertJsxEnabled(project.root, ["src/badge.tsx", "src/__generated__/badge.tsx", "web/view.tsx"]);
      await assertJsxEnabled(project.root, ["src/slug.ts"]);
      project.write("web/tsconfig.json", JSON.stringify({ compilerOptions: {} }));
      expect(await thrown(assertJsxEnabled(project.root, ["web/view.tsx"]))).toBeInstanceOf(JauntConfigError);
    } finally {
      project.cleanup();
    }
  });
});
