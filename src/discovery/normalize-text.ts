/**
 * Formatting-insensitive form of spec text, used for recorded texts and
 * digests: CRLF → LF, no trailing whitespace on lines, no leading or trailing
 * blank lines. (Separate from the parser so digests never load TypeScript.)
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/^\n+/, "")
    .replace(/\n+$/, "");
}

/** `sha256:<hex>` of the normalized text: a content digest that ignores line endings and trailing blanks. */
export function normalizedTextDigest(text: string): `sha256:${string}` {
  return `sha256:${Bun.CryptoHasher.hash("sha256", normalizeText(text), "hex")}`;
}
