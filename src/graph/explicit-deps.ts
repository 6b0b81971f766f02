/**
 * A spec's explicit `deps`: identifiers resolved like the module's own
 * names, and SpecRef strings (`"src/c:second"`) looked up directly. One
 * mistake gives one error: an entry naming a spec that already had a
 * problem adds none, and an entry pointing outside the roots is a warning.
 */
import { resolveProjectPath } from "../discovery/resolve-specifier.ts";
import type { DiskProbe } from "../discovery/disk-probe.ts";
import type { DiscoveryProblemData, ModuleInfo, SpecInfo } from "../discovery/types.ts";
import { didYouMean } from "../support/did-you-mean.ts";
import type { NameResolver } from "./name-resolver.ts";

export interface ExplicitContext {
  readonly root: string;
  readonly specs: ReadonlyMap<string, SpecInfo>;
  /** SpecRefs of spec candidates rejected by a problem. */
  readonly rejected: ReadonlySet<string>;
  /** Files under the roots. */
  readonly walked: ReadonlySet<string>;
  readonly names: NameResolver;
  readonly probe: DiskProbe;
  readonly problems: DiscoveryProblemData[];
  readonly warnings: DiscoveryProblemData[];
}

function at(info: ModuleInfo, spec: SpecInfo, message: string, hint: string): DiscoveryProblemData {
  return { file: info.file, line: spec.range.start.line, column: spec.range.start.column, message, hint };
}

function outsideRoots(ctx: ExplicitContext, info: ModuleInfo, spec: SpecInfo, entry: string, file: string): void {
  ctx.warnings.push(at(info, spec,
    `\`deps\` of \`${spec.name}\` names \`${entry}\` in ${file}, which is outside source_roots: Jaunt never builds it, so the dependency is ignored`,
    `add the folder of ${file} to [paths] source_roots in jaunt.toml, or drop the entry`));
}

function byRef(ctx: ExplicitContext, info: ModuleInfo, spec: SpecInfo, ref: string, out: Set<string>): void {
  const target = ctx.specs.get(ref);
  if (target && target.kind !== "test") {
    if (target.ref !== spec.ref) out.add(target.ref);
    return;
  }
  if (ctx.rejected.has(ref)) return;
  const module = ref.slice(0, ref.lastIndexOf(":"));
  const file = resolveProjectPath(ctx.root, module, ctx.walked, ctx.probe);
  if (!target && file !== undefined && !ctx.walked.has(file)) {
    outsideRoots(ctx, info, spec, ref, file);
    return;
  }
  const suggestion = didYouMean(ref, [...ctx.specs.values()].filter((s) => s.kind !== "test").map((s) => s.ref));
  ctx.problems.push(at(info, spec,
    target ? `\`deps\` of \`${spec.name}\` names "${ref}", which is a test spec` : `\`deps\` of \`${spec.name}\` names "${ref}", which is no source spec`,
    suggestion ? `did you mean "${suggestion}"?` : "a SpecRef is \"<module>:<name>\", the module being the spec file's path from the project root without extension"));
}

/** SpecRefs of `spec`'s explicit deps; problems and warnings go to the context. */
export function explicitDeps(ctx: ExplicitContext, info: ModuleInfo, spec: SpecInfo): Set<string> {
  const out = new Set<string>();
  for (const entry of spec.options.deps) {
    if (entry.includes(":")) {
      byRef(ctx, info, spec, entry, out);
      continue;
    }
    const target = ctx.names.resolveName(info, entry);
    if (target.kind === "rejected") continue;
    if (target.kind === "spec" && target.spec.kind !== "test") {
      if (target.spec.ref !== spec.ref) out.add(target.spec.ref);
      continue;
    }
    if (target.kind === "none" && target.file !== undefined && !ctx.walked.has(target.file)) {
      outsideRoots(ctx, info, spec, entry, target.file);
      continue;
    }
    // The names an entry can mean: this module's specs and every imported binding (a typo of `slugify` is usually an import).
    const names = [...info.specs.map((s) => s.name), ...info.imports.flatMap((i) => i.bindings.map((b) => b.local))];
    const suggestion = didYouMean(entry, names.filter((name) => name !== entry));
    ctx.problems.push(at(info, spec, `\`deps\` of \`${spec.name}\` names \`${entry}\`, which is not a source spec`,
      suggestion ? `did you mean \`${suggestion}\`?` : "deps must name magic() functions or @magic() classes (imported, or from this module), or give their SpecRef strings: deps: [\"src/slug:slugify\"]"));
  }
  return out;
}
