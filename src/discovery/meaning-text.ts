/**
 * The meaning of source text, without its layout: what spec, test-spec and
 * handwritten-file digests are computed from (DESIGN §4), so a formatter run
 * (Prettier, Biome: line width, quotes, trailing commas, semicolons,
 * indentation, JSDoc re-wrapping) restales nothing, while renaming a
 * parameter, changing a type, a literal's value or a word in a comment does.
 *
 * The form: the token stream (meaning-tokens.ts) joined by single spaces —
 * string literals by value, numbers by value, comments with whitespace runs
 * collapsed (a JSDoc's leading `*` removed; a line comment ends the line) —
 * with separators made canonical:
 * - a trailing comma (before `)`, `]`, `}`, `>`) is dropped;
 * - an optional `;` is dropped, one that changes how the next line parses is
 *   kept (before `(`, `[`, a template, `+`, `-`, `/`, `<`, `++`, `--`), and so
 *   are `;` inside parentheses (`for (;;)`), after `if (…)`, and after
 *   `return`/`throw`/`break`/`continue`/`yield`, which a line break also ends;
 * - between the members of a type literal, interface or object literal,
 *   `,`, `;` and a line break that separates two members are one `;`;
 * - postfix `++`/`--` stick to their operand, so `a++ b` and `a ++b` differ.
 */
import { endsOperand, type Token, tokenize } from "./meaning-tokens.ts";

export interface Meaning {
  /** Code tokens and comment words: the spec digest's input and what `status` diffs. */
  readonly text: string;
  /** The same without comments: equal codes mean only comment or JSDoc text changed. */
  readonly code: string;
}

type Bracket = "(" | "(control" | "[" | "{block" | "{statement" | "{members";

const SEMICOLON_HAZARDS = new Set(["(", "[", "+", "-", "/", "<", "++", "--"]);
const ENDS_STATEMENT = new Set(["return", "throw", "break", "continue", "yield"]);
const CONTROL = new Set(["if", "while", "for", "with"]);
/** After these a `{` opens an object literal or a type literal (members), not a block. */
const BEFORE_MEMBERS = new Set(["=", "(", ",", "[", "<", "|", "&", "?", ":", "...", "return", "??", "||", "&&", "extends", "keyof", "readonly", "typeof", "yield", "await"]);
/** A `{` after these opens a statement block: a `;` after its `}` is an empty statement. */
const STATEMENT_BLOCK_AFTER = new Set(["else", "try", "finally", "do", "{", ";", "}"]);
/** After these a `|` or `&` leads a union or intersection type. */
const LEADING_TYPE_OPERATOR_AFTER = new Set(["=", "(", "<", ",", ":", "[", "?", "=>", "extends", "{", ";"]);
/** Parentheses around a whole expression after these are layout (Prettier adds and removes them). */
const WRAPPED_AFTER = new Set(["return", "=>", "=", "throw", "?", ":"]);
/** Words that continue an expression or type across a line break. */
const CONTINUING_WORDS = new Set(["in", "instanceof", "as", "satisfies", "extends", "is", "of"]);
const NOT_ENDING_WORDS = new Set(["typeof", "keyof", "new", "readonly", "unique", "infer", "await", "yield", "delete", "return", "throw"]);

function isCode(token: Token | undefined): token is Token {
  return token !== undefined && token.kind !== "comment";
}

/** A member of an object/type literal may end with this token. */
function endsMember(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === "identifier") return !NOT_ENDING_WORDS.has(token.text);
  if (token.kind === "punctuator") return [")", "]", "}", ">", "!"].includes(token.text);
  return token.kind !== "comment" && !(token.kind === "template" && token.text.endsWith("${"));
}

/** A member of an object/type literal may start with this token. */
function startsMember(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === "identifier") return !CONTINUING_WORDS.has(token.text);
  if (token.kind === "punctuator") return token.text === "[" || token.text === "..." || token.text === "*";
  return token.kind === "string" || token.kind === "number";
}

