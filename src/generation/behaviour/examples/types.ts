/**
 * What the example extractor reads out of a spec's JSDoc `@example` blocks:
 * plain, JSON-serialisable data (it crosses the Worker boundary and is
 * recorded in reports). Lines are 1-based lines of the spec FILE.
 */

/** What a check expects of its subject. */
export type Expectation =
  /** The subject strictly deep-equals the value of `expected` (`Bun.deepEquals(actual, expected, true)`, as `toStrictEqual`). */
  | { readonly kind: "equals"; readonly expected: string }
  /** `left OP right` as written must be true; `subject` is the left side, `right` the expected side. */
  | { readonly kind: "compare"; readonly operator: "===" | "!==" | "==" | "!="; readonly right: string }
  /** Evaluating the subject throws; of class `errorClass` (by `name` along the prototype chain) when given, its message containing `message` when given. */
  | { readonly kind: "throws"; readonly errorClass?: string; readonly message?: string }
  /** An `expect(…)` / `assert(…)` statement: passes when it runs without throwing. */
  | { readonly kind: "runs" };

export interface ExampleCheck {
  /** Spec-file line of the statement the check belongs to. */
  readonly line: number;
  /** The statement as the user wrote it (one line, for messages): `slugify("Hi") // => "hi"`. */
  readonly source: string;
  /** Expression whose value is checked (for `runs`: the statement itself). */
  readonly subject: string;
  readonly expectation: Expectation;
}

export type ExampleStep =
  /** A statement run in order in the block's scope (declarations, calls with no expected value). */
  | { readonly kind: "setup"; readonly line: number; readonly code: string }
  | { readonly kind: "check"; readonly check: ExampleCheck };

/** One `@example` block. */
export interface ExampleBlock {
  /** SpecRef the block documents, `"src/text:slugify"` (as given by the caller). */
  readonly spec: string;
  /** Project-relative spec file. */
  readonly file: string;
  /** Spec-file line of the `@example` tag. */
  readonly line: number;
  /** The example's code, JSDoc stars and fences removed. */
  readonly code: string;
  /** Setup and checks in source order; empty when `unchecked`. */
  readonly steps: readonly ExampleStep[];
  /** Identifiers the block uses without declaring them (the spec module's scope or globals must supply them). */
  readonly freeNames: readonly string[];
  /** Why the block is prose rather than a check (does not parse, no expected value, unknown name…); absent when it runs. */
  readonly unchecked?: string;
}

/** Where a JSDoc comment sits, so example lines map back to the spec file. */
export interface JsDocOrigin {
  readonly spec: string;
  readonly file: string;
  /** Spec-file line of the comment's first line (`/**`). */
  readonly line: number;
}
