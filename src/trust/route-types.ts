/**
 * What a secret route is: one credential (an environment variable's name)
 * going to one host, and the project settings that chose either. The sources
 * that produce routes are listed in `routes.ts`.
 */
import { isLoopbackHost } from "../generation/llm/endpoint.ts";
import type { JauntConfig } from "../config/types.ts";
import type { EnvOrigins } from "./env-origins.ts";

/** A setting from a project file that decides where a credential goes, or which one. */
export interface ProjectSetting {
  /** As the user knows it: `[llm] base_url`, `OPENAI_BASE_URL`. */
  readonly name: string;
  /** As written. May carry credentials (a URL's userinfo): digested, never shown. */
  readonly value: string;
  /** The value as shown: URLs redacted. */
  readonly shown: string;
  /** Absolute path of the file that set it. */
  readonly file: string;
  /** 1-based line in `file`, when known. */
  readonly line: number | undefined;
}

/** A network address a route contacts. */
export interface RouteHost {
  /** The URL, redacted (the only form shown). */
  readonly url: string;
  /** `host[:port]` as written in the URL, for messages. */
  readonly host: string;
  /** The URL's hostname (brackets kept for IPv6): what the loopback test reads. */
  readonly hostname: string;
}

/** One credential and where it would be sent. */
export interface SecretRoute {
  /** What the requests are for: "LLM requests". */
  readonly purpose: string;
  /** Name of the environment variable whose value is sent (never the value). */
  readonly credential: string;
  readonly destination: RouteHost;
  /** A proxy the request passes through (`HTTPS_PROXY` …), when one applies. */
  readonly proxy: RouteHost | undefined;
  /** The project settings in effect for this route; empty when all of it is the user's own choice. */
  readonly settings: readonly ProjectSetting[];
  /**
   * False when no such request can go out as things stand (its credential is
   * unset and required: the command stops with its own error first).
   */
  readonly sends: boolean;
}

/** What a route source reads. */
export interface RouteContext {
  readonly config: JauntConfig;
  readonly env: EnvOrigins;
  /** A jaunt.toml key as a setting (`["llm", "base_url"]` → `[llm] base_url` at its line). */
  configSetting(keyPath: readonly [string, string], value: string): ProjectSetting;
  /** An environment variable as a setting when a project file set it; undefined when it is the user's own or unset. */
  envSetting(name: string, lookup?: "merged" | "process"): ProjectSetting | undefined;
}

/** Produces the route of one kind of request, or undefined when the project makes none. */
export type RouteSource = (context: RouteContext) => SecretRoute | undefined;

/** `url` as a RouteHost; an unparseable URL gets an empty hostname (not loopback). */
export function routeHost(url: string, shown: string): RouteHost {
  try {
    const parsed = new URL(url);
    return { url: shown, host: parsed.host, hostname: parsed.hostname };
  } catch {
    return { url: shown, host: shown, hostname: "" };
  }
}

/**
 * Whether the route needs the user's trust: it sends, a project setting is in
 * effect, and a host it contacts is not this machine as written (DESIGN §12).
 */
export function needsTrust(route: SecretRoute): boolean {
  if (route.settings.length === 0 || !route.sends) return false;
  return [route.destination, route.proxy].some((host) => host !== undefined && !isLoopbackHost(host.hostname));
}