/** The meaning of `source` (never throws). */
export function meaningOf(source: string): Meaning {
  const tokens = tokenize(source);
  const out: string[] = [];
  const code: string[] = [];
  const stack: Bracket[] = [];
  /** A `{` that follows `interface Name …` opens members. */
  let interfaceHeader = false;
  /** The last emitted code token was `;` (members: no doubled separators). */
  let lastWasSeparator = true;
  let previous: Token | undefined;
  let lastLineComment = false;
  /** The last `)` closed `if (…)`, `while (…)`, `for (…)`: a `;` after it is an empty statement. */
  let previousClosedControl = false;
  const emit = (value: string): void => {
    out.push(value);
    afterCode = out.length;
    code.push(value);
    lastWasSeparator = value === ";";
    lastLineComment = false;
  };
  /** Where a separator for the current token goes: after the last code token, before comments. */
  let afterCode = 0;
  const separator = (): void => {
    if (lastWasSeparator) return;
    out.splice(afterCode, 0, ";");
    code.push(";");
    lastWasSeparator = true;
  };
  const skipped = redundantParentheses(tokens);
  let previousClosedStatement = false;
  let sameLine = false;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token) continue;
    if (skipped.has(index)) {
      // `return (\n  a\n)`: the line break is inside the parentheses, not after `return`.
      if (token.text === "(" && !token.newline) sameLine = true;
      continue;
    }
    if (token.kind === "comment") {
      // Consecutive line comments are one comment: re-wrapping them moves words between lines.
      if (lastLineComment && token.text.startsWith("//")) out[out.length - 1] = `${out[out.length - 1] ?? ""} ${token.text.slice(3)}`.trimEnd();
      else out.push(token.text);
      lastLineComment = token.text.startsWith("//");
      continue;
    }
    if (lastLineComment) {
      out[out.length - 1] = `${out[out.length - 1] ?? ""}\n`;
      lastLineComment = false;
    }
    let next: Token | undefined;
    for (let j = index + 1; j < tokens.length && !next; j++) if (isCode(tokens[j]) && !skipped.has(j)) next = tokens[j];
    const newline = token.newline && !sameLine;
    sameLine = false;
    const top = stack[stack.length - 1];
    const inMembers = top === "{members";
    const t = token.text;
    if (inMembers && newline && endsMember(previous) && startsMember(token)) separator();
    if (token.kind === "punctuator" && (t === "," || t === ";")) {
      const closes = next?.kind === "punctuator" && [")", "]", "}", ">"].includes(next.text);
      if (inMembers) {
        if (!closes) separator();
      } else if (t === ",") {
        const afterOpener = previous?.kind === "punctuator" && ["(", "[", "{", ","].includes(previous.text);
        if (!closes || afterOpener) emit(",");
      } else if (top === "(" || top === "(control") {
        emit(";");
      } else {
        const keep = (next !== undefined && (next.kind === "template" || next.kind === "regex" || (next.kind === "punctuator" && SEMICOLON_HAZARDS.has(next.text)))) ||
          (previous?.kind === "identifier" && (ENDS_STATEMENT.has(previous.text) || previous.text === "else" || previous.text === "do")) ||
          (previous?.text === ")" && previousClosedControl);
        // After a statement block's `}` a `;` is an empty statement, whatever follows.
        if (keep && !(previous?.text === "}" && previousClosedStatement)) emit(";");
      }
      previous = token;
      previousClosedControl = false;
      previousClosedStatement = false;
      continue;
    }
    // A leading `|` or `&` of a union or intersection type (`type A =\n  | "a"\n  | "b"`) is layout.
    if (token.kind === "punctuator" && (t === "|" || t === "&") && previous !== undefined && LEADING_TYPE_OPERATOR_AFTER.has(previous.text) && previous.kind !== "string") {
      continue;
    }
    // A line break ends `return`/`throw`/… : `return\nx` returns nothing.
    if (previous?.kind === "identifier" && ENDS_STATEMENT.has(previous.text) && (newline || t === "}")) separator();
    let closedControl = false;
    let closedStatement = false;
    if (token.kind === "punctuator" && (t === "++" || t === "--") && endsOperand(previous) && !token.newline && previous?.text !== "++" && previous?.text !== "--") {
      out[out.length - 1] = `${out[out.length - 1] ?? ""}${t}`;
      code[code.length - 1] = `${code[code.length - 1] ?? ""}${t}`;
      previous = { ...token, text: ")" };
      previousClosedControl = false;
      continue;
    }
    if (token.kind === "punctuator") {
      if (t === "(") stack.push(previous?.kind === "identifier" && CONTROL.has(previous.text) ? "(control" : "(");
      else if (t === "[") stack.push("[");
      else if (t === "{") {
        const members = interfaceHeader || (previous !== undefined && (previous.kind === "punctuator" || previous.kind === "identifier") && BEFORE_MEMBERS.has(previous.text) && !isLabelColon(stack, tokens, index));
        const statement = !members && (previous === undefined || (previous.text === ")" && previousClosedControl) || STATEMENT_BLOCK_AFTER.has(previous.text));
        stack.push(members ? "{members" : statement ? "{statement" : "{block");
        interfaceHeader = false;
      } else if (t === ")" || t === "]" || t === "}") {
        const closed = stack.pop();
        closedControl = closed === "(control";
        closedStatement = closed === "{statement";
      }
    } else if (token.kind === "template") {
      // A template's `${ … }` is a bracket of its own: a middle piece closes one and opens the next.
      if (token.text.startsWith("}")) stack.pop();
      if (token.text.endsWith("${")) stack.push("{block");
    }
    if (token.kind === "identifier" && t === "interface" && next?.kind === "identifier") interfaceHeader = true;
    emit(t);
    previous = token;
    previousClosedControl = closedControl;
    previousClosedStatement = closedStatement;
  }
  return { text: out.join(" ").replace(/\n /g, "\n"), code: code.join(" ") };
}

