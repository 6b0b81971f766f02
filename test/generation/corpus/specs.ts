/**
 * The spec modules the answer corpus is judged against, each with the
 * generation input the validator gets. Written like real users' specs.
 */
import type { GenerationInput, SpecInput } from "../../../src/generation/types.ts";
import { SLUG_SPEC, slugInput, TSCONFIG } from "../../support/generation-project.ts";

const STACK_SPEC = `import * as jaunt from "@jaunt/runtime";
import type { Label } from "./labels";

/** A last-in, first-out stack. */
@jaunt.magic()
export class Stack<T> {
  private items: T[] = [];
  /** Push a value on top. */
  push(value: T): void { jaunt.todo(); }
  /** Remove and return the top value; undefined when empty. */
  pop(): T | undefined { return jaunt.todo(); }
  /** How many values are on the stack. */
  get size(): number { return jaunt.todo(); }
}

/** Pop every value and add them up; the stack is empty afterwards. */
export const drainSum = jaunt.magic(function drainSum(stack: Stack<number>): number {
  return jaunt.todo();
});

/** Counts calls. */
@jaunt.magic()
export class Counter {
  #count = 0;
  constructor(readonly label: Label) {}
  /** Add one; returns the new count. */
  tick(): number { return jaunt.todo(); }
  static zero(label: Label): Counter { return jaunt.todo(); }
}
`;

const ATTEMPT_SPEC = `import * as jaunt from "@jaunt/runtime";

/**
 * Run fn; [null, value] when it returns, [error, null] when it throws.
 * @example attempt(() => JSON.parse("1")) // [null, 1]
 */
export const attempt = jaunt.magic(function attempt<T, E>(fn: () => T): [null, T] | [E, null] {
  return jaunt.todo();
});

/** attempt() for each function, at most limit of them (all when omitted); tags are ignored. */
export const attemptAll = jaunt.magic(async function attemptAll<T, E = Error>(fns: readonly (() => T)[], limit?: number, ...tags: string[]): Promise<([null, T] | [E, null])[]> {
  return jaunt.todo();
});
`;

const CRC_SPEC = `import * as jaunt from "@jaunt/runtime";

/**
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of the bytes.
 * @example crc32(new TextEncoder().encode("123456789")) === 0xcbf43926
 */
export const crc32 = jaunt.magic(function crc32(data: Uint8Array): number {
  return jaunt.todo();
});

/** Wait ms milliseconds, then resolve. */
export const delay = jaunt.magic(function delay(ms: number): Promise<void> {
  return jaunt.todo();
});
`;

const USER_SPEC = `import * as jaunt from "@jaunt/runtime";
import { z } from "zod";

export interface User {
  id: number;
  name: string;
}

/**
 * Parse untrusted input into a User.
 * @throws {Error} when the input is not a user (zod's error)
 */
export const parseUser = jaunt.magic(function parseUser(input: unknown): User {
  return jaunt.todo();
});
`;

const FMT_SPEC = `import * as jaunt from "@jaunt/runtime";

export interface FormatOptions {
  /** Minimum width; pad on the left with spaces. */
  width: number;
  /** Digits after the point. */
  digits?: number;
}

/** Format a number for a table column. */
export const formatNumber = jaunt.magic(function formatNumber(value: number, options: FormatOptions): string {
  return jaunt.todo();
});
`;

export const TEST_SPEC = `import * as jaunt from "@jaunt/runtime";
import { slugify } from "../src/slug";

/**
 * slugify("Hello, World!") is "hello-world"; slugify("  a  b ") is "a-b";
 * slugify("!!!") throws RangeError.
 */
export const slugifyBasics = jaunt.test(function slugifyBasics() {});
`;

const REGISTRY = `/** Handwritten: the app's plugin registry. */
export const plugins: string[] = [];
export const handlers = new Map<string, (text: string) => string>();
export const settings: { separator: string } = { separator: "-" };
export const config = { plugins: [] as string[], handlers: new Map<string, (text: string) => string>() };
export function openLog(name: string): Disposable {
  return { [Symbol.dispose]: () => void name };
}
export function defineName(name: string): string {
  return name.trim();
}
export function padNumber(value: number, options: { width: number; digits?: number }): string {
  return (options.digits === undefined ? String(value) : value.toFixed(options.digits)).padStart(options.width, " ");
}
export function padText(value: string, width: number): string {
  return value.padStart(width, " ");
}
`;

const BADGE_SPEC = `import * as jaunt from "@jaunt/runtime";

export interface BadgeProps {
  label: string;
  tone: "ok" | "warn";
}

/** A status badge: <span class="badge badge-{tone}">{label}</span>. */
export const Badge = jaunt.magic(function Badge(props: BadgeProps): JSX.Element {
  return jaunt.todo();
});
`;

