/** Pull the module out of a model's answer: fences and chatter stripped. */

const FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n([\s\S]*?)^\1?\2[ \t]*$/gm;
const TS_LANGS = new Set(["ts", "typescript", "tsx", "mts"]);

/**
 * The code of the largest ```ts / ```typescript block; else the largest unlabelled
 * block; else the whole text. An unclosed opening fence (a truncated answer) yields
 * everything after it.
 */
export function extractCode(answer: string): string {
  const blocks = Array.from(answer.matchAll(FENCE), (m) => ({ lang: (m[3] ?? "").toLowerCase(), body: m[4] ?? "" }));
  const pick = (list: { body: string }[]) => list.reduce((a, b) => (b.body.length > a.body.length ? b : a)).body;
  const typed = blocks.filter((b) => TS_LANGS.has(b.lang));
  if (typed.length > 0) return finish(pick(typed));
  const plain = blocks.filter((b) => b.lang === "" || b.lang === "js" || b.lang === "javascript");
  if (plain.length > 0) return finish(pick(plain));
  const open = /^[ \t]*```[ \t]*(?:ts|typescript)?[^\n]*\n/m.exec(answer);
  if (open) return finish(answer.slice(open.index + open[0].length).replace(/```\s*$/, ""));
  return finish(answer);
}

function finish(code: string): string {
  return `${code.replace(/^\s*\n/, "").trimEnd()}\n`;
}
