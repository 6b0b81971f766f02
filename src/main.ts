#!/usr/bin/env bun
/** The `jaunt` executable. */
import { runCli } from "./cli/run.ts";

process.exitCode = await runCli(process.argv.slice(2));
