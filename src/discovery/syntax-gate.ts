/**
 * Whether a spec file parses as Bun parses it when the program imports it.
 * TypeScript's parser recovers from syntax errors silently (a spec with
 * `jaunt.todo(;` used to be planned and sent to the model); Bun's transpiler
 * stops at the first one, in ~0.02 ms, with its words and position.
 */
import { isRecord } from "../support/is-record.ts";
import { transpilerFor } from "../support/transpilers.ts";

export interface SyntaxFault {
  readonly message: string;
  /** Offset into the text, when Bun gave one. */
  readonly offset: number | undefined;
}

/**
 * The first syntax error of `text` (a `.ts`/`.tsx` file), or undefined when it parses.
 * Bun also stops at a name declared twice; that is a scope error TypeScript parses
 * fine, and discovery says it better (`duplicate spec name`), so it is not a fault here.
 */
export function syntaxFault(file: string, text: string): SyntaxFault | undefined {
  try {
    transpilerFor(file.endsWith(".tsx") ? "tsx" : "ts").scan(text);
    return undefined;
  } catch (error) {
    const message = isRecord(error) && typeof error.message === "string" ? error.message : String(error);
    const position = isRecord(error) && isRecord(error.position) ? error.position : undefined;
    const offset = position && typeof position.offset === "number" ? position.offset : undefined;
    return /has already been declared/.test(message) ? undefined : { message, offset };
  }
}
