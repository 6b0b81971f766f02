/**
 * Spec forms that used to fail silently, end to end: decorators below
 * `@jaunt.magic()` (lost on the stub: now a discovery error, exit 2, no
 * model call; above it they apply to the generated class), a class spec
 * with a private or protected constructor (built, and type-checks in the
 * user's project with the packed runtime), a spec module with its own type
 * error (a spec error, exit 2, after one answer — never charged as the
 * model's), and a `.tsx` spec in a project without the `jsx` option (a
 * config error, exit 2, before any model call).
 */
import { expect, test } from "bun:test";
import { installPackedRuntime, removePackedRuntime } from "../runtime/packed-runtime.ts";
import { llmProjects } from "./llm-projects.ts";

const SETTINGS_ANSWER = `export class Settings {
  get(key: string): string {
    return key.toUpperCase();
  }
}
`;
const POOL_ANSWER = `export class Pool {
  private constructor(readonly size: number) {}
  static create(size: number): Pool {
    return new Pool(size);
  }
}

export abstract class Shape {
  protected constructor(readonly sides: number) {}
  abstract area(): number;
  describe(): string {
    return \`\${this.sides} sides, area \${this.area()}\`;
  }
}
`;
const { llm, project } = llmProjects({ defaults: { "src/settings": SETTINGS_ANSWER, "src/pool": POOL_ANSWER, "src/bad": "export function double(n: number): number {\n  return n * 2;\n}\n", "src/badge": "export function Badge(props: { label: string }): string {\n  return props.label;\n}\n" } });

const DECORATORS = `export const registry: Function[] = [];
export function registered<C extends Function>(target: C): C {
  registry.push(target);
  return target;
}
export function frozen<C extends Function>(target: C): C {
  Object.freeze(target.prototype);
  return target;
}
`;
const settingsSpec = (decorators: string) => `import * as jaunt from "@jaunt/runtime";
import { frozen, registered } from "./decorators";

/** Settings read by key. */
${decorators}
export class Settings {
  /** The value for key: the key upper-cased. */
  get(key: string): string {
    return jaunt.todo();
  }
}
`;

test("decorators below @jaunt.magic() stop the build before any model call; above it they get the generated class", async () => {
  const p = project({ "src/decorators.ts": DECORATORS, "src/settings.ts": settingsSpec("@jaunt.magic()\n@registered\n@frozen") });
  const before = llm.requests.length;
  const below = await p.jaunt(["build"]);
  expect(below.exitCode).toBe(2);
  expect(below.stderr).toContain("src/settings.ts:6:1: @registered @frozen below @jaunt.magic() would apply to the stub of `Settings`, which is replaced by the generated class: their effect would be lost");
  expect(below.stderr).toContain("put @jaunt.magic() last, closest to the class");
  expect(llm.requests.length).toBe(before);

  p.write("src/settings.ts", settingsSpec("@registered\n@frozen\n@jaunt.magic()"));
  const above = await p.jaunt(["build"]);
  expect(above.exitCode, above.stderr).toBe(0);
  p.write("use.ts", 'import { registry } from "./src/decorators";\nimport { Settings } from "./src/settings";\nconsole.log(JSON.stringify({ registered: registry[0] === Settings, frozen: Object.isFrozen(Settings.prototype), value: new Settings().get("a") }));\n');
  const run = Bun.spawnSync([process.execPath, "use.ts"], { cwd: p.root });
  expect(JSON.parse(run.stdout.toString())).toEqual({ registered: true, frozen: true, value: "A" });
}, 90_000);

test("a class spec with a private or protected constructor builds and type-checks in the user's project", async () => {
  const p = project({
    "src/pool.ts": `import * as jaunt from "@jaunt/runtime";

/** A pool made only through its factory. */
@jaunt.magic()
export class Pool {
  private constructor(readonly size: number) {}
  /** A pool of size slots. */
  static create(size: number): Pool {
    return jaunt.todo();
  }
}

/** A shape with a number of sides, for subclasses only. */
@jaunt.magic()
export abstract class Shape {
  protected constructor(readonly sides: number) {}
  abstract area(): number;
  /** "<sides> sides, area <area>". */
  describe(): string {
    return jaunt.todo();
  }
}
`,
  });
  const built = await p.jaunt(["build"]);
  expect(built.exitCode, built.stderr).toBe(0);
  expect(p.exists("src/__generated__/pool.ts")).toBe(true);
  // The user's own check, with @jaunt/runtime installed as users get it (the packed package and its declarations).
  try {
    await installPackedRuntime(p.root);
    p.write("use.ts", 'import { Pool } from "./src/pool";\nexport const size: number = Pool.create(3).size;\nconsole.log(size);\n');
    const check = Bun.spawnSync([process.execPath, "check", "--no-pretty", "src/pool.ts", "use.ts"], { cwd: p.root, env: { ...process.env, NO_COLOR: "1" } });
    expect({ code: check.exitCode, output: check.stdout.toString() + check.stderr.toString() }).toMatchObject({ code: 0 });
    expect(Bun.spawnSync([process.execPath, "use.ts"], { cwd: p.root }).stdout.toString().trim()).toBe("3");
  } finally {
    removePackedRuntime();
  }
}, 180_000);

test("a spec module with its own type error is a spec error (exit 2) after one answer, not two failed attempts", async () => {
  const p = project({
    "src/bad.ts": `import * as jaunt from "@jaunt/runtime";

const LIMIT: number = "ten";

/** Twice n, at most LIMIT. */
export const double = jaunt.magic(function double(n: number): number {
  return jaunt.todo();
});
`,
  });
  const result = await p.jaunt(["build"]);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain("the spec module does not type-check, so no implementation can: src/bad.ts:3:7: error TS2322: Type 'string' is not assignable to type 'number'.");
  expect(result.stderr).toContain("fix src/bad.ts first");
  expect(llm.requestsFor("src/bad").length).toBe(1);
  expect(p.exists("src/__generated__/bad.ts")).toBe(false);
}, 90_000);

test("a .tsx spec in a project without the jsx option exits 2 with the fix, before any model call", async () => {
  const p = project({
    "src/badge.tsx": `import * as jaunt from "@jaunt/runtime";

/** A badge: <span class="badge">{label}</span>. */
export const Badge = jaunt.magic(function Badge(props: { label: string }): string {
  return jaunt.todo();
});
`,
  });
  const result = await p.jaunt(["build"]);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain('src/badge.tsx holds JSX, but the project\'s TypeScript settings do not enable it ("jsx" is not set in tsconfig.json)');
  expect(result.stderr).toContain('set "jsx" in compilerOptions of tsconfig.json');
  expect(llm.requestsFor("src/badge")).toEqual([]);
}, 60_000);
