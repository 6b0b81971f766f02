/** Turn a title into a URL slug. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug === "") throw new RangeError(`nothing is left of the title ${JSON.stringify(title)}`);
  return slug;
}

/** Shorten `text` to at most `max` characters, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (max < 1) throw new RangeError(`max must be at least 1, got ${max}`);
  if (text.length <= max) return text;
  const room = max - 1;
  const lastSpace = text.lastIndexOf(" ", room);
  const cut = lastSpace > 0 ? text.slice(0, lastSpace) : text.slice(0, room);
  return `${cut.trimEnd()}…`;
}
