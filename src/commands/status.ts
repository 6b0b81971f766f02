/** `jaunt status`: which generated modules are fresh or stale, and why; `--check` for CI. */
import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { inferDepsArgs, jsonArgs, planOptions, rootArgs, verboseArgs } from "../cli/args.ts";
import { logger, writeJson, writeResult } from "../cli/output.ts";
import type { CommandOutcome } from "../cli/run.ts";

export default defineCommand({
  meta: { name: "status", description: COMMAND_SUMMARIES.status },
  args: {
    ...rootArgs,
    ...jsonArgs,
    ...verboseArgs,
    check: {
      type: "boolean",
      description: "Exit 1 when any module is stale or in conflict, 0 when all are fresh (a model-free CI gate; 2 still means a config or spec error)",
    },
    verified: {
      type: "boolean",
      description: "With --check: also exit 1 when a fresh build module has no passing check recorded (no spec example or test ran against it)",
    },
    strict: {
      type: "boolean",
      description: "With --check: also exit 1 on any warning (specs outside the roots, missing roots, unwrapped todo() stubs …)",
    },
    ...inferDepsArgs,
  },
  async run({ args }): Promise<CommandOutcome | undefined> {
    const { status, checkExitCode } = await import("../graph/status.ts");
    const report = await status({
      ...planOptions(args),
    });
    for (const warning of report.warnings) logger().warn(warning);
    const exitCode = args.check ? checkExitCode(report, Boolean(args.strict), Boolean(args.verified)) : 0;
    const { readCacheRecord, formatCacheRecord } = await import("../orchestration/cache-record.ts");
    // Where the last run's answers came from (recorded by that run; status itself asks no cache).
    const lastCache = args.verbose || args.json ? readCacheRecord(report.root) : undefined;
    const { readBatchRecord, formatPendingBatch } = await import("../orchestration/batch/batch-record.ts");
    const pendingBatch = readBatchRecord(report.root);
    if (args.json) {
      // `ok` as in every command's document: the exit code is 0 (always, without --check).
      writeJson({ ok: exitCode === 0, ...report, ...(lastCache ? { lastCache } : {}), ...(pendingBatch ? { pendingBatch } : {}) });
    } else {
      const { formatStatus } = await import("../graph/format-status.ts");
      const extra = [...(pendingBatch ? [formatPendingBatch(pendingBatch)] : []), ...(lastCache ? [formatCacheRecord(lastCache)] : [])];
      writeResult(`${formatStatus(report, { verbose: Boolean(args.verbose) })}${extra.map((line) => `${line}\n`).join("")}`);
    }
    return args.check ? { exitCode } : undefined;
  },
});
