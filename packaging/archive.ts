/**
 * Release archives and their checksums: `jaunt-<v>-<os>-<arch>.tar.gz`
 * (`.zip` for Windows) holding the executable, the release README, LICENSE
 * and the user docs it links to, plus a `SHA256SUMS` file in the `sha256sum` format.
 */
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stageReleaseDocs } from "./release-docs.ts";

async function run(command: readonly string[], cwd: string): Promise<void> {
  const child = Bun.spawn([...command], { cwd, stdout: "ignore", stderr: "pipe" });
  const [stderr, code] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  if (code !== 0) throw new Error(`${command.join(" ")} failed (${code}): ${stderr.trim()}`);
}

export interface ArchiveOptions {
  /** The compiled executable. */
  readonly executable: string;
  /** Name inside the archive: `jaunt` or `jaunt.exe`. */
  readonly executableName: string;
  /** Absolute path of the archive to write (`.tar.gz` or `.zip`). */
  readonly archive: string;
}

/** Pack the executable (mode 0755) and the release docs into one archive (executable at the top). */
export async function writeArchive(options: ArchiveOptions): Promise<string> {
  const staging = await mkdtemp(path.join(os.tmpdir(), "jaunt-archive-"));
  try {
    const entries = [options.executableName];
    await copyFile(options.executable, path.join(staging, options.executableName));
    await chmod(path.join(staging, options.executableName), 0o755);
    entries.push(...(await stageReleaseDocs(staging)));
    await mkdir(path.dirname(options.archive), { recursive: true });
    await rm(options.archive, { force: true });
    if (options.archive.endsWith(".zip")) await run(["zip", "-q", "-X", "-r", options.archive, ...entries], staging);
    else await run(["tar", "-czf", options.archive, "--owner=0", "--group=0", "--numeric-owner", ...entries], staging);
    return options.archive;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Hex sha256 of a file. */
export async function sha256File(file: string): Promise<string> {
  return new Bun.CryptoHasher("sha256").update(await readFile(file)).digest("hex");
}

/** Write `SHA256SUMS` (`<hex>  <name>` per line, sorted) for `files`; returns name → hex. */
export async function writeChecksums(files: readonly string[], outfile: string): Promise<Map<string, string>> {
  const sums = new Map<string, string>();
  for (const file of [...files].sort()) sums.set(path.basename(file), await sha256File(file));
  const text = [...sums].map(([name, hex]) => `${hex}  ${name}\n`).join("");
  await writeFile(outfile, text);
  return sums;
}
