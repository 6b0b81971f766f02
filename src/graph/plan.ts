/**
 * `planProject`: discovery → spec graph → digests → staleness, as one Plan
 * (see plan-types.ts). Model-free and network-free: `jaunt status` is just
 * this plus printing, and `jaunt build` schedules from its `buildOrder`.
 */
import path from "node:path";
import type { JauntConfig } from "../config/types.ts";
import { type FileStamp, stampOf } from "../discovery/file-stamp.ts";
import { type Discovery, discover, type DiscoverOptions } from "../discovery/discover.ts";
import { ProjectResolver } from "../discovery/project-resolver.ts";
import { missingRootWarnings } from "../discovery/root-warnings.ts";
import { JauntDiscoveryProblemsError } from "../discovery/errors.ts";
import type { DiscoveryProblemData, ModuleInfo, ModuleKind } from "../discovery/types.ts";
import { generatedPathFor } from "../generated/paths.ts";
import { WrittenRecords } from "../generated/written-record.ts";
import { buildOrder, dependentsOf, downstreamLengths } from "./build-order.ts";
import { type BuiltInputs, inputsOf, readBuiltInputs, writeBuiltInputs } from "./built-inputs.ts";
import { legacySpecDigest, moduleDigest, requestDigests, SPEC_DIGEST_VERSION, specDigest, type Digest } from "./digests.ts";
import { driftReasons } from "./drift.ts";
import { scanEdits } from "./edits.ts";
import { scanGenerated } from "./generated-scan.ts";
import { HandwrittenFiles } from "./handwritten.ts";
import { HeaderCache } from "./header-cache.ts";
import { MeaningCache } from "./meaning-cache.ts";
import { contentKey, type GraphParts, GraphMemo } from "./graph-memo.ts";
import { assertAcyclic, deriveModuleDeps } from "./module-graph.ts";
import type { Orphan, Plan, PlannedModule, PlannedSpec } from "./plan-types.ts";
import { buildSpecGraph, type SpecGraphOptions } from "./spec-graph.ts";
import { computeStaleness, type DigestHistory, type StalenessInput } from "./staleness.ts";

export interface PlanOptions {
  /** A loaded config (its `root` is the project root). Load one with `loadConfig` from src/config/load.ts. */
  readonly config: JauntConfig;
  /** `false` disables dependency inference for build and test modules alike (`--no-infer-deps`); default: from config. */
  readonly inferDeps?: boolean;
  /** Use the parse cache under `.jaunt/cache/` (default true). */
  readonly cache?: boolean;
  /** A walk of the roots and the stamps taken right after it (the status memo's snapshot), reused instead of walking again. */
  readonly walked?: DiscoverOptions["walked"];
}

function toPosix(p: string): string {
  return p.replaceAll("\\", "/");
}

function duplicateModules(modules: readonly ModuleInfo[]): DiscoveryProblemData[] {
  const seen = new Map<string, string>();
  const problems: DiscoveryProblemData[] = [];
  for (const info of modules) {
    const other = seen.get(info.module);
    if (other !== undefined) {
      problems.push({ file: info.file, line: 1, column: 1, message: `${info.file} and ${other} are both module ${info.module}`, hint: "rename one of the files: a module name must be unique" });
    }
    seen.set(info.module, info.file);
  }
  return problems;
}

/** Build the spec and module graphs (throwing discovery problems and cycles), and remember them in `memo`. */
function buildGraph(discovery: Discovery, found: { before: readonly DiscoveryProblemData[]; after: readonly DiscoveryProblemData[] }, options: SpecGraphOptions, memo: GraphMemo): GraphParts {
  const graph = buildSpecGraph(discovery, options);
  const problems = [...found.before, ...graph.problems, ...found.after];
  if (problems.length > 0) throw new JauntDiscoveryProblemsError(problems);
  const moduleDeps = deriveModuleDeps(graph, discovery.modules.map((info) => info.module));
  assertAcyclic(graph, moduleDeps);
  const dependents = dependentsOf(moduleDeps);
  const downstream = downstreamLengths(moduleDeps, dependents);
  const order = buildOrder(moduleDeps, { dependents, downstream });
  const parts: GraphParts = { deps: graph.deps, handwritten: graph.handwritten, warnings: graph.warnings, moduleDeps, dependents, downstream, order };
  memo.remember(parts, discovery.probe.record());
  return parts;
}

/**
 * Plan the project: discover specs, build and check the graph, compute
 * digests and staleness. Throws JauntDiscoveryProblemsError (all discovery
 * problems at once) or JauntDependencyCycleError; both exit 2.
 */
