/**
 * The Jaunt error family. Every error Jaunt raises — at run time or from the
 * CLI — is a `JauntError`, carrying a stable `code` and the process exit code
 * the CLI uses for it (DESIGN §6: 2 config/discovery, 3 generation, 4 tests).
 */

/** Where in a file an error points, 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

export interface JauntErrorOptions {
  /** Where the problem is; rendered as `file:line:col` before the message. */
  readonly location?: SourceLocation | undefined;
  /** One line telling the user what to do next. */
  readonly hint?: string | undefined;
  readonly cause?: unknown;
}

export class JauntError extends Error {
  /** Stable machine-readable identifier, e.g. `config.unknown_key`. */
  readonly code: string;
  /** Exit code the CLI returns when this error ends a command. */
  readonly exitCode: number;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(message: string, code = "jaunt.error", exitCode = 1, options: JauntErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.location = options.location;
    this.hint = options.hint;
  }
}

/** `jaunt.toml` is missing, unreadable, or invalid. Exit 2. */
export class JauntConfigError extends JauntError {
  constructor(message: string, code = "config.invalid", options: JauntErrorOptions = {}) {
    super(message, code, 2, options);
  }
}

/** A spec cannot be discovered or is written in a form Jaunt cannot use. Exit 2. */
export class JauntDiscoveryError extends JauntError {
  constructor(message: string, code = "discovery.invalid", options: JauntErrorOptions = {}) {
    super(message, code, 2, options);
  }
}

/** Specs depend on each other in a cycle; `cycle` lists SpecRefs, first repeated last. Exit 2. */
export class JauntDependencyCycleError extends JauntError {
  readonly cycle: readonly string[];
  constructor(cycle: readonly string[], options: JauntErrorOptions = {}) {
    super(`dependency cycle: ${cycle.join(" -> ")}`, "graph.cycle", 2, {
      hint: "break the cycle by removing one of these deps (explicit `deps` or an import used by the spec)",
      ...options,
    });
    this.cycle = cycle;
  }
}

/** The LLM could not produce a valid module, or the provider failed. Exit 3. */
export class JauntGenerationError extends JauntError {
  constructor(message: string, code = "generation.failed", options: JauntErrorOptions = {}) {
    super(message, code, 3, options);
  }
}

/**
 * A spec's generated module exists but this runtime cannot load it: Node and
 * a TypeScript file (`runtime.typescript_on_node`), or Node without
 * `require(esm)` (`runtime.require_esm`). Raised on call (or `new`), like `JauntNotBuiltError`.
 */
export class JauntLoadError extends JauntError {
  constructor(message: string, code = "runtime.cannot_load", options: JauntErrorOptions = {}) {
    super(message, code, 1, options);
  }
}

/** A spec was called (or a spec class constructed) before `jaunt build` wrote its implementation. */
export class JauntNotBuiltError extends JauntError {
  readonly specRef: string;
  constructor(specRef: string, detail?: string, options: JauntErrorOptions = {}) {
    const why = detail ? ` (${detail})` : "";
    super(`${specRef} is not built${why}; run \`jaunt build\``, "runtime.not_built", 1, options);
    this.specRef = specRef;
  }
}

/** A spec stub's body ran: `jaunt.todo()` was called. Stub bodies are documentation, never code to run. */
export class JauntTodoError extends JauntNotBuiltError {
  override readonly code: string = "runtime.todo";
  /** `specRef` defaults to a generic description: the stub's frame is often gone from the stack (tail call). */
  constructor(specRef = "a spec stub", options: JauntErrorOptions = {}) {
    super(specRef, "its body ran: jaunt.todo() was called", options);
  }
}
