/**
 * The shared remote cache on the Turborepo remote-cache HTTP API
 * (`GET`/`PUT /v8/artifacts/{hash}?slug=…`, bearer token; served by the
 * open-source `turborepo-remote-cache` server, Vercel, and others). An
 * artifact is one response-cache entry (the same JSON as `.jaunt/cache/<key>.json`),
 * signed with `x-artifact-tag` and verified on read.
 *
 * Nothing here throws: the remote being down, slow, refusing or answering
 * garbage is an outcome with a warning, so a build never fails because of it.
 * The token and the signature key are read from the environment and appear
 * in no message (the URL is shown redacted).
 */
import type { RemoteCacheSettings } from "../types.ts";
import { errorOfBody } from "../llm/error-words.ts";
import { redactText, redactUrl } from "../llm/redact.ts";
import { signArtifact, verifyArtifact } from "./artifact-signature.ts";
import { isCacheEntry, type CacheEntry } from "./response-cache.ts";

/** The variable holding the key artifacts are signed with (shared by the team; never in jaunt.toml). */
export const SIGNATURE_KEY_ENV = "JAUNT_REMOTE_CACHE_SIGNATURE_KEY";

export type RemoteRead =
  | { readonly kind: "hit"; readonly entry: CacheEntry }
  | { readonly kind: "miss" }
  /** This entry is not used (bad signature); the remote stays on for other modules. */
  | { readonly kind: "refused"; readonly warning: string }
  /** The remote cannot serve this run (down, slow, misconfigured): warn once, stop asking. */
  | { readonly kind: "unavailable"; readonly warning: string };

export type RemoteWrite = { readonly ok: true } | { readonly ok: false; readonly warning: string };

type Env = Readonly<Record<string, string | undefined>>;

interface Access {
  readonly secret: string;
  readonly token: string | undefined;
  readonly display: string;
}

function access(settings: RemoteCacheSettings, env: Env): Access | { readonly warning: string } {
  const display = redactUrl(settings.url);
  const secret = env[SIGNATURE_KEY_ENV]?.trim();
  if (!secret) {
    return { warning: `remote cache at ${display} is off for this run: ${SIGNATURE_KEY_ENV} is not set, so entries can be neither signed nor verified (set it to the team's shared key)` };
  }
  const token = env[settings.tokenEnv]?.trim();
  return { secret, token: token || undefined, display };
}

/** `<url>/v8/artifacts/<hash>?slug=<team>` (`teamId=` for Vercel-style `team_…` ids). */
export function artifactUrl(settings: RemoteCacheSettings, hash: string): string {
  const base = settings.url.replace(/\/+$/, "");
  const param = settings.team.startsWith("team_") ? "teamId" : "slug";
  return `${base}/v8/artifacts/${encodeURIComponent(hash)}?${param}=${encodeURIComponent(settings.team)}`;
}

function headers(a: Access, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(a.token ? { authorization: `Bearer ${a.token}` } : {}), ...extra };
}

/** What went wrong with a request, in the server's words, without secrets. */
function failureWords(error: unknown, settings: RemoteCacheSettings, a: Access): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return `did not answer within ${settings.timeoutMs} ms ([cache] timeout_ms)`;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? ` (${error.code})` : "";
  return `could not be reached: ${redactText(message, a.token ?? "")}${code}`;
}

async function httpWords(response: Response, settings: RemoteCacheSettings, a: Access): Promise<string> {
  const text = await response.text().catch(() => "");
  const { words } = errorOfBody(text, response.headers.get("content-type"));
  const auth = response.status === 401 || response.status === 403 ? ` (check the token in ${settings.tokenEnv} and [cache] team)` : "";
  return `answered HTTP ${response.status}${words ? `: ${redactText(words, a.token ?? "").slice(0, 300)}` : ""}${auth}`;
}

function timeout(settings: RemoteCacheSettings, signal: AbortSignal | undefined): AbortSignal {
  const limit = AbortSignal.timeout(settings.timeoutMs);
  return signal ? AbortSignal.any([signal, limit]) : limit;
}

/**
 * Look `hash` up. A 404 is a miss; a missing signature means the server
 * keeps none (or something else wrote the entry) and turns the remote off
 * for the run; a signature that does not verify refuses that entry only.
 * An abort of `signal` rejects with its reason.
 */
export async function readRemote(settings: RemoteCacheSettings, env: Env, hash: string, signal?: AbortSignal): Promise<RemoteRead> {
  const a = access(settings, env);
  if ("warning" in a) return { kind: "unavailable", warning: a.warning };
  const where = `remote cache at ${a.display}`;
  let response: Response;
  let body: Uint8Array;
  let tag: string | null;
  try {
    const url = artifactUrl(settings, hash);
    const limit = timeout(settings, signal);
    response = await fetch(url, { headers: headers(a), signal: limit, redirect: "manual" });
    tag = response.headers.get("x-artifact-tag");
    // A server with a read URL (turborepo-remote-cache's TURBO_CACHE_READ_URL) sends the tag with a redirect to
    // its storage or CDN; the token stays with the cache server.
    const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
    if (location) {
      await response.body?.cancel();
      response = await fetch(new URL(location, url), { signal: limit });
      tag ??= response.headers.get("x-artifact-tag");
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return { kind: "miss" };
    }
    if (!response.ok) return { kind: "unavailable", warning: `${where} ${await httpWords(response, settings, a)}; using the local cache and the model for this run` };
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { kind: "unavailable", warning: `${where} ${failureWords(error, settings, a)}; using the local cache and the model for this run` };
  }
  if (!tag) {
    return {
      kind: "unavailable",
      warning: `${where} sent an entry without a signature (x-artifact-tag), so no remote entry is used this run; a turborepo-remote-cache server keeps signatures only when TURBO_REMOTE_CACHE_SIGNATURE_KEY is set on it`,
    };
  }
  if (!verifyArtifact(a.secret, hash, settings.team, body, tag)) {
    return { kind: "refused", warning: `${where}: the entry ${hash.slice(0, 12)}… has a signature that does not match ${SIGNATURE_KEY_ENV}; not used (written with another key, or tampered with)` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    parsed = undefined;
  }
  if (!isCacheEntry(parsed)) return { kind: "refused", warning: `${where}: the entry ${hash.slice(0, 12)}… is signed but is not a Jaunt cache entry; not used` };
  return { kind: "hit", entry: parsed };
}

/** Upload `entry` under `hash`, signed. Never throws except on an abort of `signal`. */
export async function writeRemote(settings: RemoteCacheSettings, env: Env, hash: string, entry: CacheEntry, signal?: AbortSignal): Promise<RemoteWrite> {
  const a = access(settings, env);
  if ("warning" in a) return { ok: false, warning: a.warning };
  const body = new TextEncoder().encode(JSON.stringify(entry));
  const tag = signArtifact(a.secret, hash, settings.team, body);
  try {
    const response = await fetch(artifactUrl(settings, hash), {
      method: "PUT",
      headers: headers(a, { "content-type": "application/octet-stream", "x-artifact-tag": tag }),
      body,
      signal: timeout(settings, signal),
    });
    if (response.ok) {
      await response.body?.cancel();
      return { ok: true };
    }
    return { ok: false, warning: `remote cache at ${a.display} ${await httpWords(response, settings, a)} to an upload; uploads stop for this run` };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { ok: false, warning: `remote cache at ${a.display} ${failureWords(error, settings, a)} while uploading; uploads stop for this run` };
  }
}
