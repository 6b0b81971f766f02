/**
 * Reads typed keys out of one TOML table, recording a problem (never
 * throwing) for a wrong type or bad value and falling back to the default so
 * validation can go on and report everything at once. Every key read is
 * remembered: keys nobody read are unknown, and the list of read keys is the
 * catalog the schema test compares with `schema/jaunt.schema.json`.
 */
import type { TomlTable, TomlValue } from "smol-toml";
import type { ConfigProblem, ProblemCode } from "./problems.ts";
import { formatKeyPath, isTable, tomlTypeName } from "./toml-values.ts";

export type ConfigValueType = "integer" | "number" | "boolean" | "string" | "string[]" | "table" | "map";

/** One key the loader accepts. `*` in `path` stands for any name of a map entry. */
export interface ConfigKeyInfo {
  readonly path: readonly string[];
  readonly type: ConfigValueType;
  /** The value used when the key is absent; undefined for optional keys without one. */
  readonly default: unknown;
  readonly required: boolean;
}

/** A key present in the file that no reader asked for. */
export interface UnknownKey {
  readonly path: readonly string[];
  readonly isTable: boolean;
  /** Known keys of the same table, for "did you mean". */
  readonly siblings: readonly string[];
}

/** Shared state of one validation run. */
export interface ReadContext {
  readonly problems: ConfigProblem[];
  readonly catalog: Map<string, ConfigKeyInfo>;
  readonly unknown: UnknownKey[];
}

/** Numeric bounds; `above` is exclusive. */
export interface Range {
  readonly min?: number;
  readonly max?: number;
  readonly above?: number;
}

/** A value check: returns what is wrong (appended after the key), or undefined. */
export type Check<T> = (value: T) => string | undefined;

export class TableReader {
  private readonly read = new Set<string>();

  /**
   * @param path key path used in messages (`llm.prices."gpt-4.1"`)
   * @param schemaPath the same path with map entry names replaced by `*`
   */
  constructor(
    readonly path: readonly string[],
    private readonly schemaPath: readonly string[],
    private readonly values: TomlTable,
    private readonly ctx: ReadContext,
  ) {}

  integer(key: string, fallback: number, range: Range = {}): number {
    return this.optionalInteger(key, range, fallback) ?? fallback;
  }

  optionalInteger(key: string, range: Range = {}, fallback?: number): number | undefined {
    const value = this.take(key, "integer", fallback);
    if (value === undefined) return undefined;
    if (typeof value !== "bigint") return this.wrongType(key, "an integer", value);
    const number = Number(value);
    const problem = Number.isSafeInteger(number) ? rangeProblem(number, range) : "is too large";
    return problem ? this.badValue(key, `must be an integer ${problem}, got ${value}`) : number;
  }

  number(key: string, fallback: number, range: Range = {}): number {
    return this.optionalNumber(key, range, fallback) ?? fallback;
  }

  optionalNumber(key: string, range: Range = {}, fallback?: number, required = false): number | undefined {
    const value = this.take(key, "number", fallback, required);
    if (value === undefined) return undefined;
    if (typeof value !== "bigint" && typeof value !== "number") return this.wrongType(key, "a number", value);
    const number = Number(value);
    const problem = Number.isFinite(number) ? rangeProblem(number, range) : "that is finite";
    return problem ? this.badValue(key, `must be a number ${problem}, got ${value}`) : number;
  }

  /** A number that must be present (map entries such as a price's `input`). */
  requiredNumber(key: string, range: Range = {}): number | undefined {
    return this.optionalNumber(key, range, undefined, true);
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.take(key, "boolean", fallback);
    if (value === undefined) return fallback;
    return typeof value === "boolean" ? value : (this.wrongType(key, "a boolean (true or false)", value) ?? fallback);
  }

  string(key: string, fallback: string, check?: Check<string>): string {
    return this.optionalString(key, check, fallback) ?? fallback;
  }

  optionalString(key: string, check?: Check<string>, fallback?: string): string | undefined {
    const value = this.take(key, "string", fallback);
    if (value === undefined) return undefined;
    if (typeof value !== "string") return this.wrongType(key, "a string", value);
    const problem = check?.(value);
    return problem ? this.badValue(key, problem) : value;
  }

