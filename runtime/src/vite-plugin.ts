/**
 * `@jaunt/runtime/vite-plugin` — links every spec module to its generated
 * sibling statically for Vite (dev, build, SSR) and vitest, on Node and
 * under `bun --bun`. Vite transforms the generated `.ts` module like any
 * other source file, so Node never has to load TypeScript itself.
 *
 * @example
 * // vite.config.ts or vitest.config.ts
 * import jaunt from "@jaunt/runtime/vite-plugin";
 * export default { plugins: [jaunt()] };
 */
import { readFileSync } from "node:fs";
import { assertLinkable, linkModuleSource, readSpecModule, type SpecModule } from "./plugins/spec-module.ts";

/** The part of Vite's (Rollup's) plugin context this plugin uses. */
export interface JauntViteResolveContext {
  resolve(source: string, importer?: string, options?: { skipSelf?: boolean }): Promise<{ id: string } | null>;
}

/** A Vite plugin (structurally a Vite `Plugin`). */
export interface JauntVitePlugin {
  readonly name: string;
  readonly enforce: "pre";
  resolveId(this: JauntViteResolveContext, source: string, importer: string | undefined): Promise<{ id: string } | string | null>;
  load(id: string): string | null;
}

const PREFIX = "\0jaunt-link:";
const SOURCE_FILE = /\.(?:ts|tsx|mts)$/;
const RUNTIME_IMPORTS = new Set(["@jaunt/runtime", "@jaunt/runtime/link"]);

function fileOf(id: string): string {
  const query = id.search(/[?#]/);
  return query === -1 ? id : id.slice(0, query);
}

/** The Jaunt plugin for Vite and vitest: `plugins: [jaunt()]`. */
export default function jaunt(): JauntVitePlugin {
  const linked = new Map<string, SpecModule>();
  return {
    name: "jaunt",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!RUNTIME_IMPORTS.has(source) || importer === undefined) return null;
      if (importer.startsWith(PREFIX)) {
        // The link module's own imports resolve as if from the spec module.
        return this.resolve(source, importer.slice(PREFIX.length), { skipSelf: true });
      }
      const file = fileOf(importer);
      if (source !== "@jaunt/runtime" || !SOURCE_FILE.test(file) || file.includes("/node_modules/")) return null;
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        return null;
      }
      const spec = readSpecModule(file, text);
      if (spec === undefined) return null;
      assertLinkable(spec);
      linked.set(file, spec);
      return PREFIX + file;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const spec = linked.get(id.slice(PREFIX.length));
      if (spec === undefined) return null;
      return linkModuleSource(spec, assertLinkable(spec), { runtime: "@jaunt/runtime", link: "@jaunt/runtime/link" });
    },
  };
}
