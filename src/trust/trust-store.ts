/**
 * The user's trusted projects, kept outside every project in Jaunt's home
 * (`JAUNT_HOME`, else the platform's config folder): `trusted-projects.json`
 * maps a project root's real path to the digest of the secret-routing
 * settings the user trusted there. A project cannot write it, and cannot
 * point Jaunt at another one: the variables that choose the folder are read
 * from the user's own environment only (see EnvOrigins.user).
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import { isRecord } from "../support/is-record.ts";

/** A setting as recorded (shown form, project-relative file) so `jaunt trust --show` can say what was trusted. */
export interface RecordedSetting {
  readonly name: string;
  readonly shown: string;
  readonly file: string;
  readonly line?: number;
}

export interface TrustRecord {
  /** `sha256:<hex>` of the trusted settings (`settingsDigest`). */
  readonly digest: string;
  /** ISO 8601 time of `jaunt trust`. */
  readonly trustedAt: string;
  readonly settings: readonly RecordedSetting[];
}

const STORE_FORMAT = 1;
export const TRUST_FILE_NAME = "trusted-projects.json";

/**
 * Jaunt's per-user folder: `JAUNT_HOME`; else `%APPDATA%\jaunt` on Windows,
 * `~/Library/Application Support/jaunt` on macOS, `$XDG_CONFIG_HOME/jaunt`
 * (an absolute path, per the XDG Base Directory spec) or `~/.config/jaunt`
 * elsewhere. `env` must be the user's own environment.
 */
export function jauntHome(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string {
  if (env.JAUNT_HOME) return path.resolve(env.JAUNT_HOME);
  // os.homedir() reads HOME / USERPROFILE, which a project .env could have set: fall back to the account's record.
  const home = (platform === "win32" ? env.USERPROFILE : env.HOME) || os.userInfo().homedir;
  if (platform === "win32") return path.join(env.APPDATA || path.join(home, "AppData", "Roaming"), "jaunt");
  if (platform === "darwin") return path.join(home, "Library", "Application Support", "jaunt");
  const xdg = env.XDG_CONFIG_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, ".config"), "jaunt");
}

function storeFile(home: string): string {
  return path.join(home, TRUST_FILE_NAME);
}

function isRecordedSetting(value: unknown): value is RecordedSetting {
  return isRecord(value) && typeof value.name === "string" && typeof value.shown === "string" && typeof value.file === "string";
}

function isTrustRecord(value: unknown): value is TrustRecord {
  return isRecord(value) && typeof value.digest === "string" && typeof value.trustedAt === "string" && Array.isArray(value.settings) && value.settings.every(isRecordedSetting);
}

interface Store {
  readonly records: Map<string, TrustRecord>;
  /** Why an existing store file could not be read; undefined when absent or fine. */
  readonly unreadable: string | undefined;
}

/** All records. An absent store is empty; so is an unreadable one for checks (trust is asked again, nothing is sent unasked). */
function readStore(home: string): Store {
  const records = new Map<string, TrustRecord>();
  let text: string;
  try {
    text = readFileSync(storeFile(home), "utf8");
  } catch (error) {
    const absent = isRecord(error) && error.code === "ENOENT";
    return { records, unreadable: absent ? undefined : error instanceof Error ? error.message : String(error) };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { records, unreadable: error instanceof Error ? error.message : String(error) };
  }
  if (!isRecord(data) || data.format !== STORE_FORMAT || !isRecord(data.projects)) return { records, unreadable: `not a format-${STORE_FORMAT} trust store` };
  for (const [root, record] of Object.entries(data.projects)) if (isTrustRecord(record)) records.set(root, record);
  return { records, unreadable: undefined };
}

/** The store for changing it: an unreadable one is not overwritten (it holds the user's other projects). */
function storeToChange(home: string): Map<string, TrustRecord> {
  const { records, unreadable } = readStore(home);
  if (unreadable === undefined) return records;
  throw new JauntConfigError(`cannot read the trusted-projects file ${storeFile(home)}: ${unreadable}`, "config.trust_store_unreadable", {
    location: { file: storeFile(home) },
    hint: "fix or remove it (removing it forgets every trusted project: each asks again); JAUNT_HOME chooses another folder",
  });
}

function writeStore(home: string, records: ReadonlyMap<string, TrustRecord>): void {
  mkdirSync(home, { recursive: true });
  const file = storeFile(home);
  const temp = `${file}.${process.pid}.tmp`;
  const projects = Object.fromEntries([...records].sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(temp, `${JSON.stringify({ format: STORE_FORMAT, projects }, null, 2)}\n`, { mode: 0o600 });
  try {
    renameSync(temp, file);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}

/** The record for the project at `root` (a real path), if any. */
export function readTrustRecord(home: string, root: string): TrustRecord | undefined {
  return readStore(home).records.get(root);
}

/**
 * Record (or replace) the trust of the project at `root`.
 * @throws {JauntConfigError} `config.trust_store_unreadable` when the store exists but cannot be read.
 */
export function writeTrustRecord(home: string, root: string, record: TrustRecord): void {
  const records = storeToChange(home);
  records.set(root, record);
  writeStore(home, records);
}

/** Forget the project at `root`; false when it was not recorded. Throws as `writeTrustRecord`. */
export function removeTrustRecord(home: string, root: string): boolean {
  const records = storeToChange(home);
  if (!records.delete(root)) return false;
  writeStore(home, records);
  return true;
}

/** Where the records live, for messages. */
export function trustStorePath(home: string): string {
  return storeFile(home);
}
