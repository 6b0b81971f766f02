/** What one `bun test` run found, per test, as plain data (`jaunt test --json`, repair feedback). */

export type TestStatus = "passed" | "failed" | "skipped";

/** One stack frame of a failure, as bun prints it (`at g (src/__generated__/text.ts:2:50)`). */
export interface StackFrame {
  /** Function name, when bun gives one. */
  readonly fn?: string;
  /** Path as bun prints it: relative to the project root, or absolute. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface TestCaseResult {
  /** Project-relative test file (`tests/__generated__/slug.test.ts`). */
  readonly file: string;
  /** Describe blocks and the test's own name, joined with " > ". */
  readonly name: string;
  readonly status: TestStatus;
  /** 1-based line of the test's call in `file`, when bun reports it. */
  readonly line?: number;
  /** The failure in bun's words (the error's class and message, without the stack). */
  readonly message?: string;
  /** From bun's `Expected: …` / `Received: …` lines (or the diff of `toEqual`). */
  readonly expected?: string;
  readonly received?: string;
  /** A fast-check property's shrunk counterexample (`["a  b"]`). */
  readonly counterexample?: string;
  readonly stack?: readonly StackFrame[];
}

/** A test file bun could not load (a syntax error, a missing import, a throw at import). */
export interface UnloadedFile {
  readonly file: string;
  /** The runner's words. */
  readonly error: string;
}

export interface TestRunResult {
  /** `bun test`'s exit code. */
  readonly bunExitCode: number;
  /** Files the run was given (project-relative). */
  readonly files: readonly string[];
  readonly tests: readonly TestCaseResult[];
  readonly unloaded: readonly UnloadedFile[];
  /**
   * Set when the run itself failed — bun crashed, wrote no report, or ran out of time — so no
   * test result can be trusted to say which side is wrong.
   */
  readonly runnerError?: string;
  /** Set when the time limit stopped the run: the file running then and those not started. */
  readonly timedOut?: { readonly seconds: number; readonly running: readonly string[]; readonly notStarted: readonly string[] };
}
