#!/usr/bin/env bun
/** The `jaunt` executable. `--version` answers before anything else loads. */
import { isVersionRequest, VERSION } from "./version.ts";

const argv = process.argv.slice(2);
if (isVersionRequest(argv)) {
  console.log(VERSION);
} else {
  const { runCli } = await import("./cli/run.ts");
  process.exitCode = await runCli(argv);
}
