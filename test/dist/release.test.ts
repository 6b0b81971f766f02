/**
 * Release artifacts for the host target (cross targets download runtimes from
 * the registry, so tests never build them): archive, SHA256SUMS, Homebrew
 * formula, and the npm package installed offline from its tarball.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildRelease, type ReleaseManifest } from "../../build.ts";
import { sha256File } from "../../packaging/archive.ts";
import { renderFormula } from "../../packaging/homebrew.ts";
import { hostTarget } from "../../packaging/targets.ts";
import { runJaunt } from "../support/cli.ts";
import { compiledJaunt, TEST_VERSION } from "./compiled-binary.ts";

const RELEASE_URL = "https://example.test/jaunt/releases/download/v{version}";
const outdir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-")));
let manifest: ReleaseManifest;

beforeAll(async () => {
  const host = hostTarget();
  if (!host) throw new Error("no host target");
  const binary = await compiledJaunt();
  manifest = await buildRelease({
    targets: [host],
    outdir,
    releaseUrl: RELEASE_URL,
    version: TEST_VERSION,
    executables: { [`${host.os}-${host.arch}`]: binary },
  });
}, 180_000);
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const unpack = (archive: string, into: string): void => {
  fs.mkdirSync(into, { recursive: true });
  const command = archive.endsWith(".zip") ? ["unzip", "-q", archive, "-d", into] : ["tar", "-xzf", archive, "-C", into];
  expect(Bun.spawnSync(command).exitCode).toBe(0);
};

describe("release artifacts (host target)", () => {
  test("the archive holds a working executable and is named jaunt-<version>-<os>-<arch>", async () => {
    const [artifact] = manifest.artifacts;
    if (!artifact) throw new Error("no artifact");
    expect(path.basename(artifact.archive)).toBe(`jaunt-${TEST_VERSION}-${artifact.target.os}-${artifact.target.arch}.tar.gz`);
    const into = path.join(outdir, "unpacked");
    unpack(artifact.archive, into);
    const result = await runJaunt(["--version"], { cwd: into, binary: path.join(into, "jaunt") });
    expect(result).toMatchObject({ exitCode: 0, stdout: `${TEST_VERSION}\n` });
    expect(fs.existsSync(path.join(outdir, "jaunt"))).toBe(true);
  });

  test("SHA256SUMS lists every archive and tarball with its real digest", async () => {
    const lines = fs.readFileSync(manifest.checksums, "utf8").trim().split("\n");
    const listed = new Map(lines.map((line) => [line.slice(66), line.slice(0, 64)]));
    const files = [...manifest.artifacts.map((a) => a.archive), manifest.npmTarball, manifest.runtimeTarball];
    expect(listed.size).toBe(files.length);
    for (const file of files) {
      if (!file) throw new Error("missing tarball");
      expect(listed.get(path.basename(file))).toBe(await sha256File(file));
    }
  });

  test("the Homebrew formula points at each archive under the release URL with its sha256", () => {
    if (!manifest.formula) throw new Error("no formula");
    const formula = fs.readFileSync(manifest.formula, "utf8");
    expect(formula).toContain(`version "${TEST_VERSION}"`);
    for (const artifact of manifest.artifacts) {
      const url = `https://example.test/jaunt/releases/download/v${TEST_VERSION}/${path.basename(artifact.archive)}`;
      expect(formula).toContain(`url "${url}"\n      sha256 "${artifact.sha256}"`);
    }
    expect(formula).toContain('bin.install "jaunt"');
  });

  test("the runtime tarball is @jaunt/runtime with its Node build", () => {
    if (!manifest.runtimeTarball) throw new Error("no runtime tarball");
    const into = path.join(outdir, "runtime-unpacked");
    unpack(manifest.runtimeTarball, into);
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(into, "package/package.json"), "utf8"));
    expect(pkg).toMatchObject({ name: "@jaunt/runtime" });
    expect(fs.existsSync(path.join(into, "package/dist/index.js"))).toBe(true);
  });

  test("the npm tarball installs offline and its bin runs (bunx-style)", async () => {
    if (!manifest.npmTarball) throw new Error("no npm tarball");
    const project = path.join(outdir, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), '{ "name": "consumer", "private": true }\n');
    // A dead registry: installing must not need the network (zero runtime dependencies).
    const offline = { BUN_CONFIG_REGISTRY: "http://127.0.0.1:9/", NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/" };
    const add = Bun.spawnSync([process.execPath, "add", manifest.npmTarball], { cwd: project, env: { ...process.env, ...offline } });
    expect(add.exitCode, add.stderr.toString()).toBe(0);
    const bin = path.join(project, "node_modules/.bin/jaunt");
    const version = await runJaunt(["--version"], { cwd: project, binary: bin });
    expect(version).toMatchObject({ exitCode: 0, stdout: `${TEST_VERSION}\n` });
    const work = path.join(project, "work");
    fs.mkdirSync(work);
    const skill = await runJaunt(["skill", "export"], { cwd: work, binary: bin });
    expect(skill.exitCode, skill.stderr).toBe(0);
    expect(fs.readFileSync(path.join(work, ".jaunt/skill/SKILL.md"), "utf8")).toContain("Jaunt");
  });
});

describe("renderFormula", () => {
  test("groups macOS and Linux archives by CPU", async () => {
    const text = await renderFormula({
      version: "1.2.3",
      releaseUrl: "https://github.com/acme/jaunt/releases/download/v{version}/",
      archives: [
        { os: "darwin", arch: "arm64", name: "jaunt-1.2.3-darwin-arm64.tar.gz", sha256: "a".repeat(64) },
        { os: "darwin", arch: "x64", name: "jaunt-1.2.3-darwin-x64.tar.gz", sha256: "b".repeat(64) },
        { os: "linux", arch: "x64", name: "jaunt-1.2.3-linux-x64.tar.gz", sha256: "c".repeat(64) },
      ],
    });
    expect(text).toContain('homepage "https://github.com/acme/jaunt"');
    expect(text).toMatch(/on_macos do\n {4}on_arm do\n {6}url "https:\/\/github.com\/acme\/jaunt\/releases\/download\/v1.2.3\/jaunt-1.2.3-darwin-arm64.tar.gz"/);
    expect(text).toContain(`on_intel do\n      url "https://github.com/acme/jaunt/releases/download/v1.2.3/jaunt-1.2.3-linux-x64.tar.gz"\n      sha256 "${"c".repeat(64)}"`);
    expect(text).not.toContain("{{");
  });
});
