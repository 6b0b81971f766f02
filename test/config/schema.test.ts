/**
 * schema/jaunt.schema.json and the loader must agree: the same keys, the same
 * types, the same defaults. Both are walked and compared.
 */
import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { parseConfig } from "../../src/config/load.ts";
import { describeConfigKeys } from "../../src/config/validate.ts";

const SCHEMA_FILE = path.resolve(import.meta.dir, "../../schema/jaunt.schema.json");

interface SchemaKey {
  readonly path: string;
  readonly type: string;
  readonly default: unknown;
  readonly required: boolean;
}

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The loader's type name for a schema node. */
function typeOf(node: JsonObject): string {
  if (node.type === "object") return isObject(node.additionalProperties) ? "map" : "table";
  if (node.type === "array" && isObject(node.items) && node.items.type === "string") return "string[]";
  return String(node.type);
}

/** Every key of the schema, map entries under `*`; also checks the schema's own rules. */
function walkSchema(node: JsonObject, prefix: readonly string[], out: SchemaKey[], problems: string[]): void {
  const where = prefix.join(".") || "(root)";
  if (node.type === "object" && !isObject(node.additionalProperties) && node.additionalProperties !== false) {
    problems.push(`${where}: additionalProperties must be false`);
  }
  const required = Array.isArray(node.required) ? node.required : [];
  const children: Array<readonly [string, unknown]> = isObject(node.properties) ? Object.entries(node.properties) : [];
  if (isObject(node.additionalProperties)) children.push(["*", node.additionalProperties]);
  for (const [name, child] of children) {
    if (!isObject(child)) {
      problems.push(`${where}.${name}: not a schema object`);
      continue;
    }
    const keyPath = [...prefix, name];
    if (typeof child.description !== "string" || child.description === "") problems.push(`${keyPath.join(".")}: no description`);
    const type = typeOf(child);
    // Tables and maps have `{}` as a hint for editors; the loader has no value for them.
    const fallback = type === "table" || type === "map" ? undefined : child.default;
    out.push({ path: keyPath.join("."), type, default: fallback, required: required.includes(name) });
    walkSchema(child, keyPath, out, problems);
  }
}

function schemaKeys(): { keys: SchemaKey[]; problems: string[] } {
  const schema: unknown = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
  if (!isObject(schema)) throw new Error("schema is not an object");
  const keys: SchemaKey[] = [];
  const problems: string[] = [];
  walkSchema(schema, [], keys, problems);
  return { keys, problems };
}

function loaderKeys(): SchemaKey[] {
  return describeConfigKeys().map((key) => ({ path: key.path.join("."), type: key.type, default: key.default, required: key.required }));
}

function byPath(keys: readonly SchemaKey[]): SchemaKey[] {
  return [...keys].sort((a, b) => a.path.localeCompare(b.path));
}

describe("schema/jaunt.schema.json", () => {
  test("is draft-07 with additionalProperties false and a description on every key", () => {
    const schema: unknown = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
    expect(isObject(schema) && schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schemaKeys().problems).toEqual([]);
  });

  test("lists exactly the keys the loader accepts, with the same types, defaults and required flags", () => {
    const fromSchema = byPath(schemaKeys().keys);
    const fromLoader = byPath(loaderKeys());
    expect(fromSchema.map((key) => key.path)).toEqual(fromLoader.map((key) => key.path));
    expect(fromSchema).toEqual(fromLoader);
  });

  test("a document that sets every schema key to its default loads and equals the empty document", () => {
    const sections = new Map<string, string[]>();
    for (const key of schemaKeys().keys) {
      if (key.default === undefined || key.path.includes("*")) continue;
      const parts = key.path.split(".");
      const table = parts.slice(0, -1).join(".");
      const lines = sections.get(table) ?? [];
      lines.push(`${parts[parts.length - 1]} = ${JSON.stringify(key.default)}`);
      sections.set(table, lines);
    }
    const text = [...sections].map(([table, lines]) => `${table ? `[${table}]\n` : ""}${lines.join("\n")}`).join("\n");
    expect(text).toContain("[build]\njobs = 8");
    expect(parseConfig(text, "/p/jaunt.toml")).toEqual(parseConfig("", "/p/jaunt.toml"));
  });
});