/** A tiny JSX runtime (elements render to strings) for the \`.tsx\` spec; the corpus project compiles JSX with it. */
const JSX_STUB = {
  "node_modules/tiny-jsx/package.json": JSON.stringify({ name: "tiny-jsx", version: "1.0.0", type: "module", exports: { "./jsx-runtime": "./jsx-runtime.ts", "./jsx-dev-runtime": "./jsx-runtime.ts" } }),
  "node_modules/tiny-jsx/jsx-runtime.ts": `type Props = { children?: unknown } & Record<string, unknown>;
export function jsx(tag: string | ((props: Props) => string), props: Props): string {
  if (typeof tag === "function") return tag(props);
  const attrs = Object.entries(props).filter(([k]) => k !== "children").map(([k, v]) => \` \${k}="\${String(v)}"\`).join("");
  return \`<\${tag}\${attrs}>\${[props.children].flat().join("")}</\${tag}>\`;
}
export const jsxs = jsx;
export const jsxDEV = jsx;
export const Fragment = "";
export namespace JSX {
  export type Element = string;
  export interface IntrinsicElements { [tag: string]: Record<string, unknown> }
  export interface ElementChildrenAttribute { children: {} }
}
`,
  "src/jsx.d.ts": 'declare global { namespace JSX { type Element = string } }\nexport {};\n',
};

/** A tiny stand-in for zod: enough types and behaviour for the corpus. */
export const ZOD_STUB = {
  "node_modules/zod/package.json": JSON.stringify({ name: "zod", version: "3.0.0", type: "module", exports: { ".": "./index.ts" } }),
  "node_modules/zod/index.ts": `export interface ZodType<T> { parse(input: unknown): T }
type Shape = Record<string, ZodType<unknown>>;
type Infer<S extends Shape> = { [K in keyof S]: S[K] extends ZodType<infer T> ? T : never };
const make = <T>(check: (v: unknown) => v is T): ZodType<T> => ({ parse(input) { if (!check(input)) throw new Error("invalid"); return input; } });
export const z = {
  string: () => make((v): v is string => typeof v === "string"),
  number: () => make((v): v is number => typeof v === "number"),
  object: <S extends Shape>(shape: S): ZodType<Infer<S>> => make((v): v is Infer<S> => typeof v === "object" && v !== null && Object.keys(shape).every((k) => k in v)),
};
export namespace z { export type infer<T> = T extends ZodType<infer U> ? U : never; }
`,
};

function buildInput(module: string, source: string, specs: SpecInput[], handwritten: string[] = []): GenerationInput {
  const name = module.split("/").at(-1) ?? module;
  return {
    kind: "build",
    module,
    specFile: `${module}.ts`,
    generatedFile: `src/__generated__/${name}.ts`,
    specSource: source,
    specs,
    dependencies: [],
    handwrittenImports: handwritten.map((specifier) => ({ specifier })),
  };
}

const fn = (module: string, name: string, text: string): SpecInput => ({ ref: `${module}:${name}`, name, kind: "function", text });

export const SPEC_FILES: Readonly<Record<string, string>> = {
  "src/slug.ts": SLUG_SPEC,
  "src/stack.ts": STACK_SPEC,
  "src/labels.ts": 'export type Label = string & { readonly __brand: "Label" };\n',
  // A handwritten project module with shared state: generated code may call its functions at import, never change its state.
  "src/registry.ts": REGISTRY,
  "src/attempt.ts": ATTEMPT_SPEC,
  "src/crc.ts": CRC_SPEC,
  "src/user.ts": USER_SPEC,
  "src/fmt.ts": FMT_SPEC,
  "tests/slug.ts": TEST_SPEC,
  "src/badge.tsx": BADGE_SPEC,
  ...ZOD_STUB,
  ...JSX_STUB,
  "tsconfig.json": JSON.stringify({ compilerOptions: { ...TSCONFIG.compilerOptions, jsx: "react-jsx", jsxImportSource: "tiny-jsx" } }, null, 2),
};

export const INPUTS = {
  slug: slugInput(),
  stack: buildInput("src/stack", STACK_SPEC, [
    { ref: "src/stack:Stack", name: "Stack", kind: "class", text: STACK_SPEC, members: ["items", "push", "pop", "size"] },
    { ref: "src/stack:Counter", name: "Counter", kind: "class", text: STACK_SPEC, members: ["#count", "constructor", "label", "tick", "zero"] },
    fn("src/stack", "drainSum", STACK_SPEC),
  ]),
  attempt: buildInput("src/attempt", ATTEMPT_SPEC, [fn("src/attempt", "attempt", ATTEMPT_SPEC), fn("src/attempt", "attemptAll", ATTEMPT_SPEC)]),
  crc: buildInput("src/crc", CRC_SPEC, [fn("src/crc", "crc32", CRC_SPEC), fn("src/crc", "delay", CRC_SPEC)]),
  user: buildInput("src/user", USER_SPEC, [fn("src/user", "parseUser", USER_SPEC)], ["zod"]),
  fmt: buildInput("src/fmt", FMT_SPEC, [fn("src/fmt", "formatNumber", FMT_SPEC)]),
  badge: { ...buildInput("src/badge", BADGE_SPEC, [fn("src/badge", "Badge", BADGE_SPEC)]), specFile: "src/badge.tsx", generatedFile: "src/__generated__/badge.tsx" },
  tests: {
    kind: "test",
    module: "tests/slug",
    specFile: "tests/slug.ts",
    generatedFile: "tests/__generated__/slug.test.ts",
    specSource: TEST_SPEC,
    specs: [{ ref: "tests/slug:slugifyBasics", name: "slugifyBasics", kind: "test", text: TEST_SPEC }],
    dependencies: [],
    handwrittenImports: [],
    specsUnderTest: [{ ref: "src/slug:slugify", importFrom: "../../src/slug", publicApi: "export function slugify(title: string): string;" }],
  },
} satisfies Record<string, GenerationInput>;

export type SpecName = keyof typeof INPUTS;
