#!/usr/bin/env bun
/** The `jaunt` executable. `--version` and the top-level `--help` answer before anything else loads. */
import { isVersionRequest, VERSION } from "./version.ts";

const argv = process.argv.slice(2);
if (isVersionRequest(argv)) {
  console.log(VERSION);
} else if (argv.length === 0 || (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h"))) {
  // The same test as isRootHelpRequest (cli/root-help.ts), inlined: importing it would slow `--version`.
  const { rootHelp } = await import("./cli/root-help.ts");
  console.log(rootHelp());
} else {
  const { runCli } = await import("./cli/run.ts");
  process.exitCode = await runCli(argv);
}
