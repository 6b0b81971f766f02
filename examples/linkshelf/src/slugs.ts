import * as jaunt from "@jaunt/runtime";
import { slugify } from "./text";

/**
 * A slug for `title` that is not in `taken`: the plain slug when free,
 * otherwise the slug with "-2", "-3", … appended, the first one free.
 * @example
 * uniqueSlug("Hello", new Set()) // => "hello"
 * uniqueSlug("Hello", new Set(["hello", "hello-2"])) // => "hello-3"
 */
export const uniqueSlug = jaunt.magic(
  { deps: [slugify] },
  function uniqueSlug(title: string, taken: ReadonlySet<string>): string {
    return jaunt.todo();
  },
);
