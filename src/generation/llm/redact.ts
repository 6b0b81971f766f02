/**
 * Secrets out of anything shown to the user (errors, progress, `--json`, logs,
 * cache files): the API key, `sk-…`-style keys, and the secret parts of URLs —
 * userinfo (`https://user:token@host`) and secret-looking query values
 * (`?key=…`, `?api_key=…`, `?sig=…`). A base URL may legitimately carry
 * credentials for a gateway; it is sent as configured and shown only redacted.
 */

const REDACTED = "***";

/** Query parameter names whose values are credentials (compared lowercased, `-` and `_` ignored). */
const SECRET_QUERY_NAMES = new Set([
  "key",
  "apikey",
  "token",
  "accesstoken",
  "authtoken",
  "auth",
  "authorization",
  "secret",
  "clientsecret",
  "password",
  "pass",
  "pwd",
  "sig",
  "signature",
  "xamzsignature",
  "xamzcredential",
  "xamzsecuritytoken",
  "xgoogsignature",
  "xgoogcredential",
  "code",
  "session",
  "sessiontoken",
]);

function isSecretName(name: string): boolean {
  const bare = name.toLowerCase().replace(/[-_]/g, "");
  return SECRET_QUERY_NAMES.has(bare) || bare.endsWith("key") || bare.endsWith("token") || bare.endsWith("secret");
}

/**
 * `url` with userinfo and secret query values replaced by `***`; the scheme,
 * host, port, path and harmless query values (`api-version=…`) stay readable.
 * Text that does not parse as a URL is returned with any `user:pass@` removed.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@\s]*@/, `//${REDACTED}@`);
  }
  const hadUserinfo = parsed.username !== "" || parsed.password !== "";
  let query = parsed.search;
  if (query.length > 1) {
    query = `?${query
      .slice(1)
      .split("&")
      .map((pair) => {
        const eq = pair.indexOf("=");
        if (eq === -1) return pair;
        return isSecretName(decodeURIComponentSafe(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
      })
      .join("&")}`;
  }
  const auth = hadUserinfo ? `${REDACTED}@` : "";
  // Rebuild by hand: URL.toString() would re-encode `***` in the userinfo.
  return `${parsed.protocol}//${auth}${parsed.host}${parsed.pathname === "/" && !url.replace(/[?#].*$/, "").endsWith("/") ? "" : parsed.pathname}${query}${parsed.hash}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/**
 * Text with every secret removed: the key itself, `sk-…`-style keys, bearer
 * tokens, and the secret parts of every URL in it.
 */
export function redactText(text: string, apiKey = ""): string {
  let out = apiKey.length >= 4 ? text.split(apiKey).join(REDACTED) : text;
  out = out.replace(URL_IN_TEXT, (url) => redactUrl(url));
  out = out.replace(/\bsk-[A-Za-z0-9_*-]{6,}/g, "sk-***");
  out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${REDACTED}`);
  return out;
}
