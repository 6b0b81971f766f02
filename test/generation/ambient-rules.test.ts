import { expect, test } from "bun:test";
import { ambientDiagnostics } from "../../src/generation/validate/ambient-rules.ts";
import { loadTypeScript } from "../../src/generation/validate/typescript-parser.ts";

const ts = await loadTypeScript();
const parse = (code: string, name = "x.ts") => ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true);
const SPEC = 'import * as jaunt from "@jaunt/runtime";\ndeclare const __APP_VERSION__: string;\nexport const version = jaunt.magic(function version(): string { return jaunt.todo(); });\n';

test("a value the spec module declares ambiently (a bundler define) may be declared the same way; any other is named with its line", () => {
  const answer = 'declare const __APP_VERSION__: string;\ndeclare let counter: number;\nnamespace Local {\n  declare function hidden(): void;\n}\nexport function version(): string { return __APP_VERSION__; }\n';
  const found = ambientDiagnostics(ts, parse(answer), parse(SPEC, "spec.ts"));
  expect(found.map((d) => [d.line, d.message.slice(0, 30)])).toEqual([
    [2, "`declare let counter` only tel"],
    [4, "`declare function hidden` only"],
  ]);
});

test("a `declare module` block with values is named by the block; with types only it passes", () => {
  const values = ambientDiagnostics(ts, parse('declare module "left-pad" {\n  export function leftPad(s: string, n: number): string;\n}\n'), parse(SPEC));
  expect(values[0]?.message).toStartWith('`declare module "left-pad"` declares `function leftPad`');
  expect(ambientDiagnostics(ts, parse('declare module "left-pad" {\n  interface Options { width: number }\n}\ndeclare type Width = number;\n'), parse(SPEC))).toEqual([]);
});
