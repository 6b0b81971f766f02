/**
 * Guards and names for the values smol-toml returns (parsed with
 * `integersAsBigInt: true`, so integers are `bigint` and floats are `number`,
 * which lets `jobs = 2.5` be told apart from `jobs = 2`).
 */
import { TomlDate, type TomlTable, type TomlValue } from "smol-toml";

/** A TOML table (not an array, not a date). */
export function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof TomlDate);
}

/** The TOML name of a value's type, for "must be an integer, got string". */
export function tomlTypeName(value: TomlValue): string {
  if (typeof value === "bigint") return "integer";
  if (typeof value === "number") return "float";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (isTable(value)) return "table";
  return "datetime";
}

/** Dotted display of a key path; parts that are not bare keys are quoted: `llm.prices."gpt-4.1"`. */
export function formatKeyPath(path: readonly string[]): string {
  return path.map((part) => (/^[A-Za-z0-9_-]+$/.test(part) ? part : JSON.stringify(part))).join(".");
}
