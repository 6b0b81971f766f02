/**
 * Renders the Homebrew formula from packaging/homebrew/jaunt.rb.tmpl: one
 * `url` + `sha256` per macOS/Linux archive that was built, grouped in
 * `on_macos`/`on_linux` and `on_arm`/`on_intel` blocks.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ReleaseArch, ReleaseOs } from "./targets.ts";

export const DEFAULT_RELEASE_URL = "https://github.com/OWNER/jaunt/releases/download/v{version}";

export interface FormulaArchive {
  readonly os: ReleaseOs;
  readonly arch: ReleaseArch;
  /** File name of the archive (appended to the release URL). */
  readonly name: string;
  readonly sha256: string;
}

export interface FormulaOptions {
  readonly version: string;
  /** Base URL of the release's files; `{version}` is replaced. */
  readonly releaseUrl: string;
  readonly archives: readonly FormulaArchive[];
}

/** The release URL with `{version}` filled in and no trailing slash. */
export function releaseBase(releaseUrl: string, version: string): string {
  return releaseUrl.replaceAll("{version}", version).replace(/\/+$/, "");
}

/** `https://github.com/o/r/releases/download/v1` → `https://github.com/o/r`; otherwise the base itself. */
function homepageOf(base: string): string {
  return /^(https:\/\/github\.com\/[^/]+\/[^/]+)\/releases\//.exec(base)?.[1] ?? base;
}

function osBlock(os: ReleaseOs, archives: readonly FormulaArchive[], base: string): string | undefined {
  const cpuBlocks = (["arm64", "x64"] as const).flatMap((arch) => {
    const archive = archives.find((a) => a.os === os && a.arch === arch);
    if (!archive) return [];
    return [
      `    ${arch === "arm64" ? "on_arm" : "on_intel"} do`,
      `      url "${base}/${archive.name}"`,
      `      sha256 "${archive.sha256}"`,
      "    end",
    ];
  });
  if (cpuBlocks.length === 0) return undefined;
  return [`  ${os === "darwin" ? "on_macos" : "on_linux"} do`, ...cpuBlocks, "  end"].join("\n");
}

/** The formula text. Throws when no macOS or Linux archive is given. */
export async function renderFormula(options: FormulaOptions): Promise<string> {
  const template = await readFile(path.join(import.meta.dir, "homebrew", "jaunt.rb.tmpl"), "utf8");
  const base = releaseBase(options.releaseUrl, options.version);
  const blocks = (["darwin", "linux"] as const).flatMap((os) => osBlock(os, options.archives, base) ?? []);
  if (blocks.length === 0) throw new Error("the Homebrew formula needs at least one macOS or Linux archive");
  const values: Record<string, string> = { version: options.version, homepage: homepageOf(base), platforms: blocks.join("\n") };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`unknown placeholder ${whole} in jaunt.rb.tmpl`);
    return value;
  });
}
