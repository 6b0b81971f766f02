/**
 * Corpus answers about whose state code run at import changes when it goes
 * through another name (an alias, a destructured property, a loop
 * variable), about top-level `using`, and about built-ins models reach for
 * at top level (Intl, TextEncoder, Symbol.for, WeakMap caches, Map.groupBy,
 * EventTarget, Proxy). Copies and pure built-ins pass; changing an import's
 * or a global's object, I/O through an alias, and disposal we cannot see
 * do not.
 */
import type { CorpusCase, Verdict } from "./cases.ts";
import { FMT_BODY, SLUG_GOOD } from "./code.ts";

const ts = (code: string) => `\`\`\`ts\n${code.trimEnd()}\n\`\`\``;
const includes = (...parts: string[]): Verdict => ({ accepted: true, includes: parts });
const rejected = (diagnostic: string, message?: RegExp): Verdict => (message ? { accepted: false, diagnostic, message } : { accepted: false, diagnostic });
const EFFECT = "jaunt/top-level-side-effect";
const FMT_TYPES = 'import type { FormatOptions } from "../fmt";\n';
/** SLUG_GOOD whose separator comes from `expr` (so the answer uses what it computed at top level). */
const slugWith = (expr: string) => SLUG_GOOD.replace('"-")', `${expr})`);

const SLUG_USING_INSIDE = SLUG_GOOD.replace("export function slugify(title: string): string {", 'export function slugify(title: string): string {\n  using _log = openLog("slugify");');

