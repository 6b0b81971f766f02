/**
 * Release build (DESIGN §9). `bun run build` compiles the host executable into
 * dist/; `bun build.ts --target all` cross-compiles every release target.
 *
 *   bun build.ts [--target host|all|linux-x64,…] [--outdir dist]
 *                [--release-url https://github.com/<owner>/<repo>/releases/download/v{version}]
 *                [--no-bytecode] [--no-packages]
 *
 * Writes:
 *   dist/jaunt                          host executable (when host is a target)
 *   dist/bin/<os>-<arch>/jaunt[.exe]    every target's executable
 *   dist/release/jaunt-<v>-<os>-<arch>.tar.gz (.zip for Windows)
 *   dist/release/jaunt-cli-<v>.tgz      npm package @jaunt/cli (bin `jaunt`)
 *   dist/release/jaunt-runtime-<v>.tgz  the @jaunt/runtime package
 *   dist/release/jaunt.rb               Homebrew formula (URLs + sha256 of the archives), only
 *                                       with a real release URL: --release-url, or package.json
 *                                       `repository` on GitHub
 *   dist/release/SHA256SUMS
 * See docs/releasing.md.
 */
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { sha256File, writeArchive, writeChecksums } from "./packaging/archive.ts";
import { compileJaunt, REPO_ROOT } from "./packaging/compile.ts";
import { releaseUrlFromRepository, renderFormula, type FormulaArchive } from "./packaging/homebrew.ts";
import { buildNpmPackage } from "./packaging/npm-package.ts";
import { buildRuntimePackage } from "./packaging/runtime-package.ts";
import { archiveName, executableName, hostTarget, parseTargets, type ReleaseTarget } from "./packaging/targets.ts";
import pkg from "./package.json" with { type: "json" };

export interface ReleaseOptions {
  readonly targets: readonly ReleaseTarget[];
  /** Absolute output folder. */
  readonly outdir: string;
  /** Where the archives will be downloadable (`{version}` is replaced); without it, no Homebrew formula. */
  readonly releaseUrl: string | undefined;
  /** package.json `repository` (for the npm package; default: this repo's package.json). */
  readonly repository?: unknown;
  readonly version?: string;
  readonly bytecode?: boolean;
  /** Also build the npm and runtime tarballs (default true). */
  readonly packages?: boolean;
  /** Already compiled executables by `<os>-<arch>` (tests reuse a cached one). */
  readonly executables?: Readonly<Record<string, string>>;
  readonly log?: (line: string) => void;
}

export interface ReleaseArtifact {
  readonly target: ReleaseTarget;
  readonly executable: string;
  readonly archive: string;
  readonly sha256: string;
}

export interface ReleaseManifest {
  readonly version: string;
  readonly artifacts: readonly ReleaseArtifact[];
  readonly npmTarball: string | undefined;
  readonly runtimeTarball: string | undefined;
  readonly formula: string | undefined;
  readonly checksums: string;
}

/** Compile, archive and package everything `options` asks for. */
export async function buildRelease(options: ReleaseOptions): Promise<ReleaseManifest> {
  const version = options.version ?? pkg.version;
  const log = options.log ?? (() => {});
  const releaseDir = path.join(options.outdir, "release");
  await rm(releaseDir, { recursive: true, force: true });
  await mkdir(releaseDir, { recursive: true });

  const artifacts: ReleaseArtifact[] = [];
  // One target at a time: each compile is CPU-heavy and cross targets download a runtime.
  for (const target of options.targets) {
    const key = `${target.os}-${target.arch}`;
    const outfile = path.join(options.outdir, "bin", key, executableName(target));
    const prebuilt = options.executables?.[key];
    if (prebuilt) {
      await mkdir(path.dirname(outfile), { recursive: true });
      await copyFile(prebuilt, outfile);
    } else {
      log(`compiling ${target.bunTarget}`);
      await compileJaunt({ target: target.bunTarget, outfile, version, bytecode: options.bytecode ?? true });
    }
    const archive = await writeArchive({
      executable: outfile,
      executableName: executableName(target),
      archive: path.join(releaseDir, archiveName(version, target)),
    });
    artifacts.push({ target, executable: outfile, archive, sha256: await sha256File(archive) });
    log(`wrote ${path.relative(REPO_ROOT, archive)}`);
  }

  const host = hostTarget();
  const hostArtifact = artifacts.find((a) => a.target.os === host?.os && a.target.arch === host.arch);
  if (hostArtifact) await copyFile(hostArtifact.executable, path.join(options.outdir, executableName(hostArtifact.target)));

  let npmTarball: string | undefined;
  let runtimeTarball: string | undefined;
  if (options.packages ?? true) {
    const repository = "repository" in options ? options.repository : Reflect.get(pkg, "repository");
    npmTarball = await buildNpmPackage({ version, stagingDir: path.join(options.outdir, "npm", "cli"), destination: releaseDir, repository });
    log(`wrote ${path.relative(REPO_ROOT, npmTarball)}`);
    runtimeTarball = await buildRuntimePackage(path.join(options.outdir, "npm", "runtime"), releaseDir, version);
    log(`wrote ${path.relative(REPO_ROOT, runtimeTarball)}`);
  }

  const formulaArchives: FormulaArchive[] = artifacts
    .filter((a) => a.target.os !== "windows")
    .map((a) => ({ os: a.target.os, arch: a.target.arch, name: path.basename(a.archive), sha256: a.sha256 }));
  let formula: string | undefined;
  if (formulaArchives.length > 0 && options.releaseUrl === undefined) {
    log("no Homebrew formula: pass --release-url, or set `repository` (GitHub) in package.json");
  } else if (formulaArchives.length > 0 && options.releaseUrl !== undefined) {
    formula = path.join(releaseDir, "jaunt.rb");
    await writeFile(formula, await renderFormula({ version, releaseUrl: options.releaseUrl, archives: formulaArchives }));
    log(`wrote ${path.relative(REPO_ROOT, formula)}`);
  }

  const checksums = path.join(releaseDir, "SHA256SUMS");
  const summed = [...artifacts.map((a) => a.archive), ...(npmTarball ? [npmTarball] : []), ...(runtimeTarball ? [runtimeTarball] : [])];
  await writeChecksums(summed, checksums);
  return { version, artifacts, npmTarball, runtimeTarball, formula, checksums };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      target: { type: "string", default: "host" },
      outdir: { type: "string", default: "dist" },
      "release-url": { type: "string" },
      "no-bytecode": { type: "boolean", default: false },
      "no-packages": { type: "boolean", default: false },
    },
  });
  const started = performance.now();
  const manifest = await buildRelease({
    targets: parseTargets(values.target),
    outdir: path.resolve(values.outdir),
    releaseUrl: values["release-url"] ?? releaseUrlFromRepository(Reflect.get(pkg, "repository")),
    bytecode: !values["no-bytecode"],
    packages: !values["no-packages"],
    log: (line) => console.log(line),
  });
  console.log(`jaunt ${manifest.version}: ${manifest.artifacts.length} target(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
