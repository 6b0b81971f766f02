/**
 * Timer and clock control in generated tests. `bun test` runs every
 * generated file in one process: fake timers or a fixed system time left on
 * leak into every later test and file, whose real timers then never fire
 * and the run never ends. So turning them on (`jest.useFakeTimers()`,
 * `vi.useFakeTimers()`, `setSystemTime(date)`) is
 * - an effect at a file's top level or directly in a `describe` callback
 *   (it runs while the file is collected);
 * - fine in `beforeEach`/`beforeAll` when an `afterEach`/`afterAll` of the
 *   same or an enclosing `describe` (or the file) restores it;
 * - fine in a test (or a helper) when the same function restores it, or an
 *   after-hook in scope does.
 * Restoring: `useRealTimers()` for both; `setSystemTime()` with no argument
 * for the clock.
 */
import type * as TS from "typescript";
import type { Diagnostic } from "../types.ts";
import { calleeChain, callsIn, enclosingFunction, registrationOf, runsIn, SUITE_CALLS, TEARDOWN_HOOKS } from "./test-calls.ts";
import { positionOf, type TypeScriptApi } from "./typescript-parser.ts";

type Control = "timers" | "clock";

/** What a call turns on (`timers`, `clock`), or undefined. */
function turnsOn(ts: TypeScriptApi, call: TS.CallExpression): Control | undefined {
  const chain = calleeChain(ts, call.expression)?.join(".");
  if (chain === "jest.useFakeTimers" || chain === "vi.useFakeTimers") return "timers";
  const setsClock = chain === "setSystemTime" || chain === "jest.setSystemTime" || chain === "vi.setSystemTime";
  return setsClock && call.arguments.length > 0 ? "clock" : undefined;
}

function restores(ts: TypeScriptApi, call: TS.CallExpression, control: Control): boolean {
  const chain = calleeChain(ts, call.expression)?.join(".");
  if (chain === "jest.useRealTimers" || chain === "vi.useRealTimers") return true;
  return control === "clock" && call.arguments.length === 0 && (chain === "setSystemTime" || chain === "jest.setSystemTime" || chain === "vi.setSystemTime");
}

/** Diagnostics for timer and clock control a generated test file leaves on. */
export function clockDiagnostics(ts: TypeScriptApi, file: TS.SourceFile): Diagnostic[] {
  const calls = callsIn(ts, file);
  const diagnostics: Diagnostic[] = [];
  for (const call of calls) {
    const control = turnsOn(ts, call);
    if (!control) continue;
    const written = `${call.expression.getText(file)}(…)`;
    const what = control === "timers" ? "fake timers" : "a fixed system time";
    const restore = control === "timers" ? "`jest.useRealTimers()`" : "`setSystemTime()` (no argument)";
    const where = runsIn(ts, call);
    const at = positionOf(ts, file, call);
    if (where.kind === "top") {
      diagnostics.push({ ...at, code: "jaunt/top-level-side-effect", message: `\`${written}\` runs while the file is collected: ${what} leak into every later test and file in the \`bun test\` run (their real timers never fire); turn them on in \`beforeEach\` and restore them with ${restore} in \`afterEach\`` });
      continue;
    }
    const restoredHere = where.fn !== undefined && callsIn(ts, where.fn).some((c) => restores(ts, c, control));
    if (restoredHere || restoredByHook(ts, calls, call, control)) continue;
    diagnostics.push({ ...at, code: "jaunt/unrestored-clock", message: `\`${written}\` turns on ${what} and nothing restores them: they leak into every later test and file in the \`bun test\` run; call ${restore} in an \`afterEach\`/\`afterAll\` of the same \`describe\` (or at the end of the test, in a \`finally\`)` });
  }
  return diagnostics;
}

/** Does an `afterEach`/`afterAll` registered in the suite of `call` (or one enclosing it, or the file) restore `control`? */
function restoredByHook(ts: TypeScriptApi, calls: readonly TS.CallExpression[], call: TS.CallExpression, control: Control): boolean {
  const suites = new Set<TS.Node | undefined>([undefined]);
  for (let fn = enclosingFunction(ts, call); fn; fn = enclosingFunction(ts, fn)) {
    const head = registrationOf(ts, fn)?.chain[0];
    if (head !== undefined && SUITE_CALLS.has(head)) suites.add(fn);
  }
  return calls.some((c) => {
    if (!restores(ts, c, control)) return false;
    const hook = enclosingFunction(ts, c);
    const registration = hook ? registrationOf(ts, hook) : undefined;
    const head = registration?.chain[0];
    return hook !== undefined && head !== undefined && TEARDOWN_HOOKS.has(head) && suites.has(enclosingFunction(ts, hook));
  });
}
