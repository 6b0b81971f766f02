/**
 * `@property` lines in a spec's JSDoc: a law the code must keep for every
 * input (`@property for every title, slugify(title) never contains "--"`),
 * written into the generated tests as a fast-check property. JSDoc's own
 * `@property {Type} name` (a typedef's field) starts with a type in braces and
 * is not one of these.
 */
import type { PropertyInput } from "../types.ts";

const JSDOC = /\/\*\*([\s\S]*?)\*\//g;

/** The `@property` texts in the JSDoc blocks of `text` (a spec's source or public API), in order. */
export function propertyLines(text: string): string[] {
  const found: string[] = [];
  for (const block of text.matchAll(JSDOC)) {
    const lines = (block[1] ?? "").split(/\r?\n/).map((line) => line.replace(/^\s*\*?\s?/, "").trimEnd());
    for (let i = 0; i < lines.length; i++) {
      const match = /^@property(?:\s+(.*))?$/.exec((lines[i] ?? "").trim());
      if (!match) continue;
      const parts = [match[1] ?? ""];
      // A property may continue on the following lines, up to the next tag or a blank line.
      while (i + 1 < lines.length && (lines[i + 1] ?? "").trim() !== "" && !(lines[i + 1] ?? "").trim().startsWith("@")) parts.push((lines[++i] ?? "").trim());
      const law = parts.join(" ").replace(/\s+/g, " ").trim();
      if (law !== "" && !law.startsWith("{")) found.push(law);
    }
  }
  return found;
}

/** A seed fixed by the property's spec and words (31 bits, as fast-check takes), so the same law always runs the same inputs. */
export function propertySeed(ref: string, text: string): number {
  const bytes = new Bun.CryptoHasher("sha256").update(`${ref}\n${text}`).digest();
  return ((bytes[0] ?? 0) * 2 ** 24 + (bytes[1] ?? 0) * 2 ** 16 + (bytes[2] ?? 0) * 2 ** 8 + (bytes[3] ?? 0)) % 2 ** 31;
}

/** The properties of specs `sources` (`ref` and the text holding its JSDoc), each with its seed and `numRuns`. */
export function propertiesOf(sources: readonly { readonly ref: string; readonly text: string }[], numRuns: number): PropertyInput[] {
  const seen = new Set<string>();
  const out: PropertyInput[] = [];
  for (const { ref, text } of sources) {
    for (const law of propertyLines(text)) {
      const id = `${ref}\n${law}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ ref, text: law, seed: propertySeed(ref, law), numRuns });
    }
  }
  return out;
}
