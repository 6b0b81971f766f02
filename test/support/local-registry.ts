/**
 * A tiny npm registry on 127.0.0.1 that serves packed tarballs (packument +
 * tarball), so install paths — `bun add -d @jaunt/cli`, `bunx --package …` —
 * are tested by package name without the network. Anything else is a 404.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface LocalRegistry {
  readonly url: string;
  /** Environment that points Bun (and npm) at this registry, with a private install cache. */
  env(cacheDir: string): Record<string, string>;
  /** Package names asked for, in order (404s included). */
  readonly requested: string[];
  stop(): Promise<void>;
}

interface Served {
  readonly manifest: Record<string, unknown>;
  readonly tarball: string;
}

/** package.json of a packed tarball (`package/package.json` inside it). */
function manifestOf(tarball: string): Record<string, unknown> {
  const run = Bun.spawnSync(["tar", "-xzOf", tarball, "package/package.json"]);
  if (run.exitCode !== 0) throw new Error(`cannot read package.json from ${tarball}: ${run.stderr.toString()}`);
  const parsed: unknown = JSON.parse(run.stdout.toString());
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${tarball}: package.json is not an object`);
  return Object.fromEntries(Object.entries(parsed));
}

export function startLocalRegistry(tarballs: readonly string[]): LocalRegistry {
  const packages = new Map<string, Served>();
  for (const tarball of tarballs) {
    const manifest = manifestOf(tarball);
    packages.set(String(manifest["name"]), { manifest, tarball });
  }
  const requested: string[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const url = new URL(request.url);
      const file = /^\/tarballs\/(.+)$/.exec(url.pathname)?.[1];
      if (file !== undefined) {
        const served = [...packages.values()].find((p) => path.basename(p.tarball) === decodeURIComponent(file));
        return served ? new Response(Bun.file(served.tarball)) : new Response("not found", { status: 404 });
      }
      const name = decodeURIComponent(url.pathname.slice(1));
      requested.push(name);
      const served = packages.get(name);
      if (!served) return Response.json({ error: "not found" }, { status: 404 });
      const bytes = readFileSync(served.tarball);
      const version = String(served.manifest["version"]);
      const dist = {
        tarball: `${url.origin}/tarballs/${encodeURIComponent(path.basename(served.tarball))}`,
        shasum: new Bun.CryptoHasher("sha1").update(bytes).digest("hex"),
        integrity: `sha512-${new Bun.CryptoHasher("sha512").update(bytes).digest("base64")}`,
      };
      return Response.json({ name, "dist-tags": { latest: version }, versions: { [version]: { ...served.manifest, dist } } });
    },
  });
  const url = `http://127.0.0.1:${server.port}/`;
  return {
    url,
    requested,
    env: (cacheDir) => ({ BUN_CONFIG_REGISTRY: url, NPM_CONFIG_REGISTRY: url, BUN_INSTALL_CACHE_DIR: cacheDir }),
    stop: () => server.stop(true),
  };
}
