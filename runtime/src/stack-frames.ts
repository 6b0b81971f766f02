/**
 * Reads the call stack to find who called the runtime. `new Error().stack` is
 * the only call-site source that works the same under Bun and Node (ESM and
 * CJS); bundlers and inline source maps break it, hence the `specFile` option.
 */
import { nodePath, nodeUrl } from "./node-builtins.ts";

/** One parsed stack frame. */
export interface StackFrame {
  /** Absolute file path (file:// URLs already converted). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Function name as the engine printed it (`slugify`, `new Foo`, `Object.<anonymous>`), if any. */
  readonly functionName: string | undefined;
}

// `at fn (location:1:2)` or `at location:1:2`; the location may contain spaces.
const FRAME = /^\s*at\s+(?:(.+?)\s+\()?(.+?):(\d+):(\d+)\)?\s*$/;
const WINDOWS_PATH = /^[A-Za-z]:[\\/]|^\\\\/;

function toFilePath(location: string): string | undefined {
  if (location.startsWith("file://")) {
    try {
      return nodeUrl().fileURLToPath(location);
    } catch {
      return undefined;
    }
  }
  // Skips `node:internal/…`, `bun:wrap`, `native`, `<anonymous>`, eval frames.
  return nodePath().isAbsolute(location) || WINDOWS_PATH.test(location) ? location : undefined;
}

/** Parses a V8/JSC stack string into frames that point at real files. */
export function parseStack(stack: string | undefined): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const text of (stack ?? "").split("\n")) {
    const match = FRAME.exec(text);
    if (!match) continue;
    const [, functionName, location = "", line = "0", column = "0"] = match;
    const file = toFilePath(location);
    if (file !== undefined) frames.push({ file, line: Number(line), column: Number(column), functionName });
  }
  return frames;
}

function captureFrames(): StackFrame[] {
  const previousLimit = Error.stackTraceLimit;
  // A user (or a test runner) may have lowered the limit; we need a few frames past our own.
  Error.stackTraceLimit = Math.max(previousLimit, 30);
  try {
    return parseStack(new Error().stack);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
}

function dirnameOfAnyPath(file: string): string {
  // Windows paths seen on a POSIX host: cut at the last separator of either kind.
  return WINDOWS_PATH.test(file) ? file.slice(0, Math.max(file.lastIndexOf("\\"), file.lastIndexOf("/"))) : nodePath().dirname(file);
}

/**
 * Folder holding the runtime's own code: `runtime/src/` from source, `dist/`
 * when bundled. Frames from it are never the caller. Read from a frame rather
 * than `import.meta`, which the CJS build does not have; found on first use
 * (the first frame of any capture is `captureFrames` itself), so importing
 * the runtime loads no Node built-in.
 */
let runtimeDir: string | null | undefined;

function ownDir(): string | null {
  if (runtimeDir === undefined) {
    const own = captureFrames()[0];
    runtimeDir = own === undefined ? null : dirnameOfAnyPath(own.file);
  }
  return runtimeDir;
}

/** True for frames inside the runtime itself. */
export function isRuntimeFrame(frame: StackFrame): boolean {
  const dir = ownDir();
  return dir !== null && dirnameOfAnyPath(frame.file) === dir;
}

/** The nearest frame outside the runtime: the user code that called into it. */
export function callerFrame(): StackFrame | undefined {
  return captureFrames().find((frame) => !isRuntimeFrame(frame));
}
