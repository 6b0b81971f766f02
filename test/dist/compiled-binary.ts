/**
 * The host-target `jaunt` executable for the dist tests, compiled once and
 * cached under the OS temp folder, keyed by a hash of everything that goes
 * into it (a compile takes several seconds). Older cached builds are removed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileJaunt } from "../../packaging/compile.ts";
import { hostTarget } from "../../packaging/targets.ts";
import { REPO_ROOT } from "../support/cli.ts";

const CACHE_ROOT = path.join(os.tmpdir(), "jaunt-dist-cache");
const INPUTS = ["src", "prompts", "skill", "runtime/src", "packaging", "package.json", "bun.lock"];
export const TEST_VERSION = "0.0.0-disttest";

function hashInputs(): string {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update(`${Bun.version}\0${TEST_VERSION}\0`);
  const visit = (rel: string): void => {
    const full = path.join(REPO_ROOT, rel);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) if (name !== "__generated__") visit(path.join(rel, name));
    } else {
      hasher.update(`${rel}\0`);
      hasher.update(fs.readFileSync(full));
    }
  };
  for (const input of INPUTS) visit(input);
  return hasher.digest("hex").slice(0, 16);
}

/** Path of the compiled executable, compiling it on a cache miss. */
export async function compiledJaunt(): Promise<string> {
  const host = hostTarget();
  if (!host) throw new Error(`no compile target for ${process.platform}-${process.arch}`);
  const key = hashInputs();
  const dir = path.join(CACHE_ROOT, key);
  const binary = path.join(dir, host.os === "windows" ? "jaunt.exe" : "jaunt");
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  for (const old of fs.readdirSync(CACHE_ROOT)) {
    if (old !== key) fs.rmSync(path.join(CACHE_ROOT, old), { recursive: true, force: true });
  }
  // Compile next to the final place, then rename: a half-written binary is never cached.
  const staging = fs.mkdtempSync(path.join(CACHE_ROOT, `${key}.tmp-`));
  const written = await compileJaunt({ target: host.bunTarget, outfile: path.join(staging, path.basename(binary)), version: TEST_VERSION });
  fs.mkdirSync(dir, { recursive: true });
  fs.renameSync(written, binary);
  fs.rmSync(staging, { recursive: true, force: true });
  return binary;
}
