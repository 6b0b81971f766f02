/**
 * Renders the Homebrew formula from packaging/homebrew/jaunt.rb.tmpl: one
 * `url` + `sha256` per macOS/Linux archive that was built, grouped in
 * `on_macos`/`on_linux` and `on_arm`/`on_intel` blocks.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ReleaseArch, ReleaseOs } from "./targets.ts";

/**
 * The release URL a package.json `repository` implies (GitHub only:
 * `https://github.com/<owner>/<repo>/releases/download/v{version}`), or
 * undefined. Accepts `"owner/repo"`, `"github:owner/repo"`, git/https URLs and
 * `{ "url": … }`.
 */
export function releaseUrlFromRepository(repository: unknown): string | undefined {
  const raw = typeof repository === "string" ? repository : typeof repository === "object" && repository !== null ? Reflect.get(repository, "url") : undefined;
  if (typeof raw !== "string") return undefined;
  const match =
    /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(raw) ?? /^(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(raw) ?? /^git@github\.com:([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(raw);
  if (!match) return undefined;
  return `https://github.com/${match[1]}/${match[2]}/releases/download/v{version}`;
}

/** Throws unless `releaseUrl` is an http(s) URL without a placeholder owner (`OWNER`, `<owner>`). */
export function checkReleaseUrl(releaseUrl: string): void {
  let url: URL;
  try {
    url = new URL(releaseUrl.replaceAll("{version}", "0"));
  } catch {
    throw new Error(`--release-url ${JSON.stringify(releaseUrl)} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`--release-url must be http(s), got ${url.protocol}`);
  if (/\/OWNER\//.test(releaseUrl) || /[<>]|%3c/i.test(releaseUrl)) throw new Error(`--release-url ${JSON.stringify(releaseUrl)} still has a placeholder; give the real release location`);
}

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

/** The formula text. Throws when no macOS or Linux archive is given, or the URL is a placeholder. */
export async function renderFormula(options: FormulaOptions): Promise<string> {
  checkReleaseUrl(options.releaseUrl);
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
