import * as jaunt from "@jaunt/runtime";
import { uniqueSlug } from "./slugs";
import { truncate } from "./text";

/** A saved link. */
export interface Bookmark {
  readonly slug: string;
  readonly url: string;
  readonly title: string;
}

/**
 * A shelf of bookmarks addressed by slug.
 * `add` derives a unique slug from the title (see uniqueSlug) and stores the
 * bookmark; `find` looks one up by slug; `list` returns all bookmarks in the
 * order they were added, with titles truncated to `titleWidth` characters.
 * @example
 * const shelf = new Shelf(8);
 * shelf.add("https://bun.sh", "Bun is fast").slug // => "bun-is-fast"
 * shelf.add("https://bun.sh/docs", "Bun is fast").slug // => "bun-is-fast-2"
 * shelf.list().map((b) => b.title) // => ["Bun is…", "Bun is…"]
 * shelf.add("ftp://x", "x") // throws TypeError
 */
@jaunt.magic({ deps: [uniqueSlug, truncate] })
export class Shelf {
  constructor(readonly titleWidth: number = 40) {}

  /** Add a bookmark and return it. @throws {TypeError} when `url` is not an http(s) URL */
  add(url: string, title: string): Bookmark {
    return jaunt.todo();
  }

  find(slug: string): Bookmark | undefined {
    return jaunt.todo();
  }

  list(): Bookmark[] {
    return jaunt.todo();
  }
}
