#!/usr/bin/env bun
/**
 * The `jaunt` executable. `--version` and the top-level `--help` answer before
 * anything else loads (the help from a table of summaries, a few small modules
 * imported here: a separate chunk cost more to load than they do to evaluate).
 */
import { isRootHelpRequest, rootHelp } from "./cli/root-help.ts";
import { isVersionRequest, VERSION } from "./version.ts";

const argv = process.argv.slice(2);
if (isVersionRequest(argv)) {
  console.log(VERSION);
} else if (isRootHelpRequest(argv)) {
  console.log(rootHelp());
} else {
  const { runCli } = await import("./cli/run.ts");
  process.exitCode = await runCli(argv);
}
