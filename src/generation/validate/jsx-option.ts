/**
 * JSX needs the project's `jsx` compiler option. Without it TypeScript
 * rejects every `.tsx` candidate (TS17004 "Cannot use JSX unless the '--jsx'
 * flag is provided", TS6142 for an import of one) whatever the model writes:
 * a setting of the project, reported once as a config error naming the fix —
 * before any model call when a `.tsx` module is about to be generated, and
 * from the type check's own diagnostics otherwise.
 */
import path from "node:path";
import { JauntConfigError } from "@jaunt/runtime";
import { nearestFile, tsconfigOptions } from "../project-config.ts";
import type { Diagnostic } from "../types.ts";
import { isTsx, loadTypeScript } from "./typescript-parser.ts";

const JSX_OPTION_CODES = new Set(["TS17004", "TS6142"]);

function jsxError(what: string, tsconfig: string | undefined, root: string): JauntConfigError {
  const where = tsconfig ? path.relative(root, tsconfig) || "tsconfig.json" : "a tsconfig.json (there is none)";
  return new JauntConfigError(what, "config.jsx_not_enabled", {
    hint: `set "jsx" in compilerOptions of ${where} (e.g. "jsx": "react-jsx", with "jsxImportSource" naming your JSX library); your own tsc and editor need the same`,
  });
}

/**
 * Before generating: throw `config.jsx_not_enabled` (exit 2) when one of
 * `files` (project-relative spec or generated files) is `.tsx` and the
 * tsconfig that applies to it sets no `jsx` option.
 */
export async function assertJsxEnabled(root: string, files: readonly string[]): Promise<void> {
  const tsx = files.filter(isTsx);
  if (tsx.length === 0) return;
  const ts = await loadTypeScript();
  for (const file of tsx) {
    const tsconfig = nearestFile(root, path.join(root, path.dirname(file)), "tsconfig.json");
    const jsx = tsconfig ? tsconfigOptions(ts, tsconfig).jsx : undefined;
    if (jsx !== undefined && jsx !== ts.JsxEmit.None) continue;
    throw jsxError(`${file} holds JSX, but the project's TypeScript settings do not enable it ("jsx" is not set${tsconfig ? ` in ${path.relative(root, tsconfig) || "tsconfig.json"}` : ""}): TypeScript would reject every implementation (TS17004)`, tsconfig, root);
  }
}

/** After a type check: throw the same config error when TypeScript reported JSX as not enabled anywhere. */
export function assertJsxConfigured(diagnostics: readonly (Diagnostic & { readonly file: string })[], tsconfig: string | undefined, root: string): void {
  const found = diagnostics.find((d) => JSX_OPTION_CODES.has(d.code));
  if (!found) return;
  throw jsxError(`the project's TypeScript settings do not enable JSX, so no .tsx module can type-check (${found.file}:${found.line ?? 1}:${found.column ?? 1}: error ${found.code}: ${found.message.split("\n")[0]})`, tsconfig, root);
}
