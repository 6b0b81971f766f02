/**
 * A web page where an API answer was expected — a proxy's or gateway's error
 * page (Cloudflare's 520 or "Just a moment…" challenge, nginx's 413), a login
 * page — read for what it says: its `<title>` (else its first heading, else
 * its first words), not its first bytes of markup.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", hellip: "…", mdash: "—", ndash: "–" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function plain(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
}

/** True when the body is an HTML page (by content type, or by its first markup). */
export function isHtmlPage(text: string, contentType: string | null): boolean {
  if ((contentType ?? "").toLowerCase().includes("html")) return true;
  const head = text.trimStart().slice(0, 512).toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || /^(?:<!--[\s\S]*?-->\s*)*<(?:html|head|body)\b/.test(head);
}

/** What the page says about itself, cut to 160 characters; undefined when it is not an HTML page. */
export function pageSummary(text: string, contentType: string | null): string | undefined {
  if (!isHtmlPage(text, contentType)) return undefined;
  const withoutScripts = text.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ").replace(/<!--[\s\S]*?-->/g, " ");
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(withoutScripts)?.[1];
  const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(withoutScripts)?.[1];
  const said = [title, heading].map((t) => (t === undefined ? "" : plain(t))).find((t) => t !== "") ?? plain(withoutScripts);
  return said.length > 160 ? `${said.slice(0, 160)}…` : said;
}
