/** Words for project trust: the refusal, and what `jaunt trust` says. */
import { realpathSync } from "node:fs";
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import type { TrustCheck } from "./project-trust.ts";
import { needsTrust, type ProjectSetting, type SecretRoute } from "./route-types.ts";

/** `root`'s real path (the path itself when it does not exist). */
export function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/** A file as messages show it: relative to the project root when inside it. */
export function displayPath(root: string, file: string): string {
  const relative = path.relative(root, realRoot(file));
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative.split(path.sep).join("/") : file;
}

function where(root: string, setting: Pick<ProjectSetting, "file" | "line">): string {
  return `${displayPath(root, setting.file)}${setting.line === undefined ? "" : `:${setting.line}`}`;
}

/** `OPENAI_API_KEY would be sent to api.openai.com (https://api.openai.com/v1) with LLM requests`. */
export function routeLine(route: SecretRoute): string {
  const via = route.proxy ? ` through the proxy ${route.proxy.host}` : "";
  return `${route.credential} would be sent to ${route.destination.host} (${route.destination.url})${via} with ${route.purpose}`;
}

/** `[llm] base_url = "https://…"  (jaunt.toml:7)`. */
export function settingLine(root: string, setting: ProjectSetting): string {
  return `${setting.name} = ${JSON.stringify(setting.shown)}  (${where(root, setting)})`;
}

/** The command that trusts this project from the current folder. */
export function trustCommand(root: string, cwd: string = process.cwd()): string {
  const inside = !path.relative(root, realRoot(cwd)).startsWith("..");
  return inside ? "jaunt trust" : `jaunt trust --root ${JSON.stringify(root)}`;
}

/** The routes needing trust, each with the settings that chose it (indented two spaces). */
function needingLines(check: TrustCheck): string[] {
  return check.needing.flatMap((route) => [`  ${routeLine(route)}, as set by:`, ...route.settings.map((setting) => `    ${settingLine(check.root, setting)}`)]);
}

/** The `config.untrusted_project` error (exit 2) for a check in state "untrusted" or "changed". */
export function refusalError(check: TrustCheck): JauntConfigError {
  const head =
    check.state === "changed"
      ? `this project's settings that choose where your credentials go changed since you trusted it (${check.record?.trustedAt ?? "earlier"}); nothing was sent`
      : "this project chooses where your credentials go, and you have not trusted it; nothing was sent";
  const first = check.needing[0]?.settings[0];
  const ignored = check.ignoredSwitch
    ? ` (JAUNT_TRUST_PROJECT in ${where(check.root, check.ignoredSwitch)} was ignored: it counts only from your own environment, not from the project's files)`
    : "";
  return new JauntConfigError([`${head}:`, ...needingLines(check)].join("\n"), "config.untrusted_project", {
    ...(first ? { location: { file: first.file, ...(first.line === undefined ? {} : { line: first.line }) } } : {}),
    hint: `if these are the hosts you expect, run \`${trustCommand(check.root)}\` (asked again whenever they change); in CI, set JAUNT_TRUST_PROJECT=1 in the pipeline's own environment${ignored}; \`--offline\` builds from cached answers without sending anything`,
  });
}

const STATE_WORDS: Readonly<Record<TrustCheck["state"], string>> = {
  not_needed: "nothing to trust now: no credential would go to another machine by this project's choice",
  trusted: "trusted",
  trusted_by_env: "trusted for this run by JAUNT_TRUST_PROJECT=1",
  untrusted: "not trusted: commands that would send these credentials refuse",
  changed: "not trusted: the settings changed since you trusted them",
};

/** `jaunt trust --show` (and the report after `jaunt trust` / `--revoke`): what is trusted and what would go where. */
export function formatTrustReport(check: TrustCheck, action: "shown" | "trusted" | "revoked", removed = false): string {
  const lines: string[] = [];
  if (action === "trusted") lines.push(`Trusted ${check.root}; asked again when these settings change.`);
  if (action === "revoked") lines.push(removed ? `Forgot the trust of ${check.root}.` : `${check.root} was not trusted; nothing to forget.`);
  lines.push(`${check.root}: ${STATE_WORDS[check.state]}${check.state === "trusted" && check.record ? ` (since ${check.record.trustedAt})` : ""}`);
  for (const route of check.routes) {
    const status = needsTrust(route)
      ? ""
      : !route.sends
        ? ` — nothing is sent while ${route.credential} is unset`
        : route.settings.length === 0
          ? " — your own settings"
          : " — this machine, no trust needed";
    lines.push(`  ${routeLine(route)}${status}`);
    for (const setting of route.settings) lines.push(`    ${settingLine(check.root, setting)}`);
  }
  if (check.state === "changed" && check.record) {
    lines.push(`  trusted on ${check.record.trustedAt}:`);
    if (check.record.settings.length === 0) lines.push("    no project settings");
    for (const setting of check.record.settings) lines.push(`    ${setting.name} = ${JSON.stringify(setting.shown)}  (${setting.file}${setting.line === undefined ? "" : `:${setting.line}`})`);
  }
  if (check.state === "untrusted" || check.state === "changed") lines.push(`Run \`${trustCommand(check.root)}\` to trust them.`);
  return lines.join("\n");
}

/** What `jaunt init` says about the trust it recorded. */
export function formatInitTrust(check: TrustCheck): string {
  const lines = ["Trusted this project's current settings (a change to where they send credentials asks again; `jaunt trust --show` tells what goes where)."];
  for (const route of check.needing) lines.push(`  ${routeLine(route)}, as set by:`, ...route.settings.map((setting) => `    ${settingLine(check.root, setting)}`));
  return lines.join("\n");
}

/** The `--json` document of `jaunt trust`. */
export function trustJson(check: TrustCheck, action: "shown" | "trusted" | "revoked", removed = false): Record<string, unknown> {
  return {
    ok: true,
    root: check.root,
    action,
    ...(action === "revoked" ? { removed } : {}),
    state: check.state,
    ...(check.record ? { trustedAt: check.record.trustedAt } : {}),
    routes: check.routes.map((route) => ({
      purpose: route.purpose,
      credential: route.credential,
      url: route.destination.url,
      host: route.destination.host,
      ...(route.proxy ? { proxy: route.proxy.url } : {}),
      sends: route.sends,
      needsTrust: needsTrust(route),
      settings: route.settings.map((setting) => ({
        name: setting.name,
        value: setting.shown,
        file: displayPath(check.root, setting.file),
        ...(setting.line === undefined ? {} : { line: setting.line }),
      })),
    })),
  };
}
