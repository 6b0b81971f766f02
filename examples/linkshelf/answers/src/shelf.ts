import { uniqueSlug } from "../slugs";
import { truncate } from "../text";
import type { Bookmark } from "../shelf";

/** A shelf of bookmarks addressed by slug. */
export class Shelf {
  readonly #bySlug = new Map<string, Bookmark>();

  constructor(readonly titleWidth: number = 40) {}

  add(url: string, title: string): Bookmark {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw new TypeError(`not a URL: ${url}`);
    }
    if (protocol !== "http:" && protocol !== "https:") throw new TypeError(`not an http(s) URL: ${url}`);
    const slug = uniqueSlug(title, new Set(this.#bySlug.keys()));
    const bookmark: Bookmark = { slug, url, title };
    this.#bySlug.set(slug, bookmark);
    return bookmark;
  }

  find(slug: string): Bookmark | undefined {
    return this.#bySlug.get(slug);
  }

  list(): Bookmark[] {
    return [...this.#bySlug.values()].map((b) => ({ ...b, title: truncate(b.title, this.titleWidth) }));
  }
}
