/**
 * Tools from the npm registry that some runtime tests need (TypeScript 5.9's
 * tsc, Vite, vitest): installed once into the OS temp folder, keyed by their
 * versions, and reused by every test and later run (an install takes ~10 s).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Exact versions: vitest 4 is the last line that runs on Node 20. */
export const NPM_TOOLS = { typescript: "5.9.3", vite: "8.3.8", vitest: "4.1.12" } as const;

const CACHE_ROOT = join(tmpdir(), "jaunt-npm-tools");
const KEY = Object.entries(NPM_TOOLS)
  .map(([name, version]) => `${name}@${version}`)
  .join("+");

let installing: Promise<string> | undefined;

async function install(): Promise<string> {
  const dir = join(CACHE_ROOT, KEY);
  if (existsSync(join(dir, "node_modules", ".bin", "vitest"))) return dir;
  mkdirSync(CACHE_ROOT, { recursive: true });
  for (const old of readdirSync(CACHE_ROOT)) if (old !== KEY && !old.startsWith(`${KEY}.tmp-`)) rmSync(join(CACHE_ROOT, old), { recursive: true, force: true });
  // Install next to the final place, then rename: a half-done install is never reused.
  const staging = mkdtempSync(join(CACHE_ROOT, `${KEY}.tmp-`));
  writeFileSync(join(staging, "package.json"), JSON.stringify({ name: "jaunt-npm-tools", private: true, type: "module" }));
  const specs = Object.entries(NPM_TOOLS).map(([name, version]) => `${name}@${version}`);
  const child = Bun.spawn(["npm", "install", "--save-exact", "--no-audit", "--no-fund", ...specs], { cwd: staging, stdout: "pipe", stderr: "pipe" });
  const [stderr, code] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  if (code !== 0) throw new Error(`npm install ${specs.join(" ")} failed (${code}):\n${stderr}`);
  if (existsSync(dir)) {
    rmSync(staging, { recursive: true, force: true }); // another process won the race
    return dir;
  }
  renameSync(staging, dir);
  return dir;
}

/** Folder whose node_modules holds the tools (installs on first use). */
export function npmTools(): Promise<string> {
  installing ??= install();
  return installing;
}
