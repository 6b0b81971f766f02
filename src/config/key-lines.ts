/**
 * Maps dotted key paths of a TOML document to the 1-based line that defines
 * them. smol-toml returns plain values without positions, so error messages
 * about `build.jobs` need this small scanner to say `jaunt.toml:7`.
 *
 * It understands table headers (`[a.b]`, `[[x]]`, quoted keys), `key =`,
 * dotted keys, inline tables and arrays, and skips strings (including
 * multi-line ones) and comments. It runs only on text smol-toml already
 * parsed, so it does not need to diagnose syntax; on anything odd it moves on
 * to the next line rather than guess further.
 */

/** Looks up the line of a key path, falling back to its closest enclosing table. */
export interface KeyLines {
  /** Line of `path`, else of the nearest ancestor table that has one, else undefined. */
  lineOf(path: readonly string[]): number | undefined;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

/** Scan `text` once and return a lookup of key paths to lines. */
export function locateKeyLines(text: string): KeyLines {
  const lines = new Map<string, number>();
  const scanner = new Scanner(text, lines);
  scanner.document();
  return {
    lineOf(path) {
      for (let length = path.length; length > 0; length--) {
        const line = lines.get(pathKey(path.slice(0, length)));
        if (line !== undefined) return line;
      }
      return undefined;
    },
  };
}

function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

class Scanner {
  private pos = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly lines: Map<string, number>,
  ) {}

  document(): void {
    let table: string[] = [];
    while (this.skipBlank(true)) {
      const start = this.pos;
      if (this.peek() === "[") {
        table = this.header() ?? table;
      } else {
        this.keyValue(table);
      }
      if (this.pos === start) this.skipLine(); // never loop without progress
    }
  }

  /** `[a."b c"]` or `[[a]]`; returns the table path. */
  private header(): string[] | undefined {
    const line = this.line;
    this.pos += this.text.startsWith("[[", this.pos) ? 2 : 1;
    this.skipBlank(false);
    const path = this.key();
    if (path === undefined) return undefined;
    this.record(path, line);
    this.skipLine();
    return path;
  }

  /** `a.b = value`, recording `table + a` and `table + a.b`. */
  private keyValue(table: readonly string[]): void {
    const line = this.line;
    const key = this.key();
    if (key === undefined) return;
    const path = [...table, ...key];
    this.record(path, line);
    this.skipBlank(false);
    if (this.peek() !== "=") return;
    this.pos++;
    this.skipBlank(false);
    this.value(path);
  }

  /** A dotted key of bare and quoted parts. */
  private key(): string[] | undefined {
    const parts: string[] = [];
    for (;;) {
      this.skipBlank(false);
      const part = this.keyPart();
      if (part === undefined) return undefined;
      parts.push(part);
      this.skipBlank(false);
      if (this.peek() !== ".") return parts;
      this.pos++;
    }
  }

  private keyPart(): string | undefined {
    const c = this.peek();
    if (c === '"' || c === "'") return this.quoted(c);
    const start = this.pos;
    while (BARE_KEY.test(this.peek())) this.pos++;
    return this.pos > start ? this.text.slice(start, this.pos) : undefined;
  }

  /** A one-line quoted string; basic strings decode the common escapes. */
  private quoted(quote: string): string {
    this.pos++;
    let out = "";
    while (this.pos < this.text.length && this.peek() !== quote && this.peek() !== "\n") {
      if (quote === '"' && this.peek() === "\\") {
        out += decodeEscape(this.text[this.pos + 1] ?? "");
        this.pos += 2;
        continue;
      }
      out += this.peek();
      this.pos++;
    }
    if (this.peek() === quote) this.pos++;
    return out;
  }

  private value(path: readonly string[]): void {
    const c = this.peek();
    if (this.text.startsWith('"""', this.pos) || this.text.startsWith("'''", this.pos)) {
      this.multilineString(this.text.slice(this.pos, this.pos + 3));
    } else if (c === '"' || c === "'") {
      this.quoted(c);
    } else if (c === "[") {
      this.array(path);
    } else if (c === "{") {
      this.inlineTable(path);
    } else {
      while (this.pos < this.text.length && !",]}\n#".includes(this.peek())) this.pos++;
    }
  }

  private multilineString(delimiter: string): void {
    this.pos += 3;
    const end = this.text.indexOf(delimiter, this.pos);
    const stop = end === -1 ? this.text.length : end + 3;
    this.advanceTo(stop);
    // Up to two extra quotes may belong to the string: `""""a""""`.
    while (this.peek() === delimiter[0]) this.pos++;
  }

  /** Array elements may be inline tables whose keys live under the array's path. */
  private array(path: readonly string[]): void {
    this.pos++;
    while (this.skipBlank(true)) {
      if (this.peek() === "]") {
        this.pos++;
        return;
      }
      const start = this.pos;
      this.value(path);
      this.skipBlank(true);
      if (this.peek() === ",") this.pos++;
      if (this.pos === start) return;
    }
  }

  private inlineTable(path: readonly string[]): void {
    this.pos++;
    while (this.skipBlank(false)) {
      if (this.peek() === "}") {
        this.pos++;
        return;
      }
      const start = this.pos;
      this.keyValue(path);
      this.skipBlank(false);
      if (this.peek() === ",") this.pos++;
      if (this.pos === start) return;
    }
  }

  /** Skip spaces and comments (and newlines when `newlines`); false at end of text. */
  private skipBlank(newlines: boolean): boolean {
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === " " || c === "\t" || c === "\r") this.pos++;
      else if (c === "#") this.skipComment();
      else if (c === "\n" && newlines) this.advanceTo(this.pos + 1);
      else return true;
    }
    return false;
  }

  private skipComment(): void {
    const end = this.text.indexOf("\n", this.pos);
    this.pos = end === -1 ? this.text.length : end;
  }

  private skipLine(): void {
    const end = this.text.indexOf("\n", this.pos);
    this.advanceTo(end === -1 ? this.text.length : end + 1);
  }

  private advanceTo(stop: number): void {
    for (let i = this.pos; i < stop; i++) if (this.text[i] === "\n") this.line++;
    this.pos = stop;
  }

  private peek(): string {
    return this.text[this.pos] ?? "";
  }

  private record(path: readonly string[], line: number): void {
    // Prefixes of a dotted key are implicit tables defined on the same line.
    for (let length = 1; length <= path.length; length++) {
      const key = pathKey(path.slice(0, length));
      if (!this.lines.has(key)) this.lines.set(key, line);
    }
  }
}

function decodeEscape(c: string): string {
  const map: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", b: "\b", f: "\f" };
  return map[c] ?? c;
}
