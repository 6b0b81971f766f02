/**
 * The remote-cache route: the bearer token named by `[cache] remote_token_env`
 * goes to `[cache] remote_url` (generation reads it from the process
 * environment: `remote-cache.ts`). Project settings: `remote_url` itself — a
 * project always chooses it — and a non-default `remote_token_env`, plus the
 * proxy and TLS switches a project file may set for `fetch`. The signature
 * key never leaves the machine (it signs locally), so it routes nothing.
 */
import { CONFIG_DEFAULTS } from "../config/defaults.ts";
import { redactUrl } from "../generation/llm/redact.ts";
import { transportSettings } from "./llm-route.ts";
import { routeHost, type ProjectSetting, type RouteContext, type SecretRoute } from "./route-types.ts";

export function remoteCacheRoute(context: RouteContext): SecretRoute | undefined {
  const { cache } = context.config;
  if (cache.remoteUrl === undefined) return undefined;
  const settings: ProjectSetting[] = [context.configSetting(["cache", "remote_url"], cache.remoteUrl)];
  if (cache.remoteTokenEnv !== CONFIG_DEFAULTS.cache.remote_token_env) settings.push(context.configSetting(["cache", "remote_token_env"], cache.remoteTokenEnv));
  const transport = transportSettings(context, cache.remoteUrl);
  settings.push(...transport.settings);
  return {
    purpose: "remote cache requests",
    credential: cache.remoteTokenEnv,
    destination: routeHost(cache.remoteUrl, redactUrl(cache.remoteUrl)),
    proxy: transport.proxy,
    settings,
    // Without the token nothing secret goes out (entries are signed locally; the key is never sent).
    sends: Boolean(context.env.lookupProcess(cache.remoteTokenEnv)?.value.trim()),
  };
}
