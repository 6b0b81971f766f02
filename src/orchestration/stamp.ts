/**
 * `jaunt stamp [targets…]`: accept the current spec text for modules whose
 * spec changed in a way the user knows does not change behaviour (a typo in a
 * JSDoc), and accept hand edits of a generated body. It rewrites only the
 * header's module digest (the body is kept byte for byte), records the body as
 * accepted, and calls no model. It refuses a module whose generated file is
 * missing, was not written by Jaunt, or implements another spec set; with
 * explicit targets one refusal stamps nothing (exit 2).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { JauntError } from "@jaunt/runtime";
import { writeFileAtomic } from "../generated/atomic-write.ts";
import { parseHeader, renderHeader } from "../generated/header.ts";
import { WrittenRecords } from "../generated/written-record.ts";
import { inputsOf, writeBuiltInputs } from "../graph/built-inputs.ts";
import type { Plan, PlannedModule } from "../graph/plan-types.ts";
import { loadPlan, type BuildOptions } from "./build.ts";
import { acquireBuildLock } from "./lock.ts";
import { targetModule } from "./select-modules.ts";
import { recordWritten } from "./write-module.ts";

export interface StampOptions extends Pick<BuildOptions, "cwd" | "root" | "inferDeps" | "onWarning"> {
  /** Modules or SpecRefs; none = every stampable module. */
  readonly targets?: readonly string[];
}

export interface StampedModule {
  readonly module: string;
  readonly generatedFile: string;
  /** What was accepted: the new spec text (digest), a hand edit of the body, or both. */
  readonly accepted: readonly ("spec" | "edit")[];
}

export interface StampRefusal {
  readonly module: string;
  readonly generatedFile: string;
  readonly reason: string;
}

/** The `jaunt stamp --json` document. */
export interface StampReport {
  /** Stamping that gets this far succeeded (a refusal is an error, exit 2). */
  readonly ok: true;
  /** Absolute project root; every other path is relative to it. */
  readonly root: string;
  readonly stamped: readonly StampedModule[];
  /** Targets (or, without targets, nothing) that were already fresh. */
  readonly fresh: readonly string[];
  /** Stale modules that cannot be stamped (only reported when no targets were given). */
  readonly notStampable: readonly StampRefusal[];
  /** Warnings printed while stamping (a stale lock taken over). */
  readonly warnings: readonly string[];
}

function refusal(module: PlannedModule): string | undefined {
  if (module.stampable) return undefined;
  if (module.status === "conflict") return `${module.generatedFile} was not written by Jaunt (no Jaunt header)`;
  const reason = module.reasons[0] ?? "stale";
  if (reason.startsWith("generated file")) return `${reason}: nothing to stamp; run \`jaunt build\``;
  if (reason.startsWith("depends on stale")) return `its own digest already matches; it ${reason.replace("depends on stale", "waits for")} (build or stamp that one)`;
  return `${reason}; run \`jaunt build\``;
}

function selected(modules: readonly PlannedModule[], targets: readonly PlannedModule[] | undefined): PlannedModule[] {
  if (targets) return [...new Map(targets.map((m) => [m.id, m])).values()];
  return modules.filter((m) => m.status === "stale" || m.status === "edited");
}

/** Rewrite the header digest of `module` to its current digest (body kept byte for byte) and record it; no model call. */
export async function stampModule(plan: Plan, module: PlannedModule, records: WrittenRecords): Promise<StampedModule> {
  const root = plan.root;
  const file = path.join(root, module.generatedFile);
  const text = await readFile(file, "utf8");
  const header = parseHeader(text);
  if (header.status !== "ok") throw new JauntError(`${module.generatedFile} changed while stamping; run \`jaunt status\` again`, "stamp.changed", 2);
  const accepted: ("spec" | "edit")[] = [];
  if (header.header.moduleDigest !== module.digest) accepted.push("spec");
  if (module.status === "edited") accepted.push("edit");
  const stamped = `${renderHeader({ ...header.header, moduleDigest: module.digest })}${text.slice(header.bodyStart)}`;
  if (stamped !== text) await writeFileAtomic(file, stamped);
  const model = module.status === "edited" ? undefined : records.get(module.generatedFile)?.model;
  await recordWritten(root, module.generatedFile, stamped, records, model);
  await writeBuiltInputs(root, module.id, inputsOf(plan, module));
  return { module: module.id, generatedFile: module.generatedFile, accepted };
}

/** Stamp `targets` (or every stampable module). Throws `stamp.refused` (exit 2) when an explicit target cannot be stamped. */
export async function stamp(options: StampOptions = {}): Promise<StampReport> {
  const { plan } = await loadPlan(options);
  const targets = options.targets && options.targets.length > 0 ? options.targets.map((t) => targetModule(plan, t, options.cwd ?? process.cwd())) : undefined;
  const chosen = selected(plan.modules, targets);
  const fresh = chosen.filter((m) => m.status === "fresh").map((m) => m.id);
  const refused = chosen.flatMap((m): StampRefusal[] => {
    const reason = m.status === "fresh" ? undefined : refusal(m);
    return reason === undefined ? [] : [{ module: m.id, generatedFile: m.generatedFile, reason }];
  });
  if (targets && refused.length > 0) {
    const list = refused.map((r) => `  ${r.module}: ${r.reason}`).join("\n");
    throw new JauntError(`cannot stamp ${refused.length} module(s); nothing was stamped:\n${list}`, "stamp.refused", 2, {
      hint: "stamp accepts spec edits for files Jaunt wrote; run `jaunt build` for the others",
    });
  }
  const refusedIds = new Set(refused.map((r) => r.module));
  const todo = chosen.filter((m) => m.status !== "fresh" && !refusedIds.has(m.id));
  const report = { ok: true, root: plan.root, fresh, notStampable: refused } as const;
  if (todo.length === 0) return { ...report, stamped: [], warnings: [] };
  const lock = acquireBuildLock(plan.root, "jaunt stamp");
  if (lock.warning) options.onWarning?.(lock.warning);
  try {
    const records = WrittenRecords.load(plan.root);
    const stamped: StampedModule[] = [];
    for (const module of todo) stamped.push(await stampModule(plan, module, records));
    return { ...report, stamped, warnings: lock.warning ? [lock.warning] : [] };
  } finally {
    lock.release();
  }
}

/** Human lines: what was stamped, and what could not be. */
export function formatStamp(report: StampReport): string {
  const lines = report.stamped.map((s) => `stamped ${s.module} (${s.generatedFile}): accepted ${s.accepted.map((a) => (a === "spec" ? "the spec text" : "the hand edit")).join(" and ") || "as is"}`);
  for (const id of report.fresh) lines.push(`fresh ${id}: nothing to stamp`);
  for (const r of report.notStampable) lines.push(`not stampable ${r.module}: ${r.reason}`);
  if (lines.length === 0) lines.push("nothing to stamp: no stale or edited modules");
  else lines.push(`${report.stamped.length} stamped (no model calls)`);
  return lines.join("\n");
}
