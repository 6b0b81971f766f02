/**
 * Corpus answers about what runs at import (top-level loops, ifs and blocks,
 * static blocks, local helper chains, imported state) and about the module
 * shapes models write besides plain functions (default exports, export
 * lists, augmentations, enums, namespaces, overloads, `satisfies`,
 * `import.meta`, JSX in `.tsx` modules). The verdict follows the rule or the
 * user's own toolchain (syntax errors from Bun's transpiler, TS errors from
 * `bun check`).
 */
import type { CorpusCase, Verdict } from "./cases.ts";
import { ATTEMPT_GOOD, BADGE_GOOD, CRC_FUNCTIONS, CRC_LOOP, FMT_BODY, SLUG_GOOD, STACK_GOOD, USER_GOOD } from "./code.ts";

const ts = (code: string, lang = "ts") => `\`\`\`${lang}\n${code.trimEnd()}\n\`\`\``;
const ok = (code: string): Verdict => ({ accepted: true, code });
const includes = (...parts: string[]): Verdict => ({ accepted: true, includes: parts });
const rejected = (diagnostic: string, message?: RegExp): Verdict => (message ? { accepted: false, diagnostic, message } : { accepted: false, diagnostic });
const EFFECT = "jaunt/top-level-side-effect";
const FMT_TYPES = 'import type { FormatOptions } from "../fmt";\n';

const SLUG_WITH_TABLES = `const REPLACEMENTS = new Map<string, string>();
for (const [from, to] of [["&", "and"], ["@", "at"], ["+", "plus"]] as const) {
  REPLACEMENTS.set(from, to);
}
const STOP_WORDS = new Set<string>();
for (const word of "a an the of".split(" ")) STOP_WORDS.add(word);

${SLUG_GOOD.replace("title.toLowerCase()", 'title.replace(/[&@+]/g, (c) => ` ${REPLACEMENTS.get(c) ?? c} `).split(" ").filter((w) => !STOP_WORDS.has(w)).join(" ").toLowerCase()')}`;

const SLUG_WITH_BRANCHES = `const MAX_LENGTH = 80;
let separator = "-";
if (MAX_LENGTH > 100) {
  separator = "_";
}
const ALPHABET: string[] = [];
{
  const a = "a".charCodeAt(0);
  for (let i = 0; i < 26; i++) ALPHABET.push(String.fromCharCode(a + i));
}

${SLUG_GOOD.replace('"-")', "separator).slice(0, MAX_LENGTH + ALPHABET.length)")}`;

const CRC_PURE_CHAIN = `function crcOf(n: number): number {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function buildTable(): number[] {
  return range(256).map(crcOf);
}

const TABLE = buildTable();

${CRC_FUNCTIONS}`;

const CRC_IO_CHAIN = `import { readFileSync } from "node:fs";

function readPolynomial(): number {
  return Number(readFileSync("poly.txt", "utf8"));
}

function polynomial(): number {
  return readPolynomial() || 0xedb88320;
}

function buildTable(): number[] {
  const poly = polynomial();
  return Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? poly ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
}

const TABLE = buildTable();

${CRC_FUNCTIONS}`;

const STACK_STATIC_TABLE = STACK_GOOD.replace("export class Counter {", "export class Counter {\n  static readonly NAMES: string[] = [];\n  static {\n    for (let i = 0; i < 3; i++) this.NAMES.push(`counter-${i}`);\n  }");
const LRU_REGISTERED = `import { plugins } from "../registry";\n${SLUG_GOOD.replace("export class LruCache<K, V> {", 'export class LruCache<K, V> {\n  static {\n    plugins.push("lru-cache");\n  }')}`;
const ATTEMPT_RENAMED = `${ATTEMPT_GOOD.replace("export function attempt<", "function attemptImpl<").replace("attempt<T, E>(fn)", "attemptImpl<T, E>(fn)")}\nexport { attemptImpl as attempt };`;
const BADGE_GENERIC = (typeParams: string) => `import type { BadgeProps } from "../badge";\n\nconst pick = ${typeParams}(value: T) => value;\n\nexport function Badge({ label, tone }: BadgeProps): JSX.Element {\n  return <span class={pick(\`badge badge-\${tone}\`)}>{label}</span>;\n}`;

