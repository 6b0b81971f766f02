/**
 * How a test file's calls read to the rules about generated tests: the chain
 * of names a callee is made of (`test.each(rows)("…", fn)` → test, each) and
 * the registration a function is the callback of (`beforeEach(() => …)`).
 * Names follow `bun:test` (and the jest/vitest globals it accepts).
 */
import type * as TS from "typescript";
import type { TypeScriptApi } from "./typescript-parser.ts";

/** Registrations whose callback runs while the file is collected, like top-level code. */
export const SUITE_CALLS = new Set(["describe"]);
export const TEST_CALLS = new Set(["test", "it"]);
export const SETUP_HOOKS = new Set(["beforeAll", "beforeEach"]);
export const TEARDOWN_HOOKS = new Set(["afterAll", "afterEach"]);

/**
 * `a.b.c(…)(…)` → ["a", "b", "c"]; calls inside the chain are stepped over
 * (`test.each(rows)` → test, each). Undefined when the chain does not start
 * at a name.
 */
export function calleeChain(ts: TypeScriptApi, expr: TS.Expression): string[] | undefined {
  if (ts.isIdentifier(expr)) return [expr.text];
  if (ts.isPropertyAccessExpression(expr)) {
    const base = calleeChain(ts, expr.expression);
    return base === undefined ? undefined : [...base, expr.name.text];
  }
  if (ts.isCallExpression(expr)) return calleeChain(ts, expr.expression);
  if (ts.isTaggedTemplateExpression(expr)) return calleeChain(ts, expr.tag);
  if (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr)) return calleeChain(ts, expr.expression);
  return undefined;
}

/** The call `fn` is handed to as its callback (`test("x", fn)`), with that call's chain; undefined for any other function. */
export function registrationOf(ts: TypeScriptApi, fn: TS.Node): { call: TS.CallExpression; chain: string[] } | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.some((a) => a === fn)) return undefined;
  const chain = calleeChain(ts, call.expression);
  return chain ? { call, chain } : undefined;
}

/** The innermost function around `node`, or undefined at the file's top level. */
export function enclosingFunction(ts: TypeScriptApi, node: TS.Node): TS.FunctionLikeDeclaration | undefined {
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isFunctionLike(at) && "body" in at) return at;
  }
  return undefined;
}

/**
 * Where code at `node` runs: at collection (`top`: top level or directly in
 * a `describe` callback), in a setup hook, in a test, or in some other function.
 */
export function runsIn(ts: TypeScriptApi, node: TS.Node): { kind: "top" | "setup" | "test" | "other"; fn?: TS.FunctionLikeDeclaration; call?: TS.CallExpression } {
  const fn = enclosingFunction(ts, node);
  if (!fn) return { kind: "top" };
  const registration = registrationOf(ts, fn);
  const head = registration?.chain[0] ?? "";
  if (!registration) return { kind: "other", fn };
  if (SUITE_CALLS.has(head)) return { kind: "top", fn, call: registration.call };
  if (SETUP_HOOKS.has(head)) return { kind: "setup", fn, call: registration.call };
  if (TEST_CALLS.has(head)) return { kind: "test", fn, call: registration.call };
  return { kind: "other", fn };
}

/** Every call expression in `root`, in source order. */
export function callsIn(ts: TypeScriptApi, root: TS.Node): TS.CallExpression[] {
  const calls: TS.CallExpression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return calls;
}
