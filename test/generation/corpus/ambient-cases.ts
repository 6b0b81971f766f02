/**
 * Ambient declarations in answers: `declare function helper(…)` or `declare
 * const X` type-checks but defines nothing, so the module throws
 * ReferenceError on first use. Every value declared that way is rejected;
 * type-only declarations (an interface augmenting a global, a class field
 * marked `declare`) define nothing that could be called, and are accepted.
 */
import type { CorpusCase, Verdict } from "./cases.ts";
import { ATTEMPT_GOOD, SLUG_GOOD } from "./code.ts";

const ts = (code: string) => `\`\`\`ts\n${code.trimEnd()}\n\`\`\``;
const rejected = (message: RegExp): Verdict => ({ accepted: false, diagnostic: "jaunt/ambient-declaration", message });
const USES_COLLAPSE = SLUG_GOOD.replace('title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")', "collapse(title)");

export const AMBIENT_CASES: readonly CorpusCase[] = [
  {
    name: "a helper declared with `declare function` instead of defined",
    spec: "slug",
    answer: `I'll use a helper for collapsing separators:\n\n${ts(`declare function collapse(text: string): string;\n\n${USES_COLLAPSE}`)}`,
    verdict: rejected(/`declare function collapse` only tells the type checker.*define `collapse` in this module/),
  },
  {
    name: "an exported `declare function` helper",
    spec: "slug",
    answer: ts(`export declare function collapse(text: string): string;\n\n${USES_COLLAPSE}`),
    verdict: rejected(/`declare function collapse`/),
  },
  {
    name: "a constant declared with `declare const` instead of given a value",
    spec: "slug",
    answer: ts(`declare const SEPARATOR: string;\n\n${SLUG_GOOD.replace('"-")', "SEPARATOR)")}`),
    verdict: rejected(/`declare const SEPARATOR`.*ReferenceError/),
  },
  {
    name: "a global declared with `declare global { function … }`",
    spec: "attempt",
    answer: ts(`declare global {\n  function reportFailure(error: unknown): void;\n}\n\n${ATTEMPT_GOOD.replace("    return [error as E, null];", "    reportFailure(error);\n    return [error as E, null];")}`),
    verdict: rejected(/`declare global` declares `function reportFailure`/),
  },
  {
    name: "a class declared with `declare class`",
    spec: "slug",
    answer: ts(`declare class Lru<K, V> {\n  get(key: K): V | undefined;\n}\n\n${SLUG_GOOD}\nexport const EMPTY: Lru<string, string> | undefined = undefined;`),
    verdict: rejected(/`declare class Lru`/),
  },
  {
    name: "an interface augmenting a global in `declare global` (types only) is accepted",
    spec: "attempt",
    answer: ts(`declare global {\n  interface ErrorConstructor {\n    captureStackTrace(target: object): void;\n  }\n}\n\n${ATTEMPT_GOOD}`),
    verdict: { accepted: true, includes: ["interface ErrorConstructor"] },
  },
  {
    name: "a class field marked `declare` (a type-only field) is accepted",
    spec: "slug",
    answer: ts(SLUG_GOOD.replace("  private readonly entries = new Map<K, V>();", "  declare readonly kind: string;\n  private readonly entries = new Map<K, V>();")),
    verdict: { accepted: true, includes: ["declare readonly kind: string;"] },
  },
];
