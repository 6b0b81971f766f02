/**
 * The registry of secret routes: every kind of request that sends a
 * credential, and the project settings that decide where it goes or which one
 * (DESIGN §12). `jaunt trust` digests the settings of all of them; a command
 * refuses to send while a route needing trust (`needsTrust`) is not trusted.
 *
 * Adding a setting that routes a secret (a remote cache URL and its token
 * variable, say):
 * 1. write a `RouteSource` in its own file: from `context.config` and
 *    `context.env`, return the route — the credential's variable name, the
 *    destination URL (`routeHost(url, redactUrl(url))`) and every project
 *    setting in effect for it, made with `context.configSetting(["cache",
 *    "remote_url"], value)` for jaunt.toml keys and `context.envSetting(NAME)`
 *    for variables a project `.env` may set — or undefined when the project
 *    makes no such request;
 * 2. list it in `ROUTE_SOURCES` below;
 * 3. make sure every command that sends such a request calls
 *    `assertProjectTrusted` (src/trust/project-trust.ts) before its first
 *    request, unless the user opted out of sending (`--offline`);
 * 4. document the setting in docs/providers.md ("Project trust").
 * A default value of the project's own (a token variable left at its default)
 * is not a setting; a changed default means a changed digest, so users are
 * asked again.
 */
import { createHash } from "node:crypto";
import { llmRoute } from "./llm-route.ts";
import { remoteCacheRoute } from "./remote-cache-route.ts";
import type { ProjectSetting, RouteContext, RouteSource, SecretRoute } from "./route-types.ts";

export const ROUTE_SOURCES: readonly RouteSource[] = [llmRoute, remoteCacheRoute];

/** Every route the project's requests would take. */
export function secretRoutes(context: RouteContext, sources: readonly RouteSource[] = ROUTE_SOURCES): SecretRoute[] {
  return sources.flatMap((source) => source(context) ?? []);
}

/** The distinct project settings of `routes`, ordered by name. */
export function projectSettings(routes: readonly SecretRoute[]): ProjectSetting[] {
  const byName = new Map<string, ProjectSetting>();
  for (const route of routes) for (const setting of route.settings) byName.set(`${setting.name}\0${setting.value}`, setting);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.value < b.value ? -1 : 1));
}

/**
 * `sha256:<hex>` of the settings' names and values (not their files or
 * lines: moving a setting within a file asks nothing). Values may hold
 * credentials; only the digest is stored.
 */
export function settingsDigest(routes: readonly SecretRoute[]): string {
  const canonical = JSON.stringify(projectSettings(routes).map((setting) => [setting.name, setting.value]));
  return `sha256:${createHash("sha256").update(canonical).digest("hex")}`;
}
