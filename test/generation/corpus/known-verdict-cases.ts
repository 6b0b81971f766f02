/**
 * Corpus answers the gate used to judge wrongly: a method of a local
 * constant called under a new name and a timer wrapped (not called) at top
 * level were rejected; a local object's own method doing I/O called at
 * import, a static field holding an import changed through the class, and
 * a Proxy of an import exercised at import, were accepted.
 */
import type { CorpusCase, Verdict } from "./cases.ts";
import { FMT_BODY, SLUG_GOOD } from "./code.ts";

const ts = (code: string) => `\`\`\`ts\n${code.trimEnd()}\n\`\`\``;
const includes = (...parts: string[]): Verdict => ({ accepted: true, includes: parts });
const rejected = (message: RegExp): Verdict => ({ accepted: false, diagnostic: "jaunt/top-level-side-effect", message });
const FMT_TYPES = 'import type { FormatOptions } from "../fmt";\n';
const slugWith = (expr: string) => SLUG_GOOD.replace('"-")', `${expr})`);

export const KNOWN_VERDICT_CASES: readonly CorpusCase[] = [
  // ── Wrongly rejected before ───────────────────────────────────────────────
  { name: "a local formatter's method called under a new name at import", spec: "fmt", answer: ts(`${FMT_TYPES}const fmt = new Intl.NumberFormat("en", { useGrouping: false });\nconst format = fmt.format;\nconst ZERO = format(0);\n\n${FMT_BODY.replace("return text", "return ZERO === text ? ZERO : text")}`), verdict: includes("const ZERO = format(0);") },
  { name: "a local formatter's method destructured and called at import", spec: "fmt", answer: ts(`${FMT_TYPES}const fmt = new Intl.NumberFormat("en", { useGrouping: false });\nconst { format } = fmt;\nconst ONE = format(1);\n\n${FMT_BODY.replace("return text", "return ONE === text ? ONE : text")}`), verdict: includes("const { format } = fmt;") },
  { name: "a pure method of a local object called under a new name at import", spec: "slug", answer: ts(`const text = {\n  dash(n: number): string {\n    return "-".repeat(n);\n  },\n};\nconst { dash } = text;\nconst SEPARATOR = dash(1);\n\n${slugWith("SEPARATOR")}`), verdict: includes("const SEPARATOR = dash(1);") },
  { name: "a local object's logging method called at import", spec: "slug", answer: ts(`const log = {\n  ready: (name: string) => console.info(name, "ready"),\n};\nlog.ready("slug");\n\n${SLUG_GOOD}`), verdict: rejected(/"log\.ready\("slug"\)" runs at import, and reaches "console"/) },
  { name: "a local object's logging method called under a new name at import", spec: "slug", answer: ts(`const log = {\n  ready: (name: string) => console.info(name, "ready"),\n};\nconst ready = log.ready;\nready("slug");\n\n${SLUG_GOOD}`), verdict: rejected(/"ready\("slug"\)" runs at import, and reaches "console"/) },
  { name: "a sleep helper built with promisify(setTimeout) at top level", spec: "slug", answer: ts(`import { promisify } from "node:util";\n\nexport const sleep = promisify(setTimeout);\n\n${SLUG_GOOD}`), verdict: includes("export const sleep = promisify(setTimeout);") },
  { name: "a sleep helper built with util.promisify(setTimeout) at top level", spec: "slug", answer: ts(`import util from "node:util";\n\nconst sleep = util.promisify(setTimeout);\nexport const pause = (ms: number) => sleep(ms);\n\n${SLUG_GOOD}`), verdict: includes("const sleep = util.promisify(setTimeout);") },
  { name: "a sleep arrow using setTimeout defined, not called, at top level", spec: "slug", answer: ts(`export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));\nconst helpers = { sleep };\n\n${slugWith('helpers.sleep === sleep ? "-" : "_"')}`), verdict: includes("const helpers = { sleep };") },
  { name: "a sleep arrow called at import", spec: "slug", answer: ts(`const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));\nconst READY = sleep(0);\n\n${slugWith('READY ? "-" : "_"')}`), verdict: rejected(/"sleep\(0\)" runs at import, and reaches "setTimeout"/) },
  { name: "a promisified timer called at import", spec: "slug", answer: ts(`import { promisify } from "node:util";\n\nconst sleep = promisify(setTimeout);\nconst READY = sleep(0);\n\n${slugWith('READY ? "-" : "_"')}`), verdict: rejected(/sleep\(0\)/) },

  // ── Wrongly accepted before ───────────────────────────────────────────────
  { name: "a static block pushes to a static field holding an imported list", spec: "slug", answer: ts(`import { plugins } from "../registry";\n\nclass Slugs {\n  static list = plugins;\n  static {\n    this.list.push("slugify");\n  }\n}\n\n${slugWith('Slugs.list.length > 100 ? "_" : "-"')}`), verdict: rejected(/this\.list\.push\("slugify"\)/) },
  { name: "a top-level call pushes through a class's static field holding an import", spec: "slug", answer: ts(`import { plugins } from "../registry";\n\nclass Slugs {\n  static readonly list = plugins;\n}\n\nSlugs.list.push("slugify");\n\n${slugWith('Slugs.list.length > 100 ? "_" : "-"')}`), verdict: rejected(/Slugs\.list\.push\("slugify"\)/) },
  { name: "a helper run at import pushes through a class's static field holding an import", spec: "slug", answer: ts(`import { plugins } from "../registry";\n\nclass Slugs {\n  static list = plugins;\n  static register(name: string): void {\n    Slugs.list.push(name);\n  }\n}\n\nSlugs.register("slugify");\n\n${slugWith('Slugs.list.length > 100 ? "_" : "-"')}`), verdict: rejected(/Slugs\.list\.push\(name\)/) },
  { name: "a static field given a fresh list of its own, then filled", spec: "slug", answer: ts(`import { plugins } from "../registry";\n\nclass Slugs {\n  static list = [...plugins];\n  static {\n    this.list.push("slugify");\n  }\n}\n\n${slugWith('Slugs.list.length > 100 ? "_" : "-"')}`), verdict: includes('this.list.push("slugify");') },
  { name: "a Proxy of imported settings written through at import", spec: "slug", answer: ts(`import { settings } from "../registry";\n\nconst tracked = new Proxy(settings, {\n  set(target, key, value) {\n    return Reflect.set(target, key, value);\n  },\n});\ntracked.separator = "_";\n\n${slugWith("tracked.separator")}`), verdict: rejected(/tracked\.separator = "_"|Reflect\.set\(target, key, value\)/) },
  { name: "a Proxy of imported settings whose get trap counts reads into it, read at import", spec: "slug", answer: ts(`import { settings } from "../registry";\n\nconst counted = new Proxy(settings as Record<string, unknown>, {\n  get(target, key) {\n    target["reads"] = Number(target["reads"] ?? 0) + 1;\n    return Reflect.get(target, key);\n  },\n});\nconst SEPARATOR = String(counted["separator"]);\n\n${slugWith("SEPARATOR")}`), verdict: rejected(/target\["reads"\] = /) },
];
