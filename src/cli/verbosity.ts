/**
 * Whether a run is verbose: `--verbose`, or the `DEBUG` environment variable
 * (for when the command line is not at hand, e.g. a script or CI job).
 * Verbose adds each provider retry in the server's words, request changes,
 * and stack traces of errors. No imports: the CLI reads it at startup.
 */

/** `DEBUG` set to anything but empty, `0` or `false` turns on what `--verbose` does. */
export function debugFromEnv(): boolean {
  const value = process.env.DEBUG?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/** `--verbose` (the flag's parsed value) or `DEBUG`. */
export function isVerbose(flag: unknown): boolean {
  return flag === true || debugFromEnv();
}
