/**
 * The real `turborepo-remote-cache` server from npm (installed once into the
 * OS temp folder by npm-tools.ts), started on 127.0.0.1 on a free port with
 * local-disk storage in a temp folder and a static bearer token. Tests point
 * `[cache] remote_url` at it and look at the artifacts it stored.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { npmToolSet, REMOTE_CACHE_SERVER } from "../runtime/npm-tools.ts";

export interface RemoteCacheServer {
  /** `http://127.0.0.1:<port>`: what `[cache] remote_url` takes. */
  readonly url: string;
  /** The folder holding `<team>/<hash>` artifacts and `<team>/<hash>.tag` signatures. */
  readonly storage: string;
  /** Artifact hashes stored for `team` (signature files left out). */
  artifacts(team: string): string[];
  stop(): Promise<void>;
}

export interface RemoteCacheServerOptions {
  /** The bearer token the server accepts. */
  readonly token: string;
  /** Whether the server keeps `x-artifact-tag` signatures (it does only when TURBO_REMOTE_CACHE_SIGNATURE_KEY is set on it). Default true. */
  readonly keepsSignatures?: boolean;
}

const LISTENING = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/;

/** Start a server; rejects when it does not listen within `startMs`. */
export async function startRemoteCacheServer(options: RemoteCacheServerOptions, startMs = 90_000): Promise<RemoteCacheServer> {
  const tools = await npmToolSet(REMOTE_CACHE_SERVER, path.join("node_modules", "turborepo-remote-cache", "dist", "cli.js"));
  const storage = mkdtempSync(path.join(os.tmpdir(), "jaunt-remote-cache-"));
  const runtime = Bun.which("node") ?? process.execPath;
  const child = Bun.spawn([runtime, path.join(tools, "node_modules", "turborepo-remote-cache", "dist", "cli.js")], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      STORAGE_PROVIDER: "local",
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: "false",
      TURBO_TOKEN: options.token,
      // The server only stores and returns tags with this set; it never checks them (clients do).
      ...(options.keepsSignatures === false ? {} : { TURBO_REMOTE_CACHE_SIGNATURE_KEY: "server-keeps-tags" }),
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`turborepo-remote-cache did not start within ${startMs} ms`)), startMs);
    let seen = "";
    const read = async (stream: ReadableStream<Uint8Array>): Promise<void> => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) {
        seen += decoder.decode(chunk, { stream: true });
        const match = LISTENING.exec(seen);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      }
    };
    void read(child.stdout);
    void read(child.stderr);
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`turborepo-remote-cache exited with ${code} before listening:\n${seen.slice(-2000)}`));
    });
  });
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    storage,
    artifacts(team) {
      try {
        return readdirSync(path.join(storage, team)).filter((name) => !name.endsWith(".tag"));
      } catch {
        return [];
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill("SIGKILL");
      await child.exited;
    },
  };
}

/** Remove a server's storage after the tests. */
export function removeStorage(server: RemoteCacheServer): void {
  rmSync(server.storage, { recursive: true, force: true });
}
