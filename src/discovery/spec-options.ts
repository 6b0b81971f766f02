/**
 * Reads the options literal of `magic(options, fn)`, `@magic(options)` and
 * `test(options, fn)`. Options must be literal so the planner can read them
 * without running code: `deps` an array of identifiers and SpecRef strings
 * (`"src/c:second"`), `prompt` a string.
 */
import ts from "typescript";
import type { SpecOptions } from "./types.ts";

export interface OptionProblem {
  readonly node: ts.Node;
  readonly message: string;
  readonly hint: string;
}

export interface ParsedOptions {
  readonly options: SpecOptions;
  readonly problems: readonly OptionProblem[];
}

const MAGIC_KEYS = ["deps", "prompt", "specFile", "generatedDir"];
const TEST_KEYS = ["prompt", "specFile"];

function keyText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

function depText(element: ts.Expression): string | undefined {
  if (ts.isIdentifier(element)) return element.text;
  if (ts.isStringLiteral(element) || ts.isNoSubstitutionTemplateLiteral(element)) return element.text;
  if (ts.isPropertyAccessExpression(element) && ts.isIdentifier(element.expression)) {
    return `${element.expression.text}.${element.name.text}`;
  }
  return undefined;
}

function stringLiteralText(node: ts.Expression): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

/** Parse an options argument; `undefined` means no options were given. */
export function parseSpecOptions(node: ts.Expression | undefined, api: "magic" | "test"): ParsedOptions {
  const deps: string[] = [];
  let prompt: string | undefined;
  const problems: OptionProblem[] = [];
  if (node === undefined) return { options: { deps, prompt }, problems };
  if (!ts.isObjectLiteralExpression(node)) {
    problems.push({ node, message: `${api}() options must be an object literal`, hint: `write ${api}({ prompt: "…" }, …) inline` });
    return { options: { deps, prompt }, problems };
  }
  const allowed = api === "magic" ? MAGIC_KEYS : TEST_KEYS;
  for (const property of node.properties) {
    const key = property.name ? keyText(property.name) : undefined;
    if (!ts.isPropertyAssignment(property) || key === undefined) {
      problems.push({
        node: property,
        message: `${api}() options must be plain \`key: value\` entries`,
        hint: "spread, shorthand and computed keys cannot be read without running code; write the value inline",
      });
      continue;
    }
    if (!allowed.includes(key)) {
      problems.push({ node: property.name, message: `unknown ${api}() option \`${key}\``, hint: `allowed options: ${allowed.join(", ")}` });
      continue;
    }
    const value = property.initializer;
    if (key === "deps") {
      if (!ts.isArrayLiteralExpression(value)) {
        problems.push({ node: value, message: "`deps` must be an array literal of specs", hint: "write deps: [specA, \"src/b:specB\"] with spec names or SpecRef strings" });
        continue;
      }
      for (const element of value.elements) {
        const text = depText(element);
        if (text === undefined) {
          problems.push({ node: element, message: "each entry of `deps` must be a spec identifier or a SpecRef string", hint: "name the spec directly (deps: [slugify]) or by SpecRef (deps: [\"src/slug:slugify\"])" });
        } else if (!ts.isIdentifier(element) && !ts.isPropertyAccessExpression(element) && !/^[^:]+:[A-Za-z_$][\w$]*$/.test(text)) {
          problems.push({ node: element, message: `\`deps\` entry "${text}" is not a SpecRef`, hint: "write \"<module>:<name>\", the module being the spec file's path from the project root without extension: \"src/slug:slugify\"" });
        } else {
          deps.push(text);
        }
      }
    } else if (key === "prompt" || key === "generatedDir") {
      const text = stringLiteralText(value);
      if (text === undefined) {
        problems.push({ node: value, message: `\`${key}\` must be a string literal`, hint: "use a plain string or a template literal without ${…}" });
      } else if (key === "prompt") {
        prompt = text;
      }
    }
    // specFile may be any expression (typically import.meta.url): it only matters at run time.
  }
  return { options: { deps, prompt }, problems };
}
