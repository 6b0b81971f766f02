/**
 * A small TypeScript/JavaScript lexer for meaning digests: the token stream
 * TypeScript's scanner gives (identifiers, punctuators, literals, comments),
 * with the two contextual decisions a lone scanner cannot make taken the
 * usual way — a `/` starts a regular expression unless the previous token
 * ends an operand, and a `}` resumes a template literal when it closes a
 * `${`. Dependency-free on purpose: digests of handwritten files and a
 * re-plan after a comment edit must not load the TypeScript compiler.
 * It never throws: an unknown character is a token of its own.
 */

export type TokenKind = "identifier" | "number" | "string" | "template" | "regex" | "punctuator" | "comment";

export interface Token {
  readonly kind: TokenKind;
  /** Canonical text: string literals by value (JSON), numbers by value, comments with whitespace collapsed. */
  readonly text: string;
  /** A line break separates it from the previous code token (comments in between count). */
  readonly newline: boolean;
  /** A line break in the whitespace right before it (since the previous token of any kind; not inside comments). */
  readonly breakBefore: boolean;
  /** Offsets of the token in the source text. */
  readonly start: number;
  readonly end: number;
}

/** Multi-character punctuators by length (longest match first); `>` is always alone. */
const PUNCTUATORS_3 = new Set(["...", "===", "!==", "**=", "<<=", "&&=", "||=", "??="]);
const PUNCTUATORS_2 = new Set(["=>", "==", "!=", "<=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<"]);
const IDENTIFIER_START = /[\p{ID_Start}$_\\]/u;
const IDENTIFIER_PART = /[\p{ID_Continue}$\u200C\u200D\\]/u;

/** ASCII fast paths; other characters go to the Unicode classes. */
function isIdentifierStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c === 92) return true;
  if (c < 128) return false;
  return c >= 0xd800 || IDENTIFIER_START.test(text[i] ?? "");
}

function isIdentifierPart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 92) return true;
  if (c < 128 || Number.isNaN(c)) return false;
  return (c >= 0xd800 && c <= 0xdfff) || IDENTIFIER_PART.test(text[i] ?? "");
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isSpace(c: number, ch: string): boolean {
  if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) return true;
  return c > 127 && /\s/.test(ch);
}
/** Keywords after which a `/` starts a regular expression (they do not end an operand). */
const KEYWORDS_BEFORE_EXPRESSION = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]);

/** Whitespace runs collapsed; a block comment's leading `*` on each line removed (JSDoc layout). */
function commentText(raw: string): string {
  if (raw.startsWith("//")) return `// ${raw.slice(2).trim().replace(/\s+/g, " ")}`.trimEnd();
  const jsdoc = raw.startsWith("/**") && raw.length > 4;
  const inner = raw.slice(jsdoc ? 3 : 2, raw.endsWith("*/") ? -2 : undefined);
  const words = inner.split(/\r\n?|\n/).map((line) => line.replace(/^\s*\*(?!\/)/, "")).join(" ").trim().replace(/\s+/g, " ");
  return `${jsdoc ? "/**" : "/*"} ${words} */`;
}

/** The cooked value of a string literal body (escapes resolved). */
function cook(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_, e: string) => {
    if (e.startsWith("u{")) return String.fromCodePoint(Number.parseInt(e.slice(2, -1), 16));
    if ((e.startsWith("u") || e.startsWith("x")) && e.length > 1) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0", "\n": "", "\r\n": "", "\r": "", "\u2028": "", "\u2029": "" };
    return simple[e] ?? e;
  });
}

/** A numeric literal by value: `1_000`, `1e3` and `1000.0` are one number; bigints keep their `n`. */
function numberValue(raw: string): string {
  const digits = raw.replaceAll("_", "");
  if (digits.endsWith("n")) {
    try {
      return `${BigInt(digits.slice(0, -1)).toString()}n`;
    } catch {
      return digits.toLowerCase();
    }
  }
  const value = Number(digits);
  return Number.isNaN(value) ? digits.toLowerCase() : String(value);
}

