/**
 * Tools from the npm registry that some tests need (TypeScript 5.9's tsc,
 * Vite, vitest; the turborepo-remote-cache server): installed once into the
 * OS temp folder, keyed by their versions, and reused by every test and later
 * run (an install takes ~10–45 s).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Exact versions: vitest 4 is the last line that runs on Node 20. */
export const NPM_TOOLS = { typescript: "5.9.3", vite: "8.3.8", vitest: "4.1.12" } as const;

/** The open-source Turborepo remote-cache server (ducktors/turborepo-remote-cache). */
export const REMOTE_CACHE_SERVER = { "turborepo-remote-cache": "2.12.0" } as const;

const CACHE_ROOT = join(tmpdir(), "jaunt-npm-tools");

const installing = new Map<string, Promise<string>>();

async function install(tools: Readonly<Record<string, string>>, probe: string): Promise<string> {
  const specs = Object.entries(tools).map(([name, version]) => `${name}@${version}`);
  const key = specs.join("+");
  const dir = join(CACHE_ROOT, key);
  if (existsSync(join(dir, probe))) return dir;
  mkdirSync(CACHE_ROOT, { recursive: true });
  // Older versions of the same set go; other sets stay.
  const family = `${specs[0]?.slice(0, specs[0].lastIndexOf("@"))}@`;
  for (const old of readdirSync(CACHE_ROOT)) if (old.startsWith(family) && old !== key && !old.startsWith(`${key}.tmp-`)) rmSync(join(CACHE_ROOT, old), { recursive: true, force: true });
  // Install next to the final place, then rename: a half-done install is never reused.
  const staging = mkdtempSync(join(CACHE_ROOT, `${key}.tmp-`));
  writeFileSync(join(staging, "package.json"), JSON.stringify({ name: "jaunt-npm-tools", private: true, type: "module" }));
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

/** Folder whose node_modules holds `tools` (installed on first use); `probe` is a file whose presence means done. */
export function npmToolSet(tools: Readonly<Record<string, string>>, probe: string): Promise<string> {
  const id = JSON.stringify(tools);
  let pending = installing.get(id);
  if (!pending) {
    pending = install(tools, probe);
    installing.set(id, pending);
  }
  return pending;
}

/** Folder whose node_modules holds TypeScript 5.9, Vite and vitest (installs on first use). */
export function npmTools(): Promise<string> {
  return npmToolSet(NPM_TOOLS, join("node_modules", ".bin", "vitest"));
}