export async function planProject(options: PlanOptions): Promise<Plan> {
  const { config } = options;
  const root = config.root;
  const generatedDir = config.paths.generatedDir;
  const useCache = options.cache ?? true;
  const [discovery, prints] = await Promise.all([discover({ root, paths: config.paths, cache: useCache, ...(options.walked ? { walked: options.walked } : {}) }), requestDigests(config)]);
  // Stamps the caller took right after its walk (the status memo's snapshot) are not taken again.
  const known = options.walked?.stamps;
  const stampFor = (file: string): FileStamp | undefined => (known && file in known ? (known[file] ?? undefined) : stampOf(path.join(root, file)));
  const scan = await scanGenerated(root, discovery.generatedFiles, generatedDir, useCache ? HeaderCache.load(root) : undefined, stampFor);
  const inferBuildDeps = options.inferDeps ?? config.build.inferDeps;
  const inferTestDeps = options.inferDeps ?? config.test.inferDeps;
  const memo = new GraphMemo(useCache ? root : undefined, GraphMemo.keyOf([SPEC_DIGEST_VERSION, root, inferBuildDeps, inferTestDeps, generatedDir, prints]));
  const found = { before: [...discovery.problems, ...scan.problems], after: duplicateModules(discovery.modules) };
  // The graph memo is consulted only for a project that discovers cleanly: problems are always reported afresh.
  const clean = found.before.length === 0 && found.after.length === 0;
  const graph = (clean ? memo.graphOf(discovery, discovery.probe) : undefined) ?? buildGraph(discovery, found, { inferBuildDeps, inferTestDeps, root }, memo);
  const warnings = [...missingRootWarnings(root, config.configFile, discovery.missingRoots), ...discovery.warnings, ...graph.warnings];
  const infos = new Map(discovery.modules.map((info) => [info.module, info]));
  const { moduleDeps, dependents, downstream, order } = graph;

  const specs: Record<string, PlannedSpec> = {};
  const digests = new Map<string, Digest>();
  const inputs: StalenessInput[] = [];
  const resolver = new ProjectResolver(root, discovery.walked, discovery.probe);
  const meanings = new MeaningCache(useCache ? root : undefined);
  const handwritten = new HandwrittenFiles({
    specFiles: new Set(discovery.modules.map((m) => m.file)),
    generatedDir,
    probe: discovery.probe,
    resolve: (from, specifier) => resolver.resolve(from, specifier),
    meanings,
  });
  const handwrittenOf = new Map<string, Map<string, Digest>>();
  const changedDigests = new Set<string>();
  for (const id of order) {
    const info = infos.get(id);
    if (!info) continue;
    const specDigests = new Map<string, Digest>();
    for (const spec of info.specs) {
      const digest = discovery.specDigests.get(spec.ref) ?? specDigest(spec);
      specDigests.set(spec.name, digest);
      specs[spec.ref] = { ref: spec.ref, module: id, name: spec.name, kind: spec.kind, digest, deps: graph.deps.get(spec.ref) ?? [], info: spec };
    }
    const dependsOn = moduleDeps.get(id) ?? [];
    const reached = handwritten.of(info);
    handwrittenOf.set(id, reached);
    // Recomputed only where the inputs changed: the edited module and what depends on it.
    const { digest, changed } = memo.digestOf(id, { content: contentKey(info.kind, info.contentHash), deps: dependsOn, handwritten: reached }, dependsOn.some((d) => changedDigests.has(d)), () => {
      const dependencyDigests = new Map(dependsOn.map((d): [string, Digest] => [d, digests.get(d) ?? "sha256:"]));
      return moduleDigest({ module: id, kind: info.kind, request: prints[info.kind], specDigests, dependencyDigests, handwritten: reached });
    });
    if (changed) changedDigests.add(id);
    digests.set(id, digest);
    const generatedFile = toPosix(generatedPathFor(info.file, info.kind, generatedDir));
    inputs.push({ id, module: id, kind: info.kind, generatedFile, digest, specRefs: info.specs.map((s) => s.ref), dependsOn });
  }
  const edits = scanEdits(root, scan.headers, WrittenRecords.load(root), stampFor);
  // Module digests in the previous format, computed only for modules whose header differs (an upgrade).
  const legacy = new Map<string, Digest>();
  const legacyDigest = (id: string): Digest => {
    const known = legacy.get(id);
    if (known) return known;
    const info = infos.get(id);
    if (!info) return "sha256:";
    const specDigests = new Map(info.specs.map((spec): [string, Digest] => [spec.name, legacySpecDigest(spec)]));
    const dependencyDigests = new Map((moduleDeps.get(id) ?? []).map((d): [string, Digest] => [d, legacyDigest(d)]));
    const digest = moduleDigest({ module: id, kind: info.kind, request: prints[info.kind], specDigests, dependencyDigests, handwritten: handwritten.legacyOf(info) });
    legacy.set(id, digest);
    return digest;
  };
  const records = new Map<string, BuiltInputs | undefined>();
  const recordOf = (id: string): BuiltInputs | undefined => {
    if (!records.has(id)) records.set(id, readBuiltInputs(root, id));
    return records.get(id);
  };
  const upgraded: { id: string; header: string }[] = [];
  const digestById = new Map(inputs.map((i) => [i.id, i.digest]));
  const history: DigestHistory = {
    equivalent: (module, header) => {
      const record = recordOf(module.id);
      if (record && record.header === header && record.digest === module.digest) return true;
      if (record?.header === header || legacyDigest(module.id) !== header) return false;
      upgraded.push({ id: module.id, header });
      return true;
    },
    explain: (module, header) => {
      const record = recordOf(module.id);
      if (!record || record.header !== header) return undefined;
      const info = infos.get(module.id);
      const dependencySpecs = new Map<string, Map<string, Digest>>();
      for (const spec of info?.specs ?? []) {
        for (const dep of graph.deps.get(spec.ref) ?? []) {
          const owner = dep.slice(0, dep.lastIndexOf(":"));
          if (owner === module.id) continue;
          const digest = discovery.specDigests.get(dep);
          if (digest) dependencySpecs.set(owner, (dependencySpecs.get(owner) ?? new Map()).set(dep, digest));
        }
      }
      return driftReasons(record, {
        specs: new Map((info?.specs ?? []).map((spec) => [spec.ref, { digest: specs[spec.ref]?.digest ?? specDigest(spec), text: () => spec.text }])),
        dependencies: new Map(module.dependsOn.map((d): [string, Digest] => [d, digestById.get(d) ?? "sha256:"])),
        dependencySpecs,
        handwritten: handwrittenOf.get(module.id) ?? new Map(),
        request: prints[module.kind],
      }, recordOf);
    },
  };
  const staleness = computeStaleness(inputs, scan.headers, edits.edited, history);
  const modules: PlannedModule[] = inputs
    .map((input): PlannedModule => {
      const state = staleness.get(input.id) ?? { status: "stale", reasons: [{ kind: "digest", ref: null, diff: null, message: "not planned" }], stampable: false };
      const writtenBy = edits.writtenBy.get(input.generatedFile);
      return {
        id: input.id,
        kind: input.kind,
        file: infos.get(input.id)?.file ?? "",
        generatedFile: input.generatedFile,
        specRefs: input.specRefs,
        dependsOn: input.dependsOn,
        dependents: dependents.get(input.id) ?? [],
        digest: input.digest,
        status: state.status,
        reasons: state.reasons.map((r) => r.message),
        causes: state.reasons,
        stampable: state.stampable,
        ...(writtenBy ? { writtenBy } : {}),
        downstream: downstream.get(input.id) ?? 1,
        handwrittenImports: graph.handwritten.get(input.id) ?? [],
        handwrittenDigests: Object.fromEntries(handwrittenOf.get(input.id) ?? []),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const expected = new Set(inputs.map((i) => i.generatedFile));
  const orphans: Orphan[] = [];
  for (const [file, header] of scan.headers) {
    if (expected.has(file) || header.status !== "ok") continue;
    orphans.push({ generatedFile: file, sourceModule: header.header.sourceModule, kind: header.header.kind });
  }
  orphans.sort((a, b) => (a.generatedFile < b.generatedFile ? -1 : 1));
  const stale = new Set(modules.filter((m) => m.status === "stale").map((m) => m.id));
  const result: Plan = {
    version: 1,
    root,
    config,
    modules,
    specs,
    order,
    buildOrder: order.filter((id) => stale.has(id)),
    orphans,
    warnings,
    probes: discovery.probe.record(),
    handwrittenFiles: handwritten.files(),
    requestDigests: prints,
  };
  await Promise.all([meanings.save(), memo.save()]);
  // Headers of the previous digest format stay as they are; the record says what they are equivalent to now.
  const byId = new Map(modules.map((m) => [m.id, m]));
  await Promise.all(upgraded.map(({ id, header }) => {
    const module = byId.get(id);
    return module ? writeBuiltInputs(root, id, inputsOf(result, module, header)) : undefined;
  }));
  return result;
}
