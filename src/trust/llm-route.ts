/**
 * The LLM route: the key named by `[llm] api_key_env` goes to the base URL
 * `resolveEndpoint` picks. Project settings: a non-default `api_key_env`,
 * `[llm] base_url`, an endpoint variable (`JAUNT_LLM_BASE_URL`,
 * `OPENAI_BASE_URL`) from a project `.env`, and — what `fetch` reads from the
 * process environment when Bun loaded a project `.env` into it — a proxy for
 * the URL's scheme and `NODE_TLS_REJECT_UNAUTHORIZED` (which would let a proxy
 * read the key).
 */
import { CONFIG_DEFAULTS } from "../config/defaults.ts";
import { isLoopbackHost, pickBaseUrl } from "../generation/llm/endpoint.ts";
import { redactUrl } from "../generation/llm/redact.ts";
import { routeHost, type ProjectSetting, type RouteContext, type SecretRoute } from "./route-types.ts";

const PROXY_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  "https:": ["HTTPS_PROXY", "https_proxy"],
  "http:": ["HTTP_PROXY", "http_proxy"],
};

function protocolOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return "";
  }
}

/**
 * What `fetch` reads from the process environment for a request to `url`: the proxy for its scheme (and
 * whether a project file set it), and `NODE_TLS_REJECT_UNAUTHORIZED` set by a project file (it would let a
 * proxy read the credential). Shared by every route whose requests go through `fetch`.
 */
export function transportSettings(context: RouteContext, url: string): { readonly proxy: SecretRoute["proxy"]; readonly settings: readonly ProjectSetting[] } {
  const settings: ProjectSetting[] = [];
  let proxy: SecretRoute["proxy"];
  for (const name of PROXY_VARIABLES[protocolOf(url)] ?? []) {
    const value = context.env.lookupProcess(name);
    if (!value) continue;
    proxy ??= routeHost(value.value, redactUrl(value.value));
    const setting = context.envSetting(name, "process");
    if (setting) settings.push(setting);
  }
  const tls = context.envSetting("NODE_TLS_REJECT_UNAUTHORIZED", "process");
  if (tls) settings.push(tls);
  return { proxy, settings };
}

export function llmRoute(context: RouteContext): SecretRoute {
  const { llm } = context.config;
  const settings: ProjectSetting[] = [];
  if (llm.apiKeyEnv !== CONFIG_DEFAULTS.llm.api_key_env) settings.push(context.configSetting(["llm", "api_key_env"], llm.apiKeyEnv));
  const { baseUrl, baseUrlSource } = pickBaseUrl(llm, context.env.merged);
  if (baseUrlSource === "[llm] base_url") settings.push(context.configSetting(["llm", "base_url"], baseUrl));
  else if (baseUrlSource !== "default") {
    const setting = context.envSetting(baseUrlSource);
    if (setting) settings.push(setting);
  }
  const transport = transportSettings(context, baseUrl);
  settings.push(...transport.settings);
  const proxy = transport.proxy;
  const destination = routeHost(baseUrl, redactUrl(baseUrl));
  // Without the key only a loopback server is asked (with a placeholder); elsewhere generation stops on the missing key.
  const sends = Boolean(context.env.merged[llm.apiKeyEnv]?.trim()) || isLoopbackHost(destination.hostname);
  return { purpose: "LLM requests", credential: llm.apiKeyEnv, destination, proxy, settings, sends };
}
