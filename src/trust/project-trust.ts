/**
 * Project trust (DESIGN §12): a project's settings may decide where the
 * user's credentials go only after the user trusted exactly those settings
 * (`jaunt trust`, or `JAUNT_TRUST_PROJECT=1` from the user's own environment
 * for one run). `assertProjectTrusted` is the gate every sending command
 * passes before its first request.
 */
import { readFileSync } from "node:fs";
import { locateKeyLines, type KeyLines } from "../config/key-lines.ts";
import type { JauntConfig } from "../config/types.ts";
import { redactUrl } from "../generation/llm/redact.ts";
import { isCompiledExecutable } from "../support/compiled.ts";
import { envOrigins, type EnvOrigins } from "./env-origins.ts";
import { displayPath, realRoot, refusalError } from "./format-trust.ts";
import { needsTrust, type ProjectSetting, type RouteContext, type SecretRoute } from "./route-types.ts";
import { projectSettings, secretRoutes, settingsDigest } from "./routes.ts";
import { jauntHome, readTrustRecord, removeTrustRecord, writeTrustRecord, type TrustRecord } from "./trust-store.ts";

/** The variable a CI pipeline's owner sets to trust the project's current settings for one run. */
export const TRUST_SWITCH = "JAUNT_TRUST_PROJECT";

export type TrustState =
  /** No route needs trust: every secret goes where the user's own settings say, or to this machine. */
  | "not_needed"
  /** `jaunt trust` recorded exactly the current settings. */
  | "trusted"
  /** JAUNT_TRUST_PROJECT=1 in the user's environment. */
  | "trusted_by_env"
  /** Never trusted (or revoked). */
  | "untrusted"
  /** Trusted once, for settings that have changed since. */
  | "changed";

export interface TrustCheck {
  /** The project root's real path: the key of its record. */
  readonly root: string;
  readonly routes: readonly SecretRoute[];
  /** The routes that need trust (`needsTrust`). */
  readonly needing: readonly SecretRoute[];
  /** Digest of every project setting of `routes`. */
  readonly digest: string;
  readonly state: TrustState;
  /** The stored record, whatever its digest. */
  readonly record: TrustRecord | undefined;
  /** Jaunt's home, where the records live. */
  readonly home: string;
  /** A JAUNT_TRUST_PROJECT a project file set (ignored: it must come from the user). */
  readonly ignoredSwitch: { readonly file: string; readonly line: number } | undefined;
}

export interface TrustOptions {
  /** The process environment (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The folder Bun loaded `.env` files from (default `process.cwd()`). */
  readonly cwd?: string;
  /** Whether Bun loaded them (default: unless this is the compiled executable). */
  readonly bunAutoload?: boolean;
}

/** Internal: whether to read the store when no route needs trust (`--show` reports the record anyway). */
interface CheckOptions extends TrustOptions {
  readonly alwaysReadRecord?: boolean;
}

function switchIsOn(value: string | undefined): boolean {
  return value === "1" || value?.toLowerCase() === "true";
}

function routeContext(config: JauntConfig, env: EnvOrigins): RouteContext {
  let lines: KeyLines | undefined;
  const lineOf = (keyPath: readonly string[]): number | undefined => {
    try {
      lines ??= locateKeyLines(readFileSync(config.configFile, "utf8"));
    } catch {
      return undefined;
    }
    return lines.lineOf(keyPath);
  };
  const shownOf = (value: string): string => (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? redactUrl(value) : value);
  return {
    config,
    env,
    configSetting(keyPath, value): ProjectSetting {
      return { name: `[${keyPath[0]}] ${keyPath[1]}`, value, shown: shownOf(value), file: config.configFile, line: lineOf(keyPath) };
    },
    envSetting(name, lookup = "merged") {
      const found = lookup === "process" ? env.lookupProcess(name) : env.lookup(name);
      if (found?.origin.kind !== "project") return undefined;
      return { name, value: found.value, shown: shownOf(found.value), file: found.origin.file, line: found.origin.line };
    },
  };
}

/** Where the project's secrets would go and whether the user trusted that. Reads files only. */
export function checkProjectTrust(config: JauntConfig, options: CheckOptions = {}): TrustCheck {
  const processEnv = options.env ?? process.env;
  const env = envOrigins(config.root, processEnv, { cwd: options.cwd ?? process.cwd(), bunAutoload: options.bunAutoload ?? !isCompiledExecutable() });
  const routes = secretRoutes(routeContext(config, env));
  const needing = routes.filter(needsTrust);
  const digest = settingsDigest(routes);
  const root = realRoot(config.root);
  const home = jauntHome(env.user);
  const record = needing.length > 0 || options.alwaysReadRecord !== false ? readTrustRecord(home, root) : undefined;
  const switched = env.autoloaded.get(TRUST_SWITCH);
  const state: TrustState =
    needing.length === 0 ? "not_needed" : record?.digest === digest ? "trusted" : switchIsOn(env.user[TRUST_SWITCH]) ? "trusted_by_env" : record ? "changed" : "untrusted";
  return { root, routes, needing, digest, state, record, home, ignoredSwitch: switched && switchIsOn(processEnv[TRUST_SWITCH]) ? switched : undefined };
}

/**
 * The gate: return quietly when the project may send, else refuse before any request.
 * @throws {JauntConfigError} `config.untrusted_project` (exit 2) naming each credential (never its value), host, and the settings' files and lines.
 */
export function assertProjectTrusted(config: JauntConfig, options: TrustOptions = {}): TrustCheck {
  const check = checkProjectTrust(config, { ...options, alwaysReadRecord: false });
  if (check.state === "untrusted" || check.state === "changed") throw refusalError(check);
  return check;
}

/** `jaunt trust`: record the project's current settings as trusted. */
export function trustProject(config: JauntConfig, options: TrustOptions = {}): TrustCheck {
  const check = checkProjectTrust(config, { ...options, alwaysReadRecord: true });
  const record: TrustRecord = {
    digest: check.digest,
    trustedAt: new Date().toISOString(),
    settings: projectSettings(check.routes).map((setting) => ({
      name: setting.name,
      shown: setting.shown,
      file: displayPath(check.root, setting.file),
      ...(setting.line === undefined ? {} : { line: setting.line }),
    })),
  };
  writeTrustRecord(check.home, check.root, record);
  return { ...check, record, state: check.needing.length === 0 ? "not_needed" : "trusted" };
}

/** `jaunt trust --revoke`: forget the project; the check after it, and whether a record was removed. */
export function revokeProjectTrust(config: JauntConfig, options: TrustOptions = {}): { readonly check: TrustCheck; readonly removed: boolean } {
  const before = checkProjectTrust(config, { ...options, alwaysReadRecord: false });
  const removed = removeTrustRecord(before.home, before.root);
  return { check: checkProjectTrust(config, { ...options, alwaysReadRecord: true }), removed };
}