export const MODULE_INIT_CASES: readonly CorpusCase[] = [
  // ── Top-level statements that compute module-local data ──────────────────
  { name: "CRC table filled by a top-level for loop into a Uint32Array", spec: "crc", answer: `Precompute the table once:\n\n${ts(CRC_LOOP)}`, verdict: ok(CRC_LOOP) },
  { name: "a Map and a Set filled in for…of loops over literals", spec: "slug", answer: ts(SLUG_WITH_TABLES), verdict: includes("REPLACEMENTS.set(from, to);", "STOP_WORDS.add(word)") },
  { name: "an if on module constants and a top-level block", spec: "slug", answer: ts(SLUG_WITH_BRANCHES), verdict: includes('  separator = "_";', "ALPHABET.push(") },
  { name: "try/catch at top level around a pure computation", spec: "fmt", answer: ts(`${FMT_TYPES}let LOCALE = "en-US";\ntry {\n  LOCALE = new Intl.NumberFormat().resolvedOptions().locale;\n} catch {\n  LOCALE = "en-US";\n}\n\n${FMT_BODY.replace("return text", "void LOCALE;\n  return text")}`), verdict: includes("} catch {") },
  { name: "the table loop in one block, the functions in the next: joined in order", spec: "crc", answer: `First precompute the table:\n${ts(CRC_LOOP.slice(0, CRC_LOOP.indexOf("export function crc32")))}\nThen the exported functions:\n${ts(CRC_LOOP.slice(CRC_LOOP.indexOf("export function crc32")))}`, verdict: ok(CRC_LOOP) },
  { name: "a static block fills a static table through this", spec: "stack", answer: ts(STACK_STATIC_TABLE), verdict: ok(STACK_STATIC_TABLE) },
  { name: "console inside a top-level loop", spec: "crc", answer: ts(CRC_LOOP.replace("  TABLE[n] = c >>> 0;", "  TABLE[n] = c >>> 0;\n  console.debug(`crc[${n}]`, TABLE[n]);")), verdict: rejected(EFFECT, /console\.debug/) },
  { name: "a top-level throw when a built-in is missing", spec: "slug", answer: ts(`if (!("Segmenter" in Intl)) throw new Error("Intl.Segmenter is required");\n${SLUG_GOOD}`), verdict: rejected(EFFECT, /"throw new Error\("Intl\.Segmenter is required"\);" runs at import \(importing would throw\)/) },

  // ── Local helpers followed transitively ──────────────────────────────────
  { name: "a chain of pure local helpers builds the table", spec: "crc", answer: ts(CRC_PURE_CHAIN), verdict: ok(CRC_PURE_CHAIN) },
  { name: "a local helper chain that reaches readFileSync", spec: "crc", answer: ts(CRC_IO_CHAIN), verdict: rejected(EFFECT, /"buildTable\(\)" runs at import, and reaches "polynomial\(\)" \(line 12\) → "readPolynomial\(\)" \(line 8\) → "readFileSync" \(line 4\)/) },

  // ── Imported state is another module's ───────────────────────────────────
  { name: "calling an imported project function at top level", spec: "slug", answer: ts(`import { defineName } from "../registry";\nconst NAME = defineName(" slugify ");\n${SLUG_GOOD.replace('"-")', '"-").slice(0, NAME.length * 100)')}`), verdict: includes("const NAME = defineName(") },
  { name: "registering in an imported registry with push", spec: "slug", answer: `Register the plugin so the app finds it:\n${ts(`import { plugins } from "../registry";\n${SLUG_GOOD}\nplugins.push("slugify");`)}`, verdict: rejected(EFFECT, /plugins\.push/) },
  { name: "handlers.set in a loop over names", spec: "slug", answer: ts(`import { handlers } from "../registry";\n${SLUG_GOOD}\nfor (const name of ["slug", "slugify"]) handlers.set(name, slugify);`), verdict: rejected(EFFECT, /handlers\.set\(name, slugify\)/) },
  { name: "Object.assign on an imported settings object", spec: "slug", answer: ts(`import { settings } from "../registry";\n${SLUG_GOOD}\nObject.assign(settings, { separator: "-" });`), verdict: rejected(EFFECT, /Object\.assign\(settings/) },
  { name: "assigning a property of an imported object", spec: "slug", answer: ts(`import { settings } from "../registry";\n${SLUG_GOOD}\nsettings.separator = "-";`), verdict: rejected(EFFECT, /settings\.separator = "-"/) },
  { name: "a static block pushing to an imported registry", spec: "slug", answer: ts(LRU_REGISTERED), verdict: rejected(EFFECT, /plugins\.push\("lru-cache"\)" runs when the class is defined/) },
  { name: "patching a built-in prototype", spec: "fmt", answer: ts(`${FMT_TYPES}declare global {\n  interface Number { pad(width: number): string }\n}\nNumber.prototype.pad = function (this: number, width: number): string {\n  return String(this).padStart(width);\n};\n\n${FMT_BODY}`), verdict: rejected(EFFECT, /Number\.prototype\.pad = /) },

  // ── Module shapes besides plain exports ──────────────────────────────────
  { name: "export default in addition to the named exports", spec: "attempt", answer: ts(`${ATTEMPT_GOOD}\nexport default attempt;`), verdict: includes("export default attempt;") },
  { name: "zod schema also exported as the default", spec: "user", answer: ts(`${USER_GOOD}\nexport type UserInput = typeof UserSchema;\nexport default UserSchema;`), verdict: includes("export default UserSchema;") },
  { name: "an export list renaming a local", spec: "attempt", answer: ts(ATTEMPT_RENAMED), verdict: ok(`${ATTEMPT_RENAMED}\n`) },
  { name: "a re-export of a project function under the spec's name", spec: "fmt", answer: `The project already has this helper:\n${ts('export { padNumber as formatNumber } from "../registry";')}`, verdict: ok('export { padNumber as formatNumber } from "../registry";\n') },
  { name: "a re-export whose signature does not fit is the compiler's", spec: "fmt", answer: ts('export { padText as formatNumber } from "../registry";'), verdict: rejected("TS2322", /`formatNumber` does not match the spec's declared signature/) },
  { name: "export * from a project file: the type check names what is missing", spec: "fmt", answer: ts('export * from "../registry";'), verdict: rejected("TS2339", /formatNumber/) },
  { name: "a declare global augmentation in the answer", spec: "attempt", answer: ts(`${ATTEMPT_GOOD}\ndeclare global {\n  interface Array<T> {\n    readonly __attempted?: T;\n  }\n}`), verdict: includes("declare global {") },
  { name: "an enum and a const enum", spec: "fmt", answer: ts(`${FMT_TYPES}enum Align {\n  Left = "left",\n  Right = "right",\n}\nconst enum Fill {\n  Space = " ",\n}\n\nexport function formatNumber(value: number, options: FormatOptions): string {\n  const text = options.digits === undefined ? String(value) : value.toFixed(options.digits);\n  return (Align.Right as Align) === Align.Left ? text.padEnd(options.width, Fill.Space) : text.padStart(options.width, Fill.Space);\n}`), verdict: includes("const enum Fill") },
  { name: "console in an enum initialiser", spec: "fmt", answer: ts(`${FMT_TYPES}enum Width {\n  Min = Number(console.log("init")) || 1,\n}\nexport function formatNumber(value: number, options: FormatOptions): string {\n  return String(value).padStart(Math.max(options.width, Width.Min));\n}`), verdict: rejected(EFFECT, /console\.log/) },
  { name: "a namespace of helpers", spec: "fmt", answer: ts(`${FMT_TYPES}namespace Fmt {\n  export const SPACE = " ";\n  export function pad(text: string, width: number): string {\n    return text.padStart(width, SPACE);\n  }\n}\n\nexport function formatNumber(value: number, options: FormatOptions): string {\n  return Fmt.pad(options.digits === undefined ? String(value) : value.toFixed(options.digits), options.width);\n}`), verdict: includes("namespace Fmt {") },
  { name: "console in a namespace body", spec: "fmt", answer: ts(`${FMT_TYPES}namespace Fmt {\n  console.log("Fmt loaded");\n  export const SPACE = " ";\n}\n\nexport function formatNumber(value: number, options: FormatOptions): string {\n  return String(value).padStart(options.width, Fmt.SPACE);\n}`), verdict: rejected(EFFECT, /console\.log\("Fmt loaded"\)/) },
  { name: "overload declarations before the implementation", spec: "fmt", answer: ts(`${FMT_TYPES}export function formatNumber(value: number, options: FormatOptions): string;\nexport function formatNumber(value: bigint, options: FormatOptions): string;\nexport function formatNumber(value: number | bigint, options: FormatOptions): string {\n  const text = typeof value === "bigint" || options.digits === undefined ? String(value) : value.toFixed(options.digits);\n  return text.padStart(options.width, " ");\n}`), verdict: includes("export function formatNumber(value: bigint, options: FormatOptions): string;") },
  { name: "satisfies on a constant and on the exported arrow", spec: "fmt", answer: ts(`${FMT_TYPES}const DEFAULTS = { width: 0 } satisfies Partial<FormatOptions>;\n\nexport const formatNumber = ((value: number, options: FormatOptions): string => {\n  const text = options.digits === undefined ? String(value) : value.toFixed(options.digits);\n  return text.padStart(Math.max(options.width, DEFAULTS.width), " ");\n}) satisfies (value: number, options: FormatOptions) => string;`), verdict: includes("satisfies Partial<FormatOptions>") },
  { name: "import.meta.url and import.meta.env read at top level", spec: "fmt", answer: ts(`${FMT_TYPES}const HERE = new URL(".", import.meta.url).pathname;\nconst DEBUG = import.meta.env["FMT_DEBUG"] === "1";\n\n${FMT_BODY.replace("return text", "void HERE;\n  void DEBUG;\n  return text")}`), verdict: includes("import.meta.url") },
  { name: "an import.meta.main demo block (never runs on import)", spec: "fmt", answer: ts(`${FMT_TYPES}${FMT_BODY}\nif (import.meta.main) {\n  console.log(formatNumber(3.14159, { width: 8, digits: 2 }));\n}`), verdict: includes("if (import.meta.main) {") },
  { name: "export = next to named exports (the compiler refuses it)", spec: "fmt", answer: ts(`${FMT_TYPES}${FMT_BODY}\nexport = formatNumber;`), verdict: rejected("TS2309", /An export assignment cannot be used in a module with other exported elements/) },

  // ── JSX in a .tsx module ─────────────────────────────────────────────────
  { name: "JSX in a .tsx module", spec: "badge", answer: ts(BADGE_GOOD, "tsx"), verdict: ok(BADGE_GOOD) },
  { name: "a JSX element constant at top level", spec: "badge", answer: ts(`import type { BadgeProps } from "../badge";\n\nconst ICON = <i class="icon" aria-hidden="true" />;\n\nexport function Badge({ label, tone }: BadgeProps): JSX.Element {\n  return <span class={tone}>{ICON}{label}</span>;\n}`, "tsx"), verdict: includes("const ICON = <i") },
  { name: "a generic arrow with <T,> in a .tsx module", spec: "badge", answer: ts(BADGE_GENERIC("<T,>"), "tsx"), verdict: ok(`${BADGE_GENERIC("<T,>")}\n`) },
  { name: "a generic arrow written <T>(…) in a .tsx module is JSX to the parser", spec: "badge", answer: ts(BADGE_GENERIC("<T>"), "tsx"), verdict: rejected("syntax") },
  { name: "a type error inside JSX is the compiler's", spec: "badge", answer: ts(BADGE_GOOD.replace("{label}</span>", "{label.toUpperCase(1)}</span>"), "tsx"), verdict: rejected("TS2554", /Expected 0 arguments, but got 1/) },
];