  /** An array of strings; `check` sees each item with its index. */
  stringArray(key: string, fallback: readonly string[], check?: (item: string, index: number) => string | undefined): readonly string[] {
    const value = this.take(key, "string[]", fallback);
    if (value === undefined) return fallback;
    if (!Array.isArray(value)) return this.wrongType(key, "an array of strings", value) ?? fallback;
    let ok = true;
    value.forEach((item, index) => {
      const where = `${formatKeyPath([...this.path, key])}[${index}]`;
      if (typeof item !== "string") {
        ok = false;
        this.problem("config.wrong_type", key, `\`${where}\` must be a string, got ${tomlTypeName(item)}`);
        return;
      }
      const problem = check?.(item, index);
      if (problem) {
        ok = false;
        this.problem("config.bad_value", key, `\`${where}\` ${problem}`);
      }
    });
    return ok ? value.filter((item) => typeof item === "string") : fallback;
  }

  /** A sub-table; absent or of the wrong type reads as empty (the latter with a problem). */
  table(key: string): TableReader {
    const value = this.take(key, "table", undefined);
    const table = isTable(value) ? value : {};
    if (value !== undefined && !isTable(value)) this.wrongType(key, "a table", value);
    return new TableReader([...this.path, key], [...this.schemaPath, key], table, this.ctx);
  }

  /**
   * A table of tables keyed by free names (`[llm.prices."<model>"]`); `each` reads one entry.
   * `fixed` reads keys of the same table that are settings, not entries (`[llm.prices] batch_discount`).
   */
  map<T>(key: string, each: (entry: TableReader) => T, fixed?: { readonly keys: readonly string[]; readonly read: (table: TableReader) => void }): Readonly<Record<string, T>> {
    const value = this.take(key, "map", undefined);
    this.catalogue([...this.schemaPath, key, "*"], "table", undefined, false);
    const table = value !== undefined && isTable(value) ? value : {};
    fixed?.read(new TableReader([...this.path, key], [...this.schemaPath, key], table, this.ctx));
    if (value === undefined) return {};
    if (!isTable(value)) return this.wrongType(key, "a table", value) ?? {};
    const result: Record<string, T> = {};
    for (const [name, entry] of Object.entries(value)) {
      if (fixed?.keys.includes(name)) continue;
      const entryPath = [...this.path, key, name];
      if (!isTable(entry)) {
        this.ctx.problems.push({ code: "config.wrong_type", path: entryPath, message: `\`${formatKeyPath(entryPath)}\` must be a table, got ${tomlTypeName(entry)}` });
        continue;
      }
      const reader = new TableReader(entryPath, [...this.schemaPath, key, "*"], entry, this.ctx);
      result[name] = each(reader);
      reader.finish();
    }
    return result;
  }

  /** Record every key of this table that no one read as unknown. */
  finish(): void {
    const siblings = [...this.read];
    for (const [key, value] of Object.entries(this.values)) {
      if (!this.read.has(key)) this.ctx.unknown.push({ path: [...this.path, key], isTable: isTable(value), siblings });
    }
  }

  private take(key: string, type: ConfigValueType, fallback: unknown, required = false): TomlValue | undefined {
    this.read.add(key);
    this.catalogue([...this.schemaPath, key], type, fallback, required);
    const value = Object.hasOwn(this.values, key) ? this.values[key] : undefined;
    if (value === undefined && required) this.problem("config.missing_key", key, `\`${formatKeyPath([...this.path, key])}\` is required`);
    return value;
  }

  private catalogue(path: readonly string[], type: ConfigValueType, fallback: unknown, required: boolean): void {
    const id = JSON.stringify(path);
    if (!this.ctx.catalog.has(id)) this.ctx.catalog.set(id, { path, type, default: fallback, required });
  }

  private wrongType(key: string, expected: string, value: TomlValue): undefined {
    this.problem("config.wrong_type", key, `\`${formatKeyPath([...this.path, key])}\` must be ${expected}, got ${tomlTypeName(value)}`);
    return undefined;
  }

  private badValue(key: string, problem: string): undefined {
    this.problem("config.bad_value", key, `\`${formatKeyPath([...this.path, key])}\` ${problem}`);
    return undefined;
  }

  private problem(code: ProblemCode, key: string, message: string): void {
    this.ctx.problems.push({ code, path: [...this.path, key], message });
  }
}

/** What is wrong with `value` given `range`, phrased to follow "must be an integer". */
function rangeProblem(value: number, range: Range): string | undefined {
  const { min, max, above } = range;
  if (min !== undefined && max !== undefined && (value < min || value > max)) return `between ${min} and ${max}`;
  if (min !== undefined && value < min) return `of at least ${min}`;
  if (max !== undefined && value > max) return `of at most ${max}`;
  if (above !== undefined && value <= above) return `greater than ${above}`;
  return undefined;
}
