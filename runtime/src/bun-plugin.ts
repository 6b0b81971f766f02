/**
 * `@jaunt/runtime/bun-plugin` — links every spec module to its generated
 * sibling statically, for `Bun.build` (any target, `compile` too) and as a
 * runtime plugin in a preload (`bun run`, `bun test`).
 *
 * @example
 * import jaunt from "@jaunt/runtime/bun-plugin";
 * await Bun.build({ entrypoints: ["src/main.ts"], outdir: "dist", plugins: [jaunt()] });
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { JauntConfigError } from "./errors.ts";
import { assertLinkable, linkModuleSource, readSpecModule, type SpecModule } from "./plugins/spec-module.ts";

/** The parts of Bun's plugin builder this plugin uses (structurally a Bun `PluginBuilder`). */
export interface JauntBunPluginBuilder {
  /** Present for `Bun.build`, absent for a runtime plugin (`Bun.plugin`). */
  readonly config?: object;
  onResolve(
    constraints: { filter: RegExp; namespace?: string },
    callback: (args: { path: string; importer: string }) => { path: string; namespace?: string } | undefined,
  ): unknown;
  onLoad(
    constraints: { filter: RegExp; namespace?: string },
    callback: (args: { path: string }) => { contents: string; loader: "js" | "ts" | "tsx" } | undefined,
  ): unknown;
}

/** A Bun plugin (pass it to `Bun.build({ plugins })` or `Bun.plugin()`). */
export interface JauntBunPlugin {
  readonly name: string;
  setup(build: JauntBunPluginBuilder): void;
}

const NAMESPACE = "jaunt-link";
const LINK_SUFFIX = ".jaunt-link.js";
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
/** TypeScript files outside node_modules: where spec modules live (runtime plugins must answer every file they match). */
const PROJECT_TS_FILE = /^(?!.*[\\/]node_modules[\\/]).*\.(?:ts|tsx|mts)$/;
const RUNTIME_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*)(["'])@jaunt\/runtime\2/g;

function isOwnFile(file: string): boolean {
  return file.includes("/node_modules/") || file.includes("\\node_modules\\");
}

function specModuleAt(file: string): SpecModule | undefined {
  if (isOwnFile(file) || !SOURCE_FILE.test(file)) return undefined;
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  return readSpecModule(file, source);
}

/** `Bun.build` defaults to `target: "browser"`, where the runtime's Node built-ins do not exist. */
function checkTarget(config: object): void {
  const target: unknown = "target" in config ? config.target : undefined;
  if (target === "bun" || target === "node") return;
  // Bun.build prints only the message: the fix goes there, not in a hint.
  const shown = target === undefined ? "(default: browser)" : JSON.stringify(target);
  throw new JauntConfigError(`Bun.build target ${shown} cannot run Jaunt specs: pass target: "bun" or target: "node" (compile implies "bun")`, "config.bundle_target");
}

/** `Bun.build`: the spec module's `@jaunt/runtime` import resolves to its link module. */
function setupBundler(build: JauntBunPluginBuilder, config: object): void {
  if (!("compile" in config && config.compile)) checkTarget(config);
  const linked = new Map<string, SpecModule>();
  build.onResolve({ filter: /^@jaunt\/runtime$/ }, ({ importer }) => {
    if (importer.endsWith(LINK_SUFFIX)) return undefined; // the link module's own import
    const spec = specModuleAt(importer);
    if (spec === undefined) return undefined;
    assertLinkable(spec);
    linked.set(importer + LINK_SUFFIX, spec);
    return { path: importer + LINK_SUFFIX, namespace: NAMESPACE };
  });
  build.onLoad({ filter: /./, namespace: NAMESPACE }, ({ path }) => {
    const spec = linked.get(path);
    if (spec === undefined) return undefined;
    const contents = linkModuleSource(spec, assertLinkable(spec), { runtime: "@jaunt/runtime", link: "@jaunt/runtime/link" });
    return { contents, loader: "js" };
  });
}

/**
 * `Bun.plugin` (preload): runtime plugins only see specifiers with a `.` or
 * `:`, so the spec module's own text is loaded with its runtime import
 * pointing at `jaunt-link:<spec file>`.
 */
function setupRuntime(build: JauntBunPluginBuilder): void {
  const linked = new Map<string, SpecModule>();
  build.onLoad({ filter: PROJECT_TS_FILE }, ({ path }) => {
    const source = readFileSync(path, "utf8");
    const loader = extname(path) === ".tsx" ? "tsx" : "ts";
    const spec = readSpecModule(path, source);
    if (spec === undefined) return { contents: source, loader };
    assertLinkable(spec);
    linked.set(path, spec);
    const rewritten = source.replace(RUNTIME_SPECIFIER, (_all: string, before: string, quote: string) => `${before}${quote}${NAMESPACE}:${path}${quote}`);
    return { contents: rewritten, loader };
  });
  build.onLoad({ filter: /./, namespace: NAMESPACE }, ({ path }) => {
    const spec = linked.get(path);
    if (spec === undefined) return undefined;
    // Absolute paths: the link module has no folder of its own to resolve from.
    const requireFromSpec = createRequire(path);
    const specifiers = { runtime: requireFromSpec.resolve("@jaunt/runtime"), link: requireFromSpec.resolve("@jaunt/runtime/link") };
    return { contents: linkModuleSource(spec, assertLinkable(spec), specifiers), loader: "js" };
  });
}

/** The Jaunt plugin for Bun: `Bun.build({ plugins: [jaunt()] })`, or `Bun.plugin(jaunt())` in a preload. */
export default function jaunt(): JauntBunPlugin {
  return {
    name: "jaunt",
    setup(build) {
      if (build.config === undefined) setupRuntime(build);
      else setupBundler(build, build.config);
    },
  };
}