/** The index of the bracket that closes the one at `open`, or -1. */
function closingIndex(tokens: readonly Token[], open: number): number {
  const opener = tokens[open]?.text;
  const closer = opener === "(" ? ")" : opener === "[" ? "]" : "}";
  for (let i = open + 1, depth = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isCode(t) || t.kind !== "punctuator") continue;
    if (t.text === opener) depth++;
    else if (t.text === closer) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function nextCodeIndex(tokens: readonly Token[], from: number): number {
  for (let i = from; i < tokens.length; i++) if (isCode(tokens[i])) return i;
  return -1;
}

function nextCode(tokens: readonly Token[], from: number): Token | undefined {
  const index = nextCodeIndex(tokens, from);
  return index === -1 ? undefined : tokens[index];
}

/**
 * Token indexes of parentheses that are layout: around the whole expression
 * after `return`, `throw`, `=>` or `=` (not an object literal, not a comma
 * list after `=`), and around a lone arrow parameter (`(x) => x`).
 */
function redundantParentheses(tokens: readonly Token[]): Set<number> {
  const skipped = new Set<number>();
  let previous: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!isCode(token)) continue;
    if (token.text === "(" && token.kind === "punctuator") {
      const close = closingIndex(tokens, i);
      const innerIndex = nextCodeIndex(tokens, i + 1);
      const inner = innerIndex === -1 ? undefined : tokens[innerIndex];
      const after = close === -1 ? undefined : nextCode(tokens, close + 1);
      const single = inner?.kind === "identifier" && nextCodeIndex(tokens, innerIndex + 1) === close;
      if (close !== -1 && single && after?.text === "=>" && !(previous?.kind === "identifier" && !["async", "return", "=", "yield", "await"].includes(previous.text))) {
        skipped.add(i).add(close);
      } else if (close !== -1 && previous && WRAPPED_AFTER.has(previous.text) && inner?.text !== "{" && (endsExpression(tokens[close], after) || (previous.text === "?" && after?.text === ":"))) {
        const comma = previous.text !== "return" && previous.text !== "throw" && previous.text !== "=>" && hasTopLevelComma(tokens, i, close);
        if (!comma) skipped.add(i).add(close);
      }
    }
    previous = token;
  }
  return skipped;
}

/** After `)` (at `close`), does the expression end? Next is a closer, separator, end of input, or a word on a new line. */
function endsExpression(close: Token | undefined, after: Token | undefined): boolean {
  if (!close || !after) return true;
  if (after.kind === "punctuator") return [";", ",", ")", "]", "}"].includes(after.text);
  return after.newline && after.kind === "identifier" && !["in", "instanceof", "as", "satisfies", "of"].includes(after.text);
}

function hasTopLevelComma(tokens: readonly Token[], open: number, close: number): boolean {
  for (let i = open + 1, depth = 0; i < close; i++) {
    const t = tokens[i];
    if (!isCode(t) || t.kind !== "punctuator") continue;
    if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
    else if (t.text === ")" || t.text === "]" || t.text === "}") depth--;
    else if (depth === 0 && t.text === ",") return true;
  }
  return false;
}

/**
 * Whether the `:` before the `{` at `index` ends a label or a `case`/`default`
 * clause inside a block (then the `{` opens a block): `name:` right after
 * `{`, `;` or `}` in a block, or the `:` of `case …:` / `default:`.
 */
function isLabelColon(stack: readonly Bracket[], tokens: readonly Token[], index: number): boolean {
  const enclosing = stack[stack.length - 1];
  if (enclosing !== undefined && enclosing !== "{block") return false;
  let j = index - 1;
  while (j >= 0 && !isCode(tokens[j])) j--;
  if (tokens[j]?.text !== ":") return false;
  let k = j - 1;
  while (k >= 0 && !isCode(tokens[k])) k--;
  const word = tokens[k];
  if (word?.text === "default") return true;
  let m = k - 1;
  while (m >= 0 && !isCode(tokens[m])) m--;
  const before = tokens[m];
  if (word?.kind === "identifier" && (before === undefined || ["{", ";", "}"].includes(before.text))) return true;
  // `case expr:` — look back to a `case` on the same statement level.
  for (let n = j - 1, depth = 0; n >= Math.max(0, j - 200); n--) {
    const t = tokens[n];
    if (!isCode(t)) continue;
    if (t.text === ")" || t.text === "]" || t.text === "}") depth++;
    else if (t.text === "(" || t.text === "[" || t.text === "{") {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && (t.text === ";" || t.text === ":")) return false;
    else if (depth === 0 && t.text === "case") return true;
  }
  return false;
}