/** Whether a code token ends an operand (then `/` divides and a following `++` is postfix). */
export function endsOperand(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === "identifier") return !KEYWORDS_BEFORE_EXPRESSION.has(token.text);
  if (token.kind === "punctuator") return token.text === ")" || token.text === "]" || token.text === "}" || token.text === "++" || token.text === "--";
  return token.kind !== "comment" && !(token.kind === "template" && token.text.endsWith("${"));
}

/** Lex `text` into tokens (comments included). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  /** Open `{` and `${`: which `}` resumes a template. */
  const braces: boolean[] = [];
  let lastCode: Token | undefined;
  let newline = false;
  let breakBefore = false;
  let i = 0;
  const push = (kind: TokenKind, value: string, start: number): void => {
    const token: Token = { kind, text: value, newline, breakBefore, start, end: i };
    tokens.push(token);
    breakBefore = false;
    if (kind !== "comment") {
      lastCode = token;
      newline = false;
    }
  };
  const template = (start: number): void => {
    // i is just after the opening "`" or the "}" that closes a substitution.
    while (i < text.length && text[i] !== "`" && !(text[i] === "$" && text[i + 1] === "{")) i += text[i] === "\\" ? 2 : 1;
    if (text[i] === "$") {
      i += 2;
      braces.push(true);
    } else i += 1;
    push("template", text.slice(start, Math.min(i, text.length)), start);
  };
  while (i < text.length) {
    const start = i;
    const c = text[i] ?? "";
    if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") {
      newline = true;
      breakBefore = true;
      i += 1;
    } else if (isSpace(text.charCodeAt(i), c)) {
      i += 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i += 1;
      push("comment", commentText(text.slice(start, i)), start);
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? text.length : close + 2;
      const raw = text.slice(start, i);
      if (/[\n\r\u2028\u2029]/.test(raw)) newline = true;
      push("comment", commentText(raw), start);
    } else if (c === "'" || c === '"') {
      i += 1;
      while (i < text.length && text[i] !== c && text[i] !== "\n") i += text[i] === "\\" ? (text.startsWith("\r\n", i + 1) ? 3 : 2) : 1;
      const body = text.slice(start + 1, i);
      i = Math.min(i + 1, text.length);
      push("string", JSON.stringify(cook(body)), start);
    } else if (c === "`") {
      i += 1;
      template(start);
    } else if (c === "}" && braces.length > 0 && braces[braces.length - 1] === true) {
      braces.pop();
      i += 1;
      template(start);
    } else if (isDigit(text, i) || (c === "." && isDigit(text, i + 1))) {
      const match = /^(?:0[xX][0-9a-fA-F_]+n?|0[bB][01_]+n?|0[oO][0-7_]+n?|(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?n?)/.exec(text.slice(i, i + 400));
      i += match?.[0].length || 1;
      push("number", numberValue(text.slice(start, i)), start);
    } else if (isIdentifierStart(text, i) || (c === "#" && isIdentifierStart(text, i + 1))) {
      i += c === "#" ? 2 : 1;
      while (i < text.length && isIdentifierPart(text, i)) i += 1;
      push("identifier", text.slice(start, i), start);
    } else if (c === "/" && !endsOperand(lastCode)) {
      let inClass = false;
      i += 1;
      while (i < text.length && text[i] !== "\n" && (text[i] !== "/" || inClass)) {
        if (text[i] === "\\") i += 1;
        else if (text[i] === "[") inClass = true;
        else if (text[i] === "]") inClass = false;
        i += 1;
      }
      i += 1;
      while (i < text.length && /[a-z]/i.test(text[i] ?? "")) i += 1;
      push("regex", text.slice(start, Math.min(i, text.length)), start);
    } else {
      // `>` always alone, as TypeScript's scanner gives it: `>>` in `A<B<C>>` is two tokens.
      const three = text.slice(i, i + 3);
      const two = text.slice(i, i + 2);
      const long = c === ">" ? undefined : PUNCTUATORS_3.has(three) ? three : PUNCTUATORS_2.has(two) && !(two === "?." && isDigit(text, i + 2)) ? two : undefined;
      i += long?.length ?? 1;
      if (c === "{") braces.push(false);
      else if (c === "}") braces.pop();
      push("punctuator", long ?? c, start);
    }
  }
  return tokens;
}
