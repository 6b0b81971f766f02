/**
 * Release artifacts for the host target (cross targets download runtimes from
 * the registry, so tests never build them): archive, SHA256SUMS, Homebrew
 * formula, and the `@jaunt/cli` + `@jaunt/runtime` packages installed by name
 * from a local registry serving their tarballs (no network).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildRelease, type ReleaseManifest } from "../../build.ts";
import { sha256File } from "../../packaging/archive.ts";
import { releaseUrlFromRepository, renderFormula } from "../../packaging/homebrew.ts";
import { hostTarget } from "../../packaging/targets.ts";
import { runJaunt } from "../support/cli.ts";
import { startLocalRegistry } from "../support/local-registry.ts";
import { expectReadmeLinksInside } from "../support/readme-links.ts";
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
    expect(fs.readFileSync(path.join(into, "LICENSE"), "utf8")).toContain("MIT License");
    expectReadmeLinksInside(into);
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

  test("the runtime tarball is @jaunt/runtime with its Node build, LICENSE and a README whose links resolve inside it", () => {
    if (!manifest.runtimeTarball) throw new Error("no runtime tarball");
    const into = path.join(outdir, "runtime-unpacked");
    unpack(manifest.runtimeTarball, into);
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(into, "package/package.json"), "utf8"));
    // Stamped with the release version: `jaunt init` of the same release writes `^<version>`.
    expect(pkg).toMatchObject({ name: "@jaunt/runtime", version: TEST_VERSION });
    expect(fs.existsSync(path.join(into, "package/dist/index.js"))).toBe(true);
    expect(fs.existsSync(path.join(into, "package/LICENSE"))).toBe(true);
    expectReadmeLinksInside(path.join(into, "package"));
  });

  test("the CLI tarball is @jaunt/cli with the bin jaunt, schema/, LICENSE and a README whose links resolve inside it", () => {
    if (!manifest.npmTarball) throw new Error("no npm tarball");
    expect(path.basename(manifest.npmTarball)).toBe(`jaunt-cli-${TEST_VERSION}.tgz`);
    const into = path.join(outdir, "cli-unpacked");
    unpack(manifest.npmTarball, into);
    const root = path.join(into, "package");
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg).toMatchObject({ name: "@jaunt/cli", version: TEST_VERSION, bin: { jaunt: "bin/main.js" } });
    expect(JSON.parse(fs.readFileSync(path.join(root, "schema/jaunt.schema.json"), "utf8"))).toMatchObject({ type: "object" });
    expect(fs.existsSync(path.join(root, "LICENSE"))).toBe(true);
    expectReadmeLinksInside(root);
  });

  test("bun add -d @jaunt/cli, bunx jaunt --version, jaunt init's runtime dependency installs; bunx --package works uninstalled", async () => {
    if (!manifest.npmTarball || !manifest.runtimeTarball) throw new Error("no tarballs");
    const registry = startLocalRegistry([manifest.npmTarball, manifest.runtimeTarball]);
    try {
      const env = { ...process.env, ...registry.env(path.join(outdir, "bun-cache")), NO_COLOR: "1" };
      const project = path.join(outdir, "consumer");
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, "package.json"), '{ "name": "consumer", "private": true, "type": "module" }\n');
      // Async: the registry answers from this process, so a blocking spawn would deadlock.
      const bun = async (args: string[], cwd = project) => {
        const child = Bun.spawn([process.execPath, ...args], { cwd, env, stdout: "pipe", stderr: "pipe" });
        const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
        return { exitCode, stdout, stderr };
      };

      const add = await bun(["add", "-d", "@jaunt/cli"]);
      expect(add.exitCode, add.stderr).toBe(0);
      expect(await bun(["x", "jaunt", "--version"])).toMatchObject({ exitCode: 0, stdout: `${TEST_VERSION}\n` });

      const init = await bun(["x", "jaunt", "init"]);
      expect(init.exitCode, init.stderr).toBe(0);
      const written: unknown = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
      expect(written).toMatchObject({ dependencies: { "@jaunt/runtime": `^${TEST_VERSION}` }, devDependencies: { "@jaunt/cli": expect.any(String) } });
      const install = await bun(["install"]);
      expect(install.exitCode, install.stderr).toBe(0);
      const runtime: unknown = JSON.parse(fs.readFileSync(path.join(project, "node_modules/@jaunt/runtime/package.json"), "utf8"));
      expect(runtime).toMatchObject({ version: TEST_VERSION });

      const elsewhere = path.join(outdir, "no-install");
      fs.mkdirSync(elsewhere);
      expect(await bun(["x", "--package", "@jaunt/cli", "jaunt", "--version"], elsewhere)).toMatchObject({ exitCode: 0, stdout: `${TEST_VERSION}\n` });
      expect(registry.requested).not.toContain("jaunt");
    } finally {
      await registry.stop();
    }
  }, 60_000);

  test("without --release-url or a repository there is no Homebrew formula, and no placeholder URL anywhere", async () => {
    const host = hostTarget();
    if (!host) throw new Error("no host target");
    // A stand-in executable: packing the real 100 MB one again would only cost time.
    const stub = path.join(outdir, "stub-jaunt");
    fs.writeFileSync(stub, "#!/bin/sh\necho stub\n");
    const lines: string[] = [];
    const bare = await buildRelease({
      targets: [host],
      outdir: path.join(outdir, "bare"),
      releaseUrl: undefined,
      version: TEST_VERSION,
      packages: false,
      executables: { [`${host.os}-${host.arch}`]: stub },
      log: (line) => lines.push(line),
    });
    expect(bare.formula).toBeUndefined();
    expect(fs.existsSync(path.join(outdir, "bare/release/jaunt.rb"))).toBe(false);
    expect(lines.join("\n")).toContain("no Homebrew formula: pass --release-url");
  }, 30_000);
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

  test("refuses a placeholder owner", async () => {
    const archives = [{ os: "linux", arch: "x64", name: "jaunt-1.2.3-linux-x64.tar.gz", sha256: "c".repeat(64) }] as const;
    for (const releaseUrl of ["https://github.com/OWNER/jaunt/releases/download/v{version}", "https://github.com/<owner>/jaunt/releases/download/v{version}"]) {
      await expect(renderFormula({ version: "1.2.3", releaseUrl, archives })).rejects.toThrow("placeholder");
    }
  });

  test("the release URL follows package.json `repository` on GitHub, in every spelling", () => {
    const expected = "https://github.com/acme/jaunt/releases/download/v{version}";
    for (const repository of ["acme/jaunt", "github:acme/jaunt", "https://github.com/acme/jaunt", "git+https://github.com/acme/jaunt.git", "git@github.com:acme/jaunt.git", { type: "git", url: "https://github.com/acme/jaunt.git" }]) {
      expect(releaseUrlFromRepository(repository)).toBe(expected);
    }
    expect(releaseUrlFromRepository(undefined)).toBeUndefined();
    expect(releaseUrlFromRepository("https://gitlab.com/acme/jaunt")).toBeUndefined();
  });
});
