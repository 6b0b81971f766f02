/** Correct modules for the corpus specs (what a good model writes). */
import { SLUG_GOOD } from "../../support/generation-project.ts";

export { SLUG_GOOD };

export const SLUGIFY_ONLY = SLUG_GOOD.slice(0, SLUG_GOOD.indexOf("export class LruCache"));
export const LRU_ONLY = SLUG_GOOD.slice(SLUG_GOOD.indexOf("export class LruCache"));

export const STACK_GOOD = `import type { Label } from "../labels";

export class Stack<T> {
  private items: T[] = [];
  push(value: T): void {
    this.items.push(value);
  }
  pop(): T | undefined {
    return this.items.pop();
  }
  get size(): number {
    return this.items.length;
  }
}

export function drainSum(stack: Stack<number>): number {
  let sum = 0;
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) sum += v;
  return sum;
}

export class Counter {
  #count = 0;
  constructor(readonly label: Label) {}
  tick(): number {
    this.#count += 1;
    return this.#count;
  }
  static zero(label: Label): Counter {
    return new Counter(label);
  }
}
`;

export const ATTEMPT_GOOD = `export function attempt<T, E>(fn: () => T): [null, T] | [E, null] {
  try {
    return [null, fn()];
  } catch (error) {
    return [error as E, null];
  }
}

export async function attemptAll<T, E = Error>(fns: readonly (() => T)[], limit?: number, ...tags: string[]): Promise<([null, T] | [E, null])[]> {
  void tags;
  return fns.slice(0, limit ?? fns.length).map((fn) => attempt<T, E>(fn));
}
`;

export const CRC_GOOD = `const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
`;

export const USER_GOOD = `import { z } from "zod";
import type { User } from "../user";

const UserSchema = z.object({ id: z.number(), name: z.string() });

export function parseUser(input: unknown): User {
  return UserSchema.parse(input);
}
`;

export const FMT_GOOD = `import { FormatOptions } from "../fmt";

export function formatNumber(value: number, options: FormatOptions): string {
  const text = options.digits === undefined ? String(value) : value.toFixed(options.digits);
  return text.padStart(options.width, " ");
}
`;

export const TESTS_GOOD = `import { expect, test } from "bun:test";
import { slugify } from "../../src/slug";

test("slugify basics", () => {
  expect(slugify("Hello, World!")).toBe("hello-world");
  expect(slugify("  a  b ")).toBe("a-b");
  expect(() => slugify("!!!")).toThrow(RangeError);
});
`;

/** The classic CRC table: a typed array filled by a top-level loop. */
export const CRC_LOOP = `const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  TABLE[n] = c >>> 0;
}

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
`;

export const BADGE_GOOD = `import type { BadgeProps } from "../badge";

export function Badge({ label, tone }: BadgeProps): JSX.Element {
  return <span class={\`badge badge-\${tone}\`}>{label}</span>;
}
`;

/** FMT_GOOD without its import line, for answers that import the types themselves. */
export const FMT_BODY = FMT_GOOD.replace('import { FormatOptions } from "../fmt";\n\n', "");
export const CRC_FUNCTIONS = CRC_GOOD.slice(CRC_GOOD.indexOf("export function crc32"));
