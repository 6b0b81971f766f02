/** The platforms Jaunt ships a single executable for, and how their files are named. */

export type ReleaseOs = "linux" | "darwin" | "windows";
export type ReleaseArch = "x64" | "arm64";

export interface ReleaseTarget {
  readonly os: ReleaseOs;
  readonly arch: ReleaseArch;
  /** Bun's `--target` for cross-compiling. */
  readonly bunTarget: Bun.Build.CompileTarget;
}

function target(os: ReleaseOs, arch: ReleaseArch): ReleaseTarget {
  return { os, arch, bunTarget: `bun-${os}-${arch}` };
}

export const RELEASE_TARGETS: readonly ReleaseTarget[] = [
  target("linux", "x64"),
  target("linux", "arm64"),
  target("darwin", "x64"),
  target("darwin", "arm64"),
  target("windows", "x64"),
];

/** The target of the machine running the build, or undefined when Jaunt does not ship one for it. */
export function hostTarget(): ReleaseTarget | undefined {
  const os = process.platform === "win32" ? "windows" : process.platform;
  return RELEASE_TARGETS.find((t) => t.os === os && t.arch === process.arch);
}

/** `jaunt` or `jaunt.exe`. */
export function executableName(t: ReleaseTarget): string {
  return t.os === "windows" ? "jaunt.exe" : "jaunt";
}

/** `jaunt-<version>-<os>-<arch>.tar.gz` (`.zip` for Windows). */
export function archiveName(version: string, t: ReleaseTarget): string {
  return `jaunt-${version}-${t.os}-${t.arch}.${t.os === "windows" ? "zip" : "tar.gz"}`;
}

/** Parse `--target`: `host`, `all`, or a comma-separated list like `linux-x64,darwin-arm64`. */
export function parseTargets(value: string): ReleaseTarget[] {
  if (value === "all") return [...RELEASE_TARGETS];
  if (value === "host") {
    const host = hostTarget();
    if (!host) throw new Error(`no release target for this machine (${process.platform}-${process.arch})`);
    return [host];
  }
  return value.split(",").map((name) => {
    const found = RELEASE_TARGETS.find((t) => `${t.os}-${t.arch}` === name.trim());
    if (!found) throw new Error(`unknown target "${name}"; use host, all, or ${RELEASE_TARGETS.map((t) => `${t.os}-${t.arch}`).join(", ")}`);
    return found;
  });
}