export const MODULE_STATE_CASES: readonly CorpusCase[] = [
  // ── Aliases of imported and global objects ───────────────────────────────
  { name: "registering through a local alias of an imported registry", spec: "slug", answer: `Register it under a shorter name:\n${ts(`import { plugins } from "../registry";\n\nconst registry = plugins;\n\n${SLUG_GOOD}\nregistry.push("slugify");`)}`, verdict: rejected(EFFECT, /"registry\.push\("slugify"\)" runs at import \(`registry` refers to `plugins`, not a copy\)/) },
  { name: "handlers destructured from an imported config, then set", spec: "slug", answer: ts(`import { config } from "../registry";\n\nconst { handlers } = config;\n\n${SLUG_GOOD}\nhandlers.set("slugify", slugify);`), verdict: rejected(EFFECT, /handlers\.set\("slugify", slugify\)" runs at import \(`handlers` refers to `config\.handlers`, not a copy\)/) },
  { name: "a helper called at import pushes to an alias of an imported list", spec: "slug", answer: ts(`import { config } from "../registry";\n\nfunction register(name: string): void {\n  const list = config.plugins;\n  list.push(name);\n}\n\nregister("slugify");\n\n${SLUG_GOOD}`), verdict: rejected(EFFECT, /"register\("slugify"\)" runs at import, and reaches "list\.push\(name\)"/) },
  { name: "a loop over an imported map changes each handler", spec: "slug", answer: ts(`import { handlers } from "../registry";\n\n${SLUG_GOOD}\nfor (const [name, handler] of handlers) Object.defineProperty(handler, "displayName", { value: name });`), verdict: rejected(EFFECT, /Object\.defineProperty\(handler/) },
  { name: "forEach over an imported map names each handler", spec: "slug", answer: ts(`import { handlers } from "../registry";\n\n${SLUG_GOOD}\nhandlers.forEach((handler, name) => {\n  Object.defineProperty(handler, "displayName", { value: name });\n});`), verdict: rejected(EFFECT, /Object\.defineProperty\(handler, "displayName"/) },
  { name: "reduce over an imported list into a fresh accumulator", spec: "slug", answer: ts(`import { plugins } from "../registry";\n\nconst BY_LENGTH = plugins.reduce((acc, name) => {\n  acc.set(name, name.length);\n  return acc;\n}, new Map<string, number>());\n\n${slugWith('BY_LENGTH.size > 100 ? "_" : "-"')}`), verdict: includes("acc.set(name, name.length);") },
  { name: "a default written into an alias of process.env", spec: "slug", answer: ts(`const env = process.env;\nenv["SLUG_SEPARATOR"] ??= "-";\n\n${slugWith('env["SLUG_SEPARATOR"]')}`), verdict: rejected(EFFECT, /env\["SLUG_SEPARATOR"\] \?\?= "-"/) },
  { name: "a stop-word loader reaches readFileSync through a destructured alias", spec: "slug", answer: ts(`import fs from "node:fs";\n\nconst { readFileSync: read } = fs;\n\nfunction loadStopWords(): Set<string> {\n  return new Set(read("stop-words.txt", "utf8").split("\\n"));\n}\n\nconst STOP_WORDS = loadStopWords();\n\n${slugWith('STOP_WORDS.has("-") ? "_" : "-"')}`), verdict: rejected(EFFECT, /"loadStopWords\(\)" runs at import, and reaches "read"/) },
  { name: "a copy of an imported registry extended locally", spec: "slug", answer: ts(`import { plugins } from "../registry";\n\nconst KNOWN = [...plugins];\nKNOWN.push("slugify");\nconst SETTINGS = { ...{ separator: "-" } };\nSETTINGS.separator = KNOWN.length > 100 ? "_" : "-";\n\n${slugWith("SETTINGS.separator")}`), verdict: includes('KNOWN.push("slugify");') },
  { name: "a function destructured from an imported project namespace, called at import", spec: "slug", answer: ts(`import * as registry from "../registry";\n\nconst { defineName } = registry;\nconst NAME = defineName(" slugify ");\n\n${slugWith('NAME.length > 100 ? "_" : "-"')}`), verdict: includes("const NAME = defineName(") },
  { name: "process.env destructured and read by a helper at import", spec: "slug", answer: ts(`const { env } = process;\n\nfunction separator(): string {\n  return env["SLUG_SEPARATOR"] ?? "-";\n}\n\nconst SEPARATOR = separator();\n\n${slugWith("SEPARATOR")}`), verdict: includes("const { env } = process;") },

  // ── using / await using at top level ─────────────────────────────────────
  { name: "a top-level using of an imported resource", spec: "slug", answer: ts(`import { openLog } from "../registry";\n\nusing log = openLog("slug");\n\n${SLUG_GOOD}`), verdict: rejected(EFFECT, /"log = openLog\("slug"\)" is a top-level `using`: its disposal runs when the module finishes evaluating/) },
  { name: "a top-level await using", spec: "slug", answer: ts(`import { openLog } from "../registry";\n\nawait using log = openLog("slug");\n\n${SLUG_GOOD}`), verdict: rejected("jaunt/top-level-await") },
  { name: "a top-level using of a local object whose dispose logs", spec: "slug", answer: ts(`using scope = {\n  [Symbol.dispose]() {\n    console.debug("slug module ready");\n  },\n};\n\n${SLUG_GOOD}`), verdict: rejected(EFFECT, /console/) },
  { name: "using inside the exported function", spec: "slug", answer: ts(`import { openLog } from "../registry";\n\n${SLUG_USING_INSIDE}`), verdict: includes('using _log = openLog("slugify");') },

  // ── Built-ins at top level ────────────────────────────────────────────────
  { name: "Intl, TextEncoder, Symbol.for, a frozen local, a WeakMap cache and Map.groupBy at top level", spec: "fmt", answer: ts(`${FMT_TYPES}const ENCODER = new TextEncoder();\nconst CACHE_KEY = Symbol.for("fmt.cache");\nconst DEFAULTS = { width: 0, digits: 2 };\nObject.freeze(DEFAULTS);\nconst FORMATTERS = new WeakMap<FormatOptions, Intl.NumberFormat>();\nconst GROUPING = new Intl.NumberFormat("en-US", { useGrouping: false });\nconst BY_PARITY = Map.groupBy([0, 1, 2, 3], (d) => (d % 2 === 0 ? "even" : "odd"));\nconst BLANK = structuredClone({ fill: " " });\n\n${FMT_BODY.replace("return text", "void [ENCODER.encode(text), CACHE_KEY, DEFAULTS, FORMATTERS, GROUPING, BY_PARITY, BLANK];\n  return text")}`), verdict: includes("Map.groupBy(", "Object.freeze(DEFAULTS);") },
  { name: "Math and JSON functions destructured at top level", spec: "fmt", answer: ts(`${FMT_TYPES}const { max, min } = Math;\nconst { parse } = JSON;\nconst LIMITS = parse('{"width": 40}') as { width: number };\nconst MAX_WIDTH = min(max(LIMITS.width, 1), 80);\n\n${FMT_BODY.replace("options.width", "min(options.width, MAX_WIDTH)")}`), verdict: includes("const { max, min } = Math;") },
  { name: "an EventTarget and an AbortController created at top level", spec: "fmt", answer: ts(`${FMT_TYPES}export const formatEvents = new EventTarget();\nconst lifetime = new AbortController();\n\n${FMT_BODY.replace("return text", 'formatEvents.dispatchEvent(new Event("format"));\n  void lifetime.signal;\n  return text')}`), verdict: includes("new EventTarget()") },
  { name: "a Proxy of local defaults with a pure get trap", spec: "fmt", answer: ts(`${FMT_TYPES}const DEFAULTS = new Proxy({ width: 0 } as Record<string, number>, {\n  get: (target, key) => (typeof key === "string" ? (target[key] ?? 0) : 0),\n});\nconst MIN_WIDTH = DEFAULTS["width"] ?? 0;\n\n${FMT_BODY.replace("options.width", "Math.max(options.width, MIN_WIDTH)")}`), verdict: includes("new Proxy(") },
  { name: "a Proxy whose get trap logs, read at import", spec: "fmt", answer: ts(`${FMT_TYPES}const DEFAULTS = new Proxy({ width: 0 } as Record<string, number>, {\n  get(target, key) {\n    console.log("read", key);\n    return typeof key === "string" ? (target[key] ?? 0) : 0;\n  },\n});\nconst MIN_WIDTH = DEFAULTS["width"] ?? 0;\n\n${FMT_BODY.replace("options.width", "Math.max(options.width, MIN_WIDTH)")}`), verdict: rejected(EFFECT, /console/) },
];
